// One user's browser shell on the real network, composed exactly as `npm start` does (the app's services with their
// active session: gateway, workflow, notifications), with its own data folder and its own service name in the real OS
// keychain (the run's throwaway keyring), whose entries are deleted when the shell closes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startBrowserShellApp, type BrowserShellApp } from '../../electron/browser-shell/app.ts';
import { profilesDir } from '../../fabric-network/src/paths.ts';
import { KeytarSecretStore } from '../../electron/main/identity/keytarSecretStore.ts';

/** A running shell for one user. */
export interface StoryShell {
  readonly app: BrowserShellApp;
  readonly dataDir: string;
  close(): Promise<void>;
}

/** The local network's profiles: its data folder's (PEDILEDGER_NETWORK_DATA for a second network at a port offset). */
export const networkProfilesDir = profilesDir;

/** Starts a browser shell with its own data folder; it connects once the user enrolls or imports an identity. */
export async function startStoryShell(name: string): Promise<StoryShell> {
  const dataDir = await mkdtemp(path.join(tmpdir(), `pediledger-e2e-${name}-`));
  const secrets = new KeytarSecretStore();
  const keychainService = `PediLedger-e2e-${name}-${Date.now().toString(36)}`;
  const app = await startBrowserShellApp({
    services: { dataDir, networkProfilesDir, secrets, keychainService },
    log: () => undefined,
  });
  return {
    app,
    dataDir,
    close: async () => {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
      // The identities' entries and the app lock's (its own service, see createAppServices).
      for (const service of [keychainService, `${keychainService}.lock`]) {
        for (const account of await secrets.list(service)) await secrets.delete(service, account);
      }
    },
  };
}
