// Test-only: connects the app's services as a demo user of the running network. The user's certificate and key are
// imported into an IdentityService on the real keychain (as the app's import screen does); the connection gets its
// signing material from there, never from the network's files directly.
import { readFile, rm } from 'node:fs/promises';
import { waitForDiscovery } from '../../fabric-network/src/discovery.ts';
import { profilesDir } from '../../fabric-network/src/paths.ts';
import { channels } from '../../fabric-network/src/topology.ts';
import { loadNetworkStatus, userByUid } from '../../fabric-network/test/fabric.ts';
import type { OrgName } from '../../shared/schemas/connectionProfile.ts';
import { ConnectionProfileStore } from '../main/fabric/connectionProfiles.ts';
import { FabricConnection, type FabricConnectionOptions } from '../main/fabric/fabricConnection.ts';
import { IdentityService } from '../main/identity/identityService.ts';
import { KeytarSecretStore } from '../main/identity/keytarSecretStore.ts';
import { filesWithKeyMaterial } from '../main/identity/testing/scanForKeyMaterial.ts';
import type { TxProgressListener } from '../main/workflow/txProgress.ts';
import { createWorkflow, type Workflow } from '../main/workflow/workflow.ts';

/** The network's own profile folder. */
/** The local network's profiles: its data folder's (PEDILEDGER_NETWORK_DATA for a second network at a port offset). */
export const NETWORK_PROFILES_DIR = profilesDir;

/** Options for {@link connectDemoUser}. */
export interface DemoSessionOptions {
  /** App data folder of this test run. */
  dataDir: string;
  /** Keychain service, unique per run so runs never see each other's entries. */
  keychainService: string;
  onProgress?: TxProgressListener;
  /** Replaces the profile's peers (e.g. to put a closed port first). */
  tweakProfile?: (profile: FabricConnectionOptions['profile']) => FabricConnectionOptions['profile'];
  connection?: Partial<Omit<FabricConnectionOptions, 'profile' | 'signing'>>;
  /** Per-peer deadline of the submitter's commit-status re-check. */
  recheckMs?: number;
}

/** A demo user's workflow, connection and identity. */
export interface DemoSession extends Workflow {
  readonly uid: string;
  readonly identityId: string;
  readonly identities: IdentityService;
  close(): void;
}

/** Imports `uid`'s credentials into the keychain-backed identity store and connects as that identity. */
export async function connectDemoUser(uid: string, options: Readonly<DemoSessionOptions>): Promise<DemoSession> {
  await loadNetworkStatus();
  const user = await userByUid(uid);
  const identities = new IdentityService({
    secrets: new KeytarSecretStore(),
    dataDir: options.dataDir,
    keychainService: options.keychainService,
  });
  const org: OrgName = user.org;
  const existing = (await identities.list()).find((identity) => identity.enrollmentId === uid);
  const summary =
    existing ??
    (await identities.add({
      label: uid,
      org,
      mspId: user.mspId,
      certificatePem: await readFile(user.certPath, 'utf8'),
      privateKeyPem: await readFile(user.keyPath, 'utf8'),
    }));
  const profiles = new ConnectionProfileStore({ dataDir: options.dataDir, networkProfilesDir: NETWORK_PROFILES_DIR });
  const profile = await profiles.get(org);
  const connection = new FabricConnection({
    ...options.connection,
    profile: options.tweakProfile === undefined ? profile : options.tweakProfile(profile),
    signing: await identities.getSigningMaterial(summary.id),
  });
  await connection.open();
  const workflow = createWorkflow({
    connection,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.recheckMs === undefined ? {} : { recheckMs: options.recheckMs }),
  });
  return {
    ...workflow,
    uid,
    identityId: summary.id,
    identities,
    close: () => {
      connection.close();
    },
  };
}

/** Removes every identity the run stored (keychain entries included). */
export async function removeAllIdentities(identities: IdentityService): Promise<void> {
  for (const identity of await identities.list()) await identities.remove(identity.id);
}

/**
 * Ends a test file that stalls a shared peer: waits until every peer's gateway can plan cross-org endorsements again,
 * so the next file finds the network as it expects, closes `sessions` and removes their identities. Returns the files
 * under `dataDir` that hold key material (a test expects none), then removes `dataDir`.
 */
export async function closeAfterStallingAPeer(sessions: readonly DemoSession[], dataDir: string): Promise<string[]> {
  await Promise.all(Object.values(channels).map((channel) => waitForDiscovery(channel)));
  const identities = sessions[0]?.identities;
  for (const session of sessions) session.close();
  if (identities !== undefined) await removeAllIdentities(identities);
  const withKeys = await filesWithKeyMaterial(dataDir);
  await rm(dataDir, { recursive: true, force: true });
  return withKeys;
}
