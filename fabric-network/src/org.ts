/**
 * One organisation's part of a network whose organisations run on separate hosts (`hosts.ts`): the steps its
 * administrator runs on its own host, with only its own keys, in this order:
 *
 * 1. `initOrg`: its CA, MSP, admin and node identities (certificates naming its host), its peer or, for the
 *    orderer organisation, its Raft orderers; for a peer org also its demo users.
 * 2. `exportDefinition`: the public definition others need (MSP roots, host, anchor peer or orderer endpoints and
 *    consenter TLS certificates, CA URL), never a private key; `importDefinitions` takes in the others'.
 * 3. `createChannels` (orderer organisation): the genesis blocks from the definitions, joined by every orderer.
 * 4. `joinChannels`: fetches each of its channels' genesis block from the orderer as its admin and joins its peer.
 * 5. `approveChaincode`: starts its own chaincode servers, installs the deterministic package on its own peer and
 *    approves the definition with its own admin identity.
 * 6. `commitChaincode`: once the lifecycle policy is met (`checkcommitreadiness`), commits the definition.
 *
 * Every step is the same code the local network runs (`network.ts`), on the data folder of this org's host.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { privateKeyMarkers } from '../../scripts/private-key-markers.ts';
import { ensureBinaries } from './binaries.ts';
import { caProcess, caPublicUrl, caReady } from './ca.ts';
import {
  approveForOrg,
  chaincodeServerProcess,
  commitDefinition,
  commitReadiness,
  defaultDeployment,
  installOnPeer,
  isDefinitionCommitted,
  packageChaincode,
} from './chaincode.ts';
import { createGenesisBlocks, genesisBlockPath, joinOrderer, joinPeer, waitForRaft } from './channels.ts';
import { waitForOrgDiscovery } from './discovery.ts';
import { HostSpec, currentDeployment, parseDeploymentFile } from './hosts.ts';
import { createDemoUser, createOrgIdentities, nodeIdentity, orgMspDir, writeNodeOuConfig } from './identities.ts';
import { buildChaincode } from './chaincodeBuild.ts';
import { activeOrderers, startAndWait } from './network.ts';
import { ordererClientArgs, ordererProcess } from './orderer.ts';
import { adminCliEnv, peerProcess } from './peer.ts';
import { bin, channelArtifactsDir, dataDir, orgDir, profilesDir } from './paths.ts';
import { healthzOk, tcpOpen } from './processes.ts';
import { connectionProfile, profilePath, writePortableProfile } from './profiles.ts';
import { run } from './run.ts';
import { ensureOwnerOnlyDir } from './secrets.ts';
import { channels, demoUsers, orgs, peers, type ChannelSpec, type OrgKey, type PeerOrgKey } from './topology.ts';

export class OrgStepError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OrgStepError';
  }
}

const orgKey = z.enum(['orderer', 'hospital', 'parents', 'school']);
const pem = z.string().regex(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n?$/, 'a PEM certificate');
const port = z.number().int().min(1).max(65535);

/** The public definition of one organisation: what the others need to put it in a channel and to reach it. */
export const OrgDefinition = z.strictObject({
  format: z.literal('pediledger-org-definition'),
  version: z.literal(1),
  org: orgKey,
  mspId: z.string(),
  host: HostSpec,
  /** The org CA's self-signed root: its MSP root and, since the same CA issues TLS certificates, its TLS root. */
  caCertPem: pem,
  tlsCaCertPem: pem,
  ca: z.strictObject({ url: z.url(), caName: z.string() }),
  /** A peer org's anchor peers (in the channels' genesis blocks). */
  anchorPeers: z.array(z.strictObject({ host: z.string(), port })),
  /** The orderer org's Raft nodes: endpoint and the TLS certificate each presents (the consenter entry). */
  orderers: z.array(z.strictObject({ name: z.string(), host: z.string(), port, tlsCertPem: pem })),
});
export type OrgDefinition = z.infer<typeof OrgDefinition>;

/** What `initOrg` records in the data folder: which org this host runs, and what later steps add. */
const OrgState = z.strictObject({
  org: orgKey,
  createdAt: z.string(),
  ordererCount: z.number().int(),
  packageIds: z.record(z.string(), z.string()),
});
type OrgState = z.infer<typeof OrgState>;

const orgStateFile = (): string => path.join(dataDir, 'org.json');

export function readOrgState(): OrgState | null {
  if (!existsSync(orgStateFile())) return null;
  return OrgState.parse(JSON.parse(readFileSync(orgStateFile(), 'utf8')));
}

function requireOrgState(): OrgState {
  const state = readOrgState();
  if (state === null) throw new OrgStepError(`ORG_NOT_INITIALISED: no org.json in ${dataDir}: run network:org init`);
  return state;
}

function writeOrgState(state: OrgState): void {
  writeFileSync(orgStateFile(), JSON.stringify(state, null, 2) + '\n');
}

function requireDeployment(): NonNullable<ReturnType<typeof currentDeployment>> {
  const deployment = currentDeployment(dataDir);
  if (deployment === null) {
    throw new OrgStepError('DEPLOYMENT_MISSING: per-org steps need host names: pass --hosts <deployment.json>');
  }
  return deployment;
}

function isPeerOrg(org: OrgKey): org is PeerOrgKey {
  return org !== 'orderer';
}

function memberChannels(org: PeerOrgKey): ChannelSpec[] {
  return Object.values(channels).filter((channel) => channel.members.includes(org));
}

export interface InitOptions {
  org: OrgKey;
  /** The deployment file to use (copied into the data folder, so later steps find it). */
  hostsFile: string;
  /** Raft orderers of the orderer org (three by default). */
  ordererCount?: number;
  say?: (message: string) => void;
}

/** Step 1: the org's CA, identities and nodes on this host; idempotent (a second run starts stopped nodes). */
export async function initOrg(options: InitOptions): Promise<void> {
  const say = options.say ?? console.log;
  const { org } = options;
  await ensureBinaries(say);
  const existing = readOrgState();
  if (existing !== null && existing.org !== org) {
    throw new OrgStepError(`ORG_MISMATCH: ${dataDir} already holds ${existing.org}, not ${org}`);
  }
  // Checked before anything is written: a bad deployment file changes nothing.
  const hostsText = readFileSync(options.hostsFile, 'utf8');
  const deployment = parseDeploymentFile(hostsText, options.hostsFile);
  // Owner-only: it will hold the org's private keys and its CA's bootstrap password.
  ensureOwnerOnlyDir(dataDir);
  writeFileSync(path.join(dataDir, 'deployment.json'), hostsText);
  const ordererCount = existing?.ordererCount ?? (org === 'orderer' ? (options.ordererCount ?? 3) : 0);
  say(`${orgs[org].label}: CA on ${deployment.hosts[org].name} (${deployment.hosts[org].address})`);
  await startAndWait(caProcess(org), async () => caReady(org) && (await healthzOk(orgs[org].ca.opsPort)));
  if (existing === null) {
    const nodeNames = isPeerOrg(org) ? [peers[org].name] : activeOrderers(ordererCount).map((o) => o.name);
    say(`${orgs[org].label}: enrolling its admin and ${nodeNames.join(', ')} (TLS names its host)`);
    await createOrgIdentities(org, nodeNames);
    if (isPeerOrg(org)) {
      const users = demoUsers.filter((user) => user.org === org);
      say(`${orgs[org].label}: registering ${users.length} demo users`);
      for (const user of users) await createDemoUser(user);
    }
  }
  await startOrgNodes(org, existing, ordererCount, say);
  if (existing === null) {
    writeOrgState({ org, createdAt: new Date().toISOString(), ordererCount, packageIds: {} });
  }
}

/** The org's peer (and, when it approved chaincode before, its chaincode servers) or its Raft orderers. */
async function startOrgNodes(
  org: OrgKey,
  existing: OrgState | null,
  ordererCount: number,
  say: (message: string) => void,
): Promise<void> {
  if (isPeerOrg(org)) {
    say(`${orgs[org].label}: starting ${peers[org].name}`);
    await startAndWait(peerProcess(peers[org]), () => healthzOk(peers[org].opsPort));
    // A host coming back: its chaincode servers too, for the packages it approved before.
    for (const channel of memberChannels(org)) {
      const packageId = existing?.packageIds[channel.name];
      if (packageId === undefined) continue;
      const deployment = defaultDeployment(channel);
      await startAndWait(chaincodeServerProcess(deployment, packageId), () => tcpOpen(deployment.port), 30_000);
    }
  } else {
    say(`${orgs[org].label}: starting ${ordererCount} Raft orderer(s)`);
    await Promise.all(
      activeOrderers(ordererCount).map((o) => startAndWait(ordererProcess(o), () => healthzOk(o.opsPort))),
    );
  }
}

/** Step 2: the org's public definition; refuses to write anything that holds private key material. */
export function exportDefinition(file: string): OrgDefinition {
  const state = requireOrgState();
  const deployment = requireDeployment();
  const { org } = state;
  const host = deployment.hosts[org];
  const read = (f: string): string => readFileSync(f, 'utf8');
  const definition = OrgDefinition.parse({
    format: 'pediledger-org-definition',
    version: 1,
    org,
    mspId: orgs[org].mspId,
    host,
    caCertPem: read(path.join(orgMspDir(org), 'cacerts', 'ca.pem')),
    tlsCaCertPem: read(path.join(orgMspDir(org), 'tlscacerts', 'ca.pem')),
    ca: { url: caPublicUrl(org), caName: orgs[org].ca.name },
    anchorPeers: isPeerOrg(org) ? [{ host: host.name, port: peers[org].port }] : [],
    orderers: isPeerOrg(org)
      ? []
      : activeOrderers(state.ordererCount).map((o) => {
          const tls = nodeIdentity('orderer', o.name).tls;
          if (tls === undefined) throw new OrgStepError(`${o.name} has no TLS identity`);
          return { name: o.name, host: host.name, port: o.port, tlsCertPem: read(tls.certPath) };
        }),
  });
  const text = JSON.stringify(definition, null, 2) + '\n';
  const markers = privateKeyMarkers(Buffer.from(text));
  if (markers.length > 0) {
    throw new OrgStepError(`PRIVATE_KEY_IN_DEFINITION: refusing to write ${file}: it holds ${markers.join(', ')}`);
  }
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, text);
  return definition;
}

/** Checks another org's definition against the deployment file (same host, same MSP id) before anything is written. */
export function parseDefinition(text: string, file: string): OrgDefinition {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new OrgStepError(`DEFINITION_INVALID: ${file} is not JSON`);
  }
  const parsed = OrgDefinition.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new OrgStepError(`DEFINITION_INVALID: ${file}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`);
  }
  const definition = parsed.data;
  if (definition.mspId !== orgs[definition.org].mspId) {
    throw new OrgStepError(`DEFINITION_INVALID: ${file}: ${definition.org} has MSP id ${orgs[definition.org].mspId}`);
  }
  if (privateKeyMarkers(Buffer.from(text)).length > 0) {
    throw new OrgStepError(`DEFINITION_INVALID: ${file} holds private key material; ask its admin for a new export`);
  }
  return definition;
}

/**
 * Takes in other organisations' definitions: their MSP roots (and, from the orderer org, each consenter's TLS
 * certificate) are written where the channel configuration and the CLI look for them. All files are checked first.
 */
export function importDefinitions(files: readonly string[]): OrgDefinition[] {
  const state = requireOrgState();
  const deployment = requireDeployment();
  const definitions = files.map((file) => parseDefinition(readFileSync(file, 'utf8'), file));
  for (const [i, definition] of definitions.entries()) {
    if (definition.org === state.org) {
      throw new OrgStepError(`DEFINITION_IS_OWN: ${files[i] ?? ''} is ${state.org}'s own definition`);
    }
    const expected = deployment.hosts[definition.org];
    if (definition.host.name !== expected.name || definition.host.address !== expected.address) {
      throw new OrgStepError(
        `DEFINITION_HOST_MISMATCH: ${files[i] ?? ''} puts ${definition.org} on ${definition.host.name}, ` +
          `the deployment file on ${expected.name}`,
      );
    }
  }
  for (const definition of definitions) {
    const msp = orgMspDir(definition.org);
    mkdirSync(path.join(msp, 'cacerts'), { recursive: true });
    mkdirSync(path.join(msp, 'tlscacerts'), { recursive: true });
    writeFileSync(path.join(msp, 'cacerts', 'ca.pem'), definition.caCertPem);
    writeFileSync(path.join(msp, 'tlscacerts', 'ca.pem'), definition.tlsCaCertPem);
    writeNodeOuConfig(msp);
    for (const orderer of definition.orderers) {
      const tls = nodeIdentity('orderer', orderer.name).tls;
      if (tls === undefined) continue;
      mkdirSync(path.dirname(tls.certPath), { recursive: true });
      writeFileSync(tls.certPath, orderer.tlsCertPem);
    }
    // Profiles name the CA root of an org's CA by this path, for the orgs whose peers are failover gateways.
    mkdirSync(orgDir(definition.org), { recursive: true });
  }
  return definitions;
}

/** Step 3 (orderer org): each channel's genesis block from the imported definitions, joined by every orderer. */
export async function createChannels(say: (m: string) => void = console.log): Promise<void> {
  const state = requireOrgState();
  if (state.org !== 'orderer') throw new OrgStepError('NOT_ORDERER_ORG: channels are created by the orderer org');
  for (const member of ['hospital', 'parents', 'school'] as const) {
    if (!existsSync(path.join(orgMspDir(member), 'cacerts', 'ca.pem'))) {
      throw new OrgStepError(`DEFINITION_MISSING: import ${member}'s definition first (--definitions)`);
    }
  }
  const ordererList = activeOrderers(state.ordererCount);
  await createGenesisBlocks(ordererList);
  for (const channel of Object.values(channels)) {
    for (const orderer of ordererList) {
      say(`Orderer: ${orderer.name} joins ${channel.name}`);
      await joinOrderer(orderer, channel);
    }
    for (const orderer of ordererList) await waitForRaft(orderer, channel);
  }
}

/** Step 4: each of the org's channels, fetched from the orderer as its admin (block 0), joined by its peer. */
export async function joinChannels(say: (m: string) => void = console.log): Promise<void> {
  const { org } = requireOrgState();
  if (!isPeerOrg(org)) throw new OrgStepError('NOT_PEER_ORG: the orderer org has no peer to join');
  mkdirSync(channelArtifactsDir, { recursive: true });
  for (const channel of memberChannels(org)) {
    say(`${orgs[org].label}: fetching ${channel.name}'s genesis block from the orderer`);
    // Orderer Deliver checks /Channel/Readers, which names each org's admins: the admin fetches, no client could.
    await run(
      bin('peer'),
      ['channel', 'fetch', '0', genesisBlockPath(channel), '-c', channel.name, ...ordererClientArgs()],
      { env: adminCliEnv(org), purpose: `fetching the genesis block of ${channel.name}` },
    );
    say(`${orgs[org].label}: ${peers[org].name} joins ${channel.name}`);
    await joinPeer(peers[org], channel);
  }
}

/** Step 5: the org's chaincode servers, the package on its own peer, the definition approved as its own admin. */
export async function approveChaincode(say: (m: string) => void = console.log): Promise<void> {
  const state = requireOrgState();
  const { org } = state;
  if (!isPeerOrg(org)) throw new OrgStepError('NOT_PEER_ORG: only peer orgs approve chaincode definitions');
  buildChaincode();
  for (const channel of memberChannels(org)) {
    const deployment = defaultDeployment(channel);
    const pkg = await packageChaincode(deployment);
    state.packageIds[channel.name] = pkg.packageId;
    say(`${orgs[org].label}: chaincode server for ${channel.name} (${pkg.packageId.slice(0, 24)}…)`);
    await startAndWait(chaincodeServerProcess(deployment, pkg.packageId), () => tcpOpen(deployment.port), 30_000);
    await installOnPeer(peers[org], pkg);
    if (await isDefinitionCommitted(deployment, org)) continue;
    say(`${orgs[org].label}: approving ${deployment.name} ${deployment.version} seq ${deployment.sequence}`);
    await approveForOrg(deployment, org, pkg.packageId);
  }
  writeOrgState(state);
}

/** Step 6: commits each of the org's chaincode definitions once a majority of member orgs approved it. */
export async function commitChaincode(say: (m: string) => void = console.log): Promise<void> {
  const { org } = requireOrgState();
  if (!isPeerOrg(org)) throw new OrgStepError('NOT_PEER_ORG: only peer orgs commit chaincode definitions');
  for (const channel of memberChannels(org)) {
    const deployment = defaultDeployment(channel);
    if (await isDefinitionCommitted(deployment, org)) {
      say(`${channel.name}: ${deployment.name} is committed already`);
      continue;
    }
    const approvals = await commitReadiness(deployment, org);
    const approved = Object.entries(approvals).filter(([, yes]) => yes);
    // The channel's LifecycleEndorsement and the approvals rule: MAJORITY of the member orgs.
    if (approved.length * 2 <= channel.members.length) {
      const missing = Object.entries(approvals)
        .filter(([, yes]) => !yes)
        .map(([msp]) => msp);
      throw new OrgStepError(
        `NOT_ENOUGH_APPROVALS: ${deployment.name} on ${channel.name} is approved by ${approved.length} of ` +
          `${channel.members.length} orgs (waiting for ${missing.join(', ')}); nothing was committed`,
      );
    }
    say(`${channel.name}: committing ${deployment.name} (approved by ${approved.map(([m]) => m).join(', ')})`);
    await commitDefinition(deployment, org);
  }
}

/** Waits until the org's own peer can plan cross-org endorsements on each of its channels (gossip has converged). */
export async function waitUntilReady(): Promise<void> {
  const { org } = requireOrgState();
  if (!isPeerOrg(org)) return;
  for (const channel of memberChannels(org)) await waitForOrgDiscovery(org, channel);
}

/** The org's connection profiles: `<org>.json` (this host's demo users) and `<org>.portable.json` for users. */
export function writeOrgProfiles(): string[] {
  const { org } = requireOrgState();
  if (!isPeerOrg(org)) throw new OrgStepError('NOT_PEER_ORG: the orderer org has no app users');
  mkdirSync(profilesDir, { recursive: true });
  writeFileSync(profilePath(org), JSON.stringify(connectionProfile(org), null, 2) + '\n');
  return [profilePath(org), writePortableProfile(org)];
}

/** Height and current block hash of one channel on the org's own peer (`peer channel getinfo`, as its admin). */
export interface ChainInfo {
  height: number;
  currentBlockHash: string;
}

/** {@link ChainInfo} of each of the org's channels: how the multi-host test checks that a returning host caught up. */
export async function channelInfo(): Promise<Record<string, ChainInfo>> {
  const { org } = requireOrgState();
  if (!isPeerOrg(org)) throw new OrgStepError('NOT_PEER_ORG: the orderer org has no peer ledger');
  const info: Record<string, ChainInfo> = {};
  for (const channel of memberChannels(org)) {
    const output = await run(bin('peer'), ['channel', 'getinfo', '-c', channel.name], {
      env: adminCliEnv(org),
      purpose: `asking ${peers[org].name} for the height of ${channel.name}`,
    });
    const parsed = JSON.parse(output.slice(output.indexOf('{'))) as { height: number; currentBlockHash: string };
    info[channel.name] = { height: parsed.height, currentBlockHash: parsed.currentBlockHash };
  }
  return info;
}
