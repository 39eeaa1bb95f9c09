/** Bringing the whole local network up (idempotently), down, and back to nothing. */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { syncAccessConfig } from './accessConfig.ts';
import { ensureBinaries, type BuildStamp } from './binaries.ts';
import { caNodeName, caProcess, caReady } from './ca.ts';
import { buildChaincode, ensureChaincodeBuilt } from './chaincodeBuild.ts';
import {
  chaincodeNodeName,
  chaincodeServerProcess,
  defaultDeployment,
  installApproveCommit,
  packageChaincode,
  waitForChaincode,
} from './chaincode.ts';
import { channelMembersPeers, createGenesisBlocks, joinOrderer, joinPeer, waitForRaft } from './channels.ts';
import { waitForDiscovery } from './discovery.ts';
import { createDemoUser, createOrgIdentities } from './identities.ts';
import { migrateIdentities, type MigratableState } from './identityMigration.ts';
import { ordererLoggingSpec, peerLoggingSpec, runningLogSpec, setLogSpec } from './logging.ts';
import { ordererProcess } from './orderer.ts';
import { peerProcess } from './peer.ts';
import { dataDir, nodesDir, stateFile } from './paths.ts';
import { healthzOk, readPid, startNode, stopNode, tcpOpen, waitUntil, type NodeProcessSpec } from './processes.ts';
import { writeConnectionProfiles } from './profiles.ts';
import { raftStatus, type ChannelRaftState } from './raftHealth.ts';
import { ensureOwnerOnlyDir } from './secrets.ts';
import { channels, demoUsers, orderers, orgs, peerOrgKeys, peers, type OrgKey, type OrdererSpec } from './topology.ts';

/**
 * How identities are made (see `identities.ts`): 2 = random one-time secrets, per-school registration authorities and
 * uid = enrollment id. A network made before (no `identityScheme` in its state) has guessable secrets and school
 * admins the chaincode now refuses; `up` migrates it in place (`identityMigration.ts`).
 */
export const IDENTITY_SCHEME = 2;

/** What a completed bootstrap recorded; its presence means "created", so `up` only restarts processes. */
export interface NetworkState extends MigratableState {
  createdAt: string;
  fabricVersion: string;
  ordererCount: number;
  packageIds: Record<string, string>;
}

export function readState(): NetworkState | null {
  if (!existsSync(stateFile)) return null;
  return JSON.parse(readFileSync(stateFile, 'utf8')) as NetworkState;
}

export interface UpOptions {
  ordererCount?: number;
  progress?: (message: string) => void;
}

export function activeOrderers(count: number): OrdererSpec[] {
  return orderers.slice(0, count);
}

export async function up(options: UpOptions = {}): Promise<NetworkState> {
  const started = Date.now();
  const say = (message: string): void => {
    (options.progress ?? console.log)(`[${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${message}`);
  };
  const stamp = await ensureBinaries((line) => {
    say(line);
  });
  // Unchanged sources (hash recorded by the last build) are not recompiled: a repair only restarts what died.
  say(ensureChaincodeBuilt() ? 'Compiled the chaincode' : 'Chaincode sources unchanged since the last build');

  const existing = readState();
  if (existing?.identityScheme !== undefined && existing.identityScheme > IDENTITY_SCHEME) {
    throw new Error(
      `This network's identities are of scheme ${existing.identityScheme}, newer than this code's (${IDENTITY_SCHEME}): update PediLedger before starting it.`,
    );
  }
  let state = existing ?? (await bootstrap(options.ordererCount ?? 1, stamp, say));
  if (existing !== null) {
    say(`Network exists (created ${existing.createdAt}); starting any stopped nodes`);
    const migrating = existing.identityScheme !== IDENTITY_SCHEME;
    // A CA started by earlier code runs with its arguments of then (identities not removable, no enrollment cap):
    // the migration needs the current ones.
    if (migrating) await stopCas();
    await startAll(existing, say);
    if (migrating) state = await migrateIdentities(existing, IDENTITY_SCHEME, say);
    await syncAccess(state, say);
  }
  say(
    `Network is up: ${Object.keys(channels).join(' and ')} channels, Fabric ${state.fabricVersion}, ${state.ordererCount} orderer(s)`,
  );
  return state;
}

export async function startAndWait(
  spec: NodeProcessSpec,
  ready: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  await startNode(spec);
  await waitUntil(ready, { name: spec.name, timeoutMs });
}

async function startCas(say: (m: string) => void): Promise<void> {
  say('Starting the four Fabric CAs');
  await Promise.all(
    (Object.keys(orgs) as OrgKey[]).map((org) =>
      startAndWait(caProcess(org), async () => caReady(org) && (await healthzOk(orgs[org].ca.opsPort))),
    ),
  );
}

async function stopCas(): Promise<void> {
  for (const org of Object.keys(orgs) as OrgKey[]) await stopNode(caNodeName(org));
}

async function startOrderersAndPeers(ordererCount: number, say: (m: string) => void): Promise<void> {
  say(`Starting ${ordererCount} orderer(s) and ${peerOrgKeys.length} peers`);
  await Promise.all([
    ...activeOrderers(ordererCount).map((o) => startAndWait(ordererProcess(o), () => healthzOk(o.opsPort))),
    ...peerOrgKeys.map((org) => startAndWait(peerProcess(peers[org]), () => healthzOk(peers[org].opsPort))),
  ]);
}

/**
 * Readiness of the ordering service: every channel has one Raft leader and every active orderer follows it within
 * `RAFT_LAG_TOLERANCE_BLOCKS` (raftHealth.ts). `/healthz` alone called an orderer ready that had stopped following a channel.
 * A node just restarted catches up from the leader in seconds; one that has not after `timeoutMs` fails `up` with
 * the problems named and the README's runbook to follow.
 */
export async function waitForRaftHealth(
  ordererCount: number,
  say: (m: string) => void,
  timeoutMs = 120_000,
): Promise<void> {
  say('Waiting for every channel to have a Raft leader that every orderer follows');
  const names = Object.values(channels).map((c) => c.name);
  const deadline = Date.now() + timeoutMs;
  let last: ChannelRaftState[];
  for (;;) {
    last = await raftStatus(activeOrderers(ordererCount), names);
    if (last.every((c) => c.problems.length === 0)) return;
    if (Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `RAFT_UNHEALTHY: the ordering service is not ready after ${Math.round(timeoutMs / 1000)} s: ` +
      `${last.flatMap((c) => c.problems).join('; ')}. See the README's "Operations" section (a consenter that stopped following a channel).`,
  );
}

async function startChaincodeServers(packageIds: Record<string, string>, say: (m: string) => void): Promise<void> {
  say('Starting the chaincode servers');
  for (const channel of Object.values(channels)) {
    const packageId = packageIds[channel.name];
    if (packageId === undefined) throw new Error(`no package ID recorded for ${channel.name}`);
    const deployment = defaultDeployment(channel);
    await startAndWait(chaincodeServerProcess(deployment, packageId), () => tcpOpen(deployment.port), 30_000);
  }
}

async function startAll(state: NetworkState, say: (m: string) => void): Promise<void> {
  await startCas(say);
  await startOrderersAndPeers(state.ordererCount, say);
  await waitForRaftHealth(state.ordererCount, say);
  await enforceLogSpecs(state.ordererCount, say);
  await startChaincodeServers(state.packageIds, say);
  say('Waiting for the chaincode to answer');
  await Promise.all(Object.values(channels).map((channel) => waitForChaincode(defaultDeployment(channel))));
  say('Waiting for every peer to see every member org (gossip), so cross-org endorsement works');
  await Promise.all(Object.values(channels).map((channel) => waitForDiscovery(channel)));
}

/**
 * A network created before the committed channel configuration last changed its access sections (who reads, writes,
 * administers; the ACLs) gets them through a configuration update; an up-to-date one is only compared.
 */
async function syncAccess(state: NetworkState, say: (m: string) => void): Promise<void> {
  say("Comparing the channels' access policies with config/configtx.yaml");
  for (const channel of Object.values(channels)) {
    if (await syncAccessConfig(channel.name, activeOrderers(state.ordererCount), say)) {
      say(`${channel.name} now has the access policies of config/configtx.yaml`);
    }
  }
}

/**
 * A peer or orderer that was already running keeps the log spec it started with (or one set later through
 * `PUT /logspec`); `up` brings each back to the one logging.ts defines, and says so.
 */
async function enforceLogSpecs(ordererCount: number, say: (m: string) => void): Promise<void> {
  const nodes = [
    ...activeOrderers(ordererCount).map((o) => ({ name: o.name, opsPort: o.opsPort, spec: ordererLoggingSpec })),
    ...peerOrgKeys.map((org) => ({ name: peers[org].name, opsPort: peers[org].opsPort, spec: peerLoggingSpec })),
  ];
  for (const node of nodes) {
    const running = await runningLogSpec(node.opsPort);
    if (running === node.spec) continue;
    await setLogSpec(node.opsPort, node.spec);
    say(`${node.name} was logging with spec "${running}"; set to "${node.spec}" (fabric-network/src/logging.ts)`);
  }
}

async function bootstrap(ordererCount: number, stamp: BuildStamp, say: (m: string) => void): Promise<NetworkState> {
  // A folder without a state file is a bootstrap that did not finish: nothing committed lives there yet.
  if (existsSync(dataDir)) {
    await down(() => undefined);
    rmSync(dataDir, { recursive: true, force: true });
  }
  // Owner-only: it holds every node's and demo user's private key and the CAs' bootstrap passwords.
  ensureOwnerOnlyDir(dataDir);
  await startCas(say);

  say('Enrolling org admins, nodes and TLS certificates with the CAs');
  const ordererNames = activeOrderers(ordererCount).map((o) => o.name);
  await Promise.all([
    createOrgIdentities('orderer', ordererNames),
    ...peerOrgKeys.map((org) => createOrgIdentities(org, [peers[org].name])),
  ]);
  say(
    `Registering ${demoUsers.length} demo users with one-time secrets (school admins through their school registrar)`,
  );
  await Promise.all(
    peerOrgKeys.map(async (org) => {
      for (const user of demoUsers.filter((u) => u.org === org)) await createDemoUser(user);
    }),
  );

  await startOrderersAndPeers(ordererCount, say);

  say('Creating the medical and report channels');
  await createGenesisBlocks(activeOrderers(ordererCount));
  for (const channel of Object.values(channels)) {
    for (const orderer of activeOrderers(ordererCount)) await joinOrderer(orderer, channel);
  }
  for (const channel of Object.values(channels)) {
    for (const orderer of activeOrderers(ordererCount)) await waitForRaft(orderer, channel);
    for (const peer of channelMembersPeers(channel)) await joinPeer(peer, channel);
  }
  await waitForRaftHealth(ordererCount, say);

  say('Packaging and starting the chaincode servers');
  const packageIds: Record<string, string> = {};
  const packages = [];
  for (const channel of Object.values(channels)) {
    const pkg = await packageChaincode(defaultDeployment(channel));
    packageIds[channel.name] = pkg.packageId;
    packages.push({ channel, pkg });
  }
  await startChaincodeServers(packageIds, say);
  say('Installing, approving and committing the chaincode');
  await Promise.all(packages.map(({ channel, pkg }) => installApproveCommit(defaultDeployment(channel), pkg)));
  say('Waiting for the chaincode to answer');
  await Promise.all(Object.values(channels).map((channel) => waitForChaincode(defaultDeployment(channel))));
  say('Waiting for every peer to see every member org (gossip), so cross-org endorsement works');
  await Promise.all(Object.values(channels).map((channel) => waitForDiscovery(channel)));

  writeConnectionProfiles();
  const state: NetworkState = {
    createdAt: new Date().toISOString(),
    fabricVersion: stamp.fabric.version,
    ordererCount,
    packageIds,
    identityScheme: IDENTITY_SCHEME,
  };
  writeFileSync(stateFile, JSON.stringify(state, null, 2) + '\n');
  return state;
}

/**
 * Recompiles the chaincode and restarts only the chaincode servers: the edit-test loop for contract code. The
 * chaincode definitions stay as committed, so a change to collections or policies still needs `network:reset`.
 */
export async function restartChaincode(progress: (message: string) => void = console.log): Promise<void> {
  const state = readState();
  if (state === null) throw new Error('The network has not been created yet: run `npm run network:up` first.');
  progress('Compiling the chaincode');
  buildChaincode();
  for (const channel of Object.values(channels)) await stopNode(chaincodeNodeName(defaultDeployment(channel)));
  await startChaincodeServers(state.packageIds, progress);
  await Promise.all(Object.values(channels).map((channel) => waitForChaincode(defaultDeployment(channel))));
  progress('Chaincode servers restarted with the freshly compiled contracts');
}

/** Every node with a pid file, in the order they should stop: chaincode, peers, orderers, CAs. */
export function startedNodeNames(): string[] {
  if (!existsSync(nodesDir)) return [];
  return readdirSync(nodesDir)
    .filter((name) => readPid(name) !== null)
    .sort((a, b) => groupOf(a) - groupOf(b) || a.localeCompare(b));
}

export async function down(progress: (message: string) => void = console.log): Promise<string[]> {
  const stopped: string[] = [];
  const names = startedNodeNames();
  for (const rankGroup of [0, 1, 2, 3]) {
    const group = names.filter((name) => groupOf(name) === rankGroup);
    await Promise.all(
      group.map(async (name) => {
        if (await stopNode(name)) stopped.push(name);
      }),
    );
  }
  progress(stopped.length > 0 ? `Stopped ${stopped.join(', ')}` : 'Nothing was running');
  return stopped;
}

/** Stop order: chaincode servers first (peers hold streams to them), CAs last. */
function groupOf(name: string): number {
  if (name.startsWith('chaincode.')) return 0;
  if (name.startsWith('peer')) return 1;
  if (name.startsWith('orderer')) return 2;
  return 3;
}

export async function reset(progress: (message: string) => void = console.log): Promise<void> {
  await down(progress);
  rmSync(dataDir, { recursive: true, force: true });
  progress(`Deleted ${dataDir}`);
}
