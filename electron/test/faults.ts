/**
 * `npm run test:faults`: the fault suite. Under a bounded load (about 5 tx/s on the medical channel: measurements
 * through the app's own workflow objects as ped-alice, measurements through a plain fabric-gateway client, and
 * agreement proposals by parent-carla that ped-alice accepts, each acceptance a notification to carla's
 * NotificationService), it SIGKILLs in turn a peer of each org, the orderer and each chaincode server, brings each
 * back with `network:up` (the same `up()`), and checks:
 *
 * - 0 writes lost: every write reported committed is on the ledger (read back by its client-generated id);
 * - 0 writes reported failed that are on the ledger (outcome-unknown results are counted apart and resolved by
 *   asking the ledger for their transaction id, through a peer other than the one that answered);
 * - heights and block hashes equal across each channel's peers (qscc GetChainInfo);
 * - every accepted agreement notified carla exactly once, across every restart;
 * - no healthy connection closed: a user whose gateway peer was not the node killed stays connected to it;
 * - each fault's blocked time (longest stretch without a committed write) under {@link BLOCKED_BOUND_S};
 * - the ordering service healthy again afterwards (Raft state from `network:status`).
 *
 * It prints a table per fault: attempted, committed, failed, outcome-unknown (and how each resolved), lost,
 * blocked seconds and the messages users saw. Exit code 1 if any check fails. Runs on the network at
 * PEDILEDGER_PORT_OFFSET / PEDILEDGER_NETWORK_DATA, bringing it up first, and leaves it running.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Gateway } from '@hyperledger/fabric-gateway';
import { errorCodes } from '@pediledger/domain';
import { common, peer as peerProtos } from '@hyperledger/fabric-protos';
import { toSerializableError } from '../../shared/errors.ts';
import { openBenchConnection } from '../bench/benchConnection.ts';
import { ConnectionProfileStore } from '../main/fabric/connectionProfiles.ts';
import type { FabricConnection } from '../main/fabric/fabricConnection.ts';
import { NotificationService } from '../main/notifications/notificationService.ts';
import { createWorkflow, type Workflow } from '../main/workflow/workflow.ts';
import { adminIdentity, tlsCaPath } from '../../fabric-network/src/identities.ts';
import { activeOrderers, up } from '../../fabric-network/src/network.ts';
import { raftStatus } from '../../fabric-network/src/raftHealth.ts';
import { profilesDir } from '../../fabric-network/src/paths.ts';
import { crashNode } from '../../fabric-network/src/processes.ts';
import { collectStatus, type NetworkStatus } from '../../fabric-network/src/status.ts';
import { channels, orgs, peers, type PeerOrgKey } from '../../fabric-network/src/topology.ts';
import { dialPeer } from '../../fabric-network/test/fabric.ts';
import {
  classifyRaw,
  paced,
  submitRaw,
  txValidation as txValidationThrough,
  type Outcome,
} from '../../fabric-network/test/load.ts';

/** A fault's longest stretch without a committed write must stay under this (down time + repair + catch-up). */
const BLOCKED_BOUND_S = 90;
/** How long a node stays dead before `up` repairs it, and how long the load runs before and after. */
const DOWN_MS = 8_000;
const STEADY_MS = 6_000;
const AFTER_MS = 12_000;
/** Pacing: app measurements every 500 ms, raw-client measurements every 500 ms, an agreement every 3 s. */
const APP_PACE_MS = 500;
const RAW_PACE_MS = 500;
const AGREEMENT_PACE_MS = 3_000;
const CHILDREN = 6;

interface WriteRecord {
  via: 'app' | 'raw' | 'agreement';
  fault: string;
  childId: string;
  /** The client-generated id: card entry id, or agreement id. */
  id: string;
  txId: string | null;
  outcome: Outcome;
  /** What the user was told: the app's error as it crosses IPC (`CODE: message`); the raw client's error text. */
  message: string | null;
  /** The re-check's remarks (never shown to users). */
  note?: string;
  startedAt: number;
  endedAt: number | null;
  /** For outcome-unknown results: what the re-check found. */
  resolved?: 'on ledger' | 'not on ledger';
  /** After the run: whether the write's effect is on the ledger (read back by its id). */
  onLedger?: boolean;
}

interface Fault {
  name: string;
  /** The node to kill; `raft-leader`: whichever orderer leads the medical channel when the fault starts. */
  node: string;
  /** Gateway peers that stay up, so connections to them must not be closed. */
  healthyGateways: PeerOrgKey[];
}

const quietUp = await up({ progress: () => undefined });
const faults: Fault[] = [
  { name: 'peer of Hospital', node: peers.hospital.name, healthyGateways: ['parents'] },
  { name: 'peer of Parents', node: peers.parents.name, healthyGateways: ['hospital'] },
  { name: 'peer of School', node: peers.school.name, healthyGateways: ['hospital', 'parents'] },
  // With three orderers (a network made with `network:up -- --orderers 3`), the one that leads at the time.
  quietUp.ordererCount === 1
    ? { name: 'orderer (single)', node: 'orderer0', healthyGateways: ['hospital', 'parents'] }
    : { name: 'orderer (Raft leader)', node: 'raft-leader', healthyGateways: ['hospital', 'parents'] },
  { name: 'chaincode server medical', node: 'chaincode.medical', healthyGateways: ['hospital', 'parents'] },
  { name: 'chaincode server report', node: 'chaincode.report', healthyGateways: ['hospital', 'parents'] },
];

/** The node a fault kills, resolving `raft-leader` from the orderers' metrics now. */
async function victimOf(fault: Fault): Promise<string> {
  if (fault.node !== 'raft-leader') return fault.node;
  const [medical] = await raftStatus(activeOrderers(quietUp.ordererCount), ['medical']);
  if (medical?.leader === null || medical?.leader === undefined) throw new Error('medical has no Raft leader');
  return medical.leader;
}

const quiet = (): void => undefined;
const say = (line: string): void => {
  console.log(`[faults ${new Date().toISOString().slice(11, 19)}] ${line}`);
};
const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// ---------------------------------------------------------------------------------------------------------------
// Set-up: the network, the app's services as the demo users, a raw client, the children the load writes to.

const status: NetworkStatus = await collectStatus();
const appDir = await mkdtemp(path.join(tmpdir(), 'pediledger-faults-'));
const profiles = new ConnectionProfileStore({ dataDir: appDir, networkProfilesDir: profilesDir });

async function openUser(uid: string): Promise<{ connection: FabricConnection; workflow: Workflow }> {
  const connection = await openBenchConnection(uid, status, profiles);
  return { connection, workflow: createWorkflow({ connection }) };
}

/** An org admin's credentials: qscc (ledger height, transactions by id) is refused to client identities. */
async function adminPemOf(org: PeerOrgKey): Promise<{ mspId: string; certificatePem: string; keyPem: string }> {
  const admin = adminIdentity(org);
  return {
    mspId: orgs[org].mspId,
    certificatePem: await readFile(admin.certPath, 'utf8'),
    keyPem: await readFile(admin.keyPath, 'utf8'),
  };
}

async function pemOf(uid: string): Promise<{ mspId: string; certificatePem: string; keyPem: string }> {
  const user = status.users.find((u) => u.uid === uid);
  if (user === undefined) throw new Error(`no demo user ${uid}`);
  return {
    mspId: user.mspId,
    certificatePem: await readFile(user.certPath, 'utf8'),
    keyPem: await readFile(user.keyPath, 'utf8'),
  };
}

const alice = await openUser('ped-alice');
const carla = await openUser('parent-carla');
const alicePem = await pemOf('ped-alice');
const dialAs = async (org: PeerOrgKey, pem: typeof alicePem): Promise<{ gateway: Gateway; close: () => void }> =>
  dialPeer({ port: peers[org].port, tlsCaPem: await readFile(tlsCaPath(org)) }, pem);
const raw = await dialAs('hospital', alicePem);

const run = Date.now().toString(36);
const validUntil = new Date(Date.now() + 7 * 86_400_000).toISOString();
const today = new Date().toISOString().slice(0, 10);

async function newChild(tag: string, index: number): Promise<string> {
  const childId = `faults-${run}-${tag}-${index}`;
  const agreementId = `faults-agr-${run}-${tag}-${index}`;
  await carla.workflow.agreements.proposeAgreement({
    agreementId,
    childId,
    pediatricianUid: 'ped-alice',
    purpose: 'Fault suite',
    validUntil,
    child: { givenName: 'Fault', familyName: `Child${tag}${index}`, birthDate: '2019-01-01', sex: 'unknown' },
  });
  await alice.workflow.agreements.acceptAgreement(agreementId);
  return childId;
}

say('Setting up children for the load');
const appChildren: string[] = [];
const rawChildren: string[] = [];
for (let i = 0; i < CHILDREN; i++) {
  appChildren.push(await newChild('app', i));
  rawChildren.push(await newChild('raw', i));
}

// Carla's notifications: each accepted agreement's transaction id must arrive exactly once.
const notified = new Map<string, number>();
/** What the notification service could not handle, by code: each batch it could not ask about is asked again. */
const notifyFailures = new Map<string, number>();
const notifications = new NotificationService({
  connection: carla.connection,
  channels: ['medical', 'report'],
  readers: carla.workflow.notices,
  checkpointDir: path.join(appDir, 'checkpoints'),
  onNotification: (notification) => notified.set(notification.id, (notified.get(notification.id) ?? 0) + 1),
  onError: (error) => {
    const code = toSerializableError(error).code;
    notifyFailures.set(code, (notifyFailures.get(code) ?? 0) + 1);
  },
});
await notifications.start();
const notifiedBefore = new Set(notified.keys());

// Connection states per user, with the time of each change.
const stateLog: { uid: string; at: number; status: string; endpoint: string | null }[] = [];
for (const [uid, user] of [
  ['ped-alice', alice],
  ['parent-carla', carla],
] as const) {
  user.connection.onStateChange((state) => {
    stateLog.push({
      uid,
      at: performance.now(),
      status: state.status,
      endpoint: state.status === 'connected' ? state.endpoint : null,
    });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The load: three paced writers, each recording every write it attempted and how it ended.

const records: WriteRecord[] = [];
const pending = new Set<Promise<void>>();
let currentFault = 'steady';
let loadRunning = true;
/** Read through a function: the writers check it after each await, when the fault loop may have changed it. */
const loadIsRunning = (): boolean => loadRunning;

function track(
  record: WriteRecord,
  work: Promise<{ txId: string }>,
  classify: (error: unknown) => Outcome,
  describe: (error: unknown) => string,
): void {
  records.push(record);
  const done = work.then(
    ({ txId }) => {
      record.txId = txId;
      record.outcome = 'committed';
      record.endedAt = performance.now();
    },
    (error: unknown) => {
      record.outcome = classify(error);
      record.message = describe(error);
      record.txId ??= txIdOf(error);
      record.endedAt = performance.now();
    },
  );
  pending.add(done);
  void done.finally(() => pending.delete(done));
}

function txIdOf(error: unknown): string | null {
  if (typeof error === 'object' && error !== null && 'transactionId' in error) {
    const value = error.transactionId;
    if (typeof value === 'string') return value;
  }
  if (typeof error === 'object' && error !== null && 'txId' in error) {
    const value = error.txId;
    if (typeof value === 'string') return value;
  }
  return null;
}

/**
 * The app's answer by its code: OUTCOME_UNKNOWN (the pipeline's "could not confirm yet", which it keeps re-checking)
 * is outcome-unknown; every other error is a failure the user was told about.
 */
function classifyApp(error: unknown): Outcome {
  return toSerializableError(error).code === errorCodes.outcomeUnknown ? 'unknown' : 'failed';
}

/** What the user saw: the app's error as it crosses IPC to the renderer (code and the app's own message). */
function userMessage(error: unknown): string {
  const { code, message } = toSerializableError(error);
  return `${code}: ${message}`;
}

async function rawMeasurement(childId: string, entryId: string, weightKg: number): Promise<{ txId: string }> {
  const contract = raw.gateway.getNetwork('medical').getContract('medical');
  return submitRaw(
    contract,
    'RecordMeasurement',
    [childId, entryId, JSON.stringify({ date: today, weightKg })],
    (txId) => {
      const pendingRecord = records.find((r) => r.id === entryId);
      if (pendingRecord !== undefined) pendingRecord.txId = txId;
    },
  );
}

/** A write just started through `via`, pending until {@link track} learns its outcome. */
function pendingRecord(via: WriteRecord['via'], childId: string, id: string): WriteRecord {
  return {
    via,
    fault: currentFault,
    childId,
    id,
    txId: null,
    outcome: 'pending',
    message: null,
    startedAt: performance.now(),
    endedAt: null,
  };
}

/**
 * One growth measurement every `paceMs` on one of `children` in turn, sent by `send` (the app's workflow or the raw
 * client) and tracked with that client's `classify` and `describe`.
 */
function measurementLoad(
  via: 'app' | 'raw',
  paceMs: number,
  children: readonly string[],
  send: (childId: string, entryId: string, weightKg: number) => Promise<{ txId: string }>,
  classify: (error: unknown) => Outcome,
  describe: (error: unknown) => string,
): Promise<void> {
  return paced(paceMs, loadIsRunning, (i) => {
    const childId = children[i % CHILDREN] ?? '';
    const record = pendingRecord(via, childId, randomUUID());
    track(record, send(childId, record.id, 15 + (i % 50) / 10), classify, describe);
  });
}

const loads = [
  measurementLoad(
    'app',
    APP_PACE_MS,
    appChildren,
    (childId, entryId, weightKg) =>
      alice.workflow.cards
        .recordMeasurement(childId, { date: today, weightKg }, entryId)
        .then((r) => ({ txId: r.txId })),
    classifyApp,
    userMessage,
  ),
  measurementLoad('raw', RAW_PACE_MS, rawChildren, rawMeasurement, classifyRaw, messageOf),
  paced(AGREEMENT_PACE_MS, loadIsRunning, (i) => {
    const childId = `faults-${run}-agr-${i}`;
    const agreementId = `faults-agr-${run}-n-${i}`;
    const record = pendingRecord('agreement', childId, agreementId);
    // The proposal is set-up; the acceptance (Alice's, notifying Carla) is the write counted.
    const work = carla.workflow.agreements
      .proposeAgreement({
        agreementId,
        childId,
        pediatricianUid: 'ped-alice',
        purpose: 'Fault suite notification',
        validUntil,
        child: { givenName: 'Note', familyName: `Child${i}`, birthDate: '2019-01-01', sex: 'unknown' },
      })
      .then(() => alice.workflow.agreements.acceptAgreement(agreementId))
      .then((r) => ({ txId: r.txId }));
    track(record, work, classifyApp, userMessage);
  }),
];

// ---------------------------------------------------------------------------------------------------------------
// The faults, one after the other.

interface FaultWindow {
  fault: Fault;
  killedAt: number;
  repairedAt: number;
  endAt: number;
  repairS: number;
}
const windows: FaultWindow[] = [];

say('Steady load');
await sleep(STEADY_MS);
for (const fault of faults) {
  currentFault = fault.name;
  const victim = await victimOf(fault);
  say(`SIGKILL ${victim} (${fault.name})`);
  const killedAt = performance.now();
  if ((await crashNode(victim)) === null) throw new Error(`${victim} was not running`);
  fault.node = victim;
  await sleep(DOWN_MS);
  const repairStart = performance.now();
  await up({ progress: quiet });
  const repairedAt = performance.now();
  say(`network:up repaired it in ${((repairedAt - repairStart) / 1000).toFixed(1)} s`);
  await sleep(AFTER_MS);
  windows.push({ fault, killedAt, repairedAt, endAt: performance.now(), repairS: (repairedAt - repairStart) / 1000 });
}
currentFault = 'steady';
loadRunning = false;
await Promise.all(loads);
say(`Load stopped; waiting for ${pending.size} writes still in flight`);
while (pending.size > 0) await Promise.allSettled([...pending]);

// A write belongs to the fault whose window it overlaps: one started just before a kill and still in flight when the
// node died met the fault as much as one started after it.
for (const record of records) {
  const overlapping = windows.find((w) => record.startedAt <= w.endAt && (record.endedAt ?? Infinity) >= w.killedAt);
  if (overlapping !== undefined) record.fault = overlapping.fault.name;
}

// ---------------------------------------------------------------------------------------------------------------
// Checks against the ledger, through peers other than the ones the writes went through where it matters.

async function entryOnLedger(record: WriteRecord, reader: Workflow): Promise<boolean> {
  try {
    if (record.via === 'agreement') {
      return (await reader.agreements.readAgreement(record.id)).status === 'active';
    }
    await reader.cards.readCardEntry(record.childId, record.id);
    return true;
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'chaincodeCode' in error ? error.chaincodeCode : null;
    if (code === 'NOT_FOUND') return false;
    throw error;
  }
}

/** Validation code of a transaction id on a peer (qscc GetTransactionByID), or null when the peer has no such tx. */
async function txValidation(org: PeerOrgKey, txId: string): Promise<number | null> {
  const conn = await dialAs(org, await adminPemOf(org));
  try {
    return await txValidationThrough(conn.gateway, 'medical', txId);
  } finally {
    conn.close();
  }
}

say('Re-checking every write on the ledger');
// Parents' gateway for the re-check: a different peer than Alice's (Hospital) and the raw client's (Hospital).
for (const record of records) {
  const onLedger = await entryOnLedger(record, carla.workflow);
  if (record.outcome === 'unknown') record.resolved = onLedger ? 'on ledger' : 'not on ledger';
  record.onLedger = onLedger;
  if (record.outcome === 'unknown' && record.txId !== null) {
    const code = await txValidation('parents', record.txId);
    const valid = code === peerProtos.TxValidationCode.VALID;
    if (valid !== onLedger && record.via !== 'agreement') {
      record.note = `txId ${record.txId}: validation ${String(code)}, entry ${String(onLedger)}`;
    }
  }
}

async function chainInfo(org: PeerOrgKey, channel: string): Promise<{ height: number; hash: string }> {
  const conn = await dialAs(org, await adminPemOf(org));
  try {
    const bytes = await conn.gateway
      .getNetwork(channel)
      .getContract('qscc')
      .evaluateTransaction('GetChainInfo', channel);
    const info = common.BlockchainInfo.deserializeBinary(bytes);
    return { height: info.getHeight(), hash: Buffer.from(info.getCurrentblockhash_asU8()).toString('hex') };
  } finally {
    conn.close();
  }
}
const ledgerAgreement: string[] = [];
for (const channel of Object.values(channels)) {
  // Peers catch up by gossip and block delivery; allow them a generous while to agree.
  const deadline = Date.now() + 120_000;
  let infos: { org: PeerOrgKey; height: number; hash: string }[] = [];
  for (;;) {
    infos = await Promise.all(channel.members.map(async (org) => ({ org, ...(await chainInfo(org, channel.name)) })));
    const same = infos.every((i) => i.height === infos[0]?.height && i.hash === infos[0].hash);
    if (same || Date.now() > deadline) break;
    await sleep(500);
  }
  const agree = infos.every((i) => i.height === infos[0]?.height && i.hash === infos[0].hash);
  ledgerAgreement.push(
    `${channel.name}: ${infos.map((i) => `${i.org} height ${i.height} ${i.hash.slice(0, 12)}`).join(', ')} ${agree ? '(equal)' : '(DIFFERENT)'}`,
  );
  if (!agree) ledgerAgreement.push(`FAIL ${channel.name}: peers disagree`);
}

// Notifications: wait for the last ones, then compare with the acceptances on the ledger.
const acceptedOnLedger = records.filter((r) => r.via === 'agreement' && r.onLedger === true && r.txId !== null);
const notifyDeadline = Date.now() + 60_000;
while (Date.now() < notifyDeadline && acceptedOnLedger.some((r) => !notified.has(r.txId ?? ''))) await sleep(200);

// ---------------------------------------------------------------------------------------------------------------
// The report.

const failures: string[] = [];
const blockedOf = (w: FaultWindow): number => {
  const commits = records
    .filter((r) => r.outcome === 'committed' && r.endedAt !== null && r.via !== 'agreement')
    .map((r) => r.endedAt ?? 0)
    .filter((t) => t >= w.killedAt && t <= w.endAt)
    .sort((a, b) => a - b);
  let longest = 0;
  let previous = w.killedAt;
  for (const t of [...commits, w.endAt]) {
    longest = Math.max(longest, t - previous);
    previous = t;
  }
  return longest / 1000;
};

for (const w of windows) {
  const mine = records.filter((r) => r.fault === w.fault.name);
  const onLedger = (r: WriteRecord): boolean => r.onLedger === true;
  const committed = mine.filter((r) => r.outcome === 'committed');
  const failed = mine.filter((r) => r.outcome === 'failed');
  const lost = committed.filter((r) => !onLedger(r));
  const failedButOnLedger = failed.filter(onLedger);
  const blocked = blockedOf(w);
  const messages = [...new Set(mine.filter((r) => r.message !== null && r.via !== 'raw').map((r) => r.message ?? ''))];
  const closedHealthy = stateLog.filter(
    (s) =>
      s.at >= w.killedAt &&
      s.at <= w.endAt &&
      s.status !== 'connected' &&
      w.fault.healthyGateways.includes(s.uid === 'ped-alice' ? 'hospital' : 'parents'),
  );
  console.log(
    `\n=== Fault: SIGKILL ${w.fault.node} (${w.fault.name}); network:up repaired in ${w.repairS.toFixed(1)} s`,
  );
  const by = (via: WriteRecord['via']): string => {
    const v = mine.filter((r) => r.via === via);
    const u = v.filter((r) => r.outcome === 'unknown');
    return [
      via.padEnd(10),
      String(v.length).padStart(9),
      String(v.filter((r) => r.outcome === 'committed').length).padStart(9),
      String(v.filter((r) => r.outcome === 'failed').length).padStart(6),
      `${u.length} (${u.filter((r) => r.resolved === 'on ledger').length} on ledger, ${u.filter((r) => r.resolved === 'not on ledger').length} not)`.padStart(
        26,
      ),
      String(v.filter((r) => r.outcome === 'committed' && !onLedger(r)).length).padStart(4),
      String(v.filter((r) => r.outcome === 'failed' && onLedger(r)).length).padStart(16),
    ].join(' ');
  };
  console.log(
    [
      'CLIENT'.padEnd(10),
      'ATTEMPTED',
      'COMMITTED',
      'FAILED',
      'OUTCOME-UNKNOWN (RESOLVED)'.padStart(26),
      'LOST',
      'FAILED-ON-LEDGER',
    ].join(' '),
  );
  for (const via of ['app', 'raw', 'agreement'] as const) console.log(by(via));
  console.log(`blocked: ${blocked.toFixed(1)} s (bound ${BLOCKED_BOUND_S} s)`);
  console.log(
    `healthy connections closed: ${closedHealthy.length === 0 ? 'none' : closedHealthy.map((s) => `${s.uid} → ${s.status}`).join(', ')}`,
  );
  console.log(`messages users saw: ${messages.length === 0 ? '(none)' : ''}`);
  for (const m of messages.slice(0, 4)) console.log(`  - ${m.length > 220 ? `${m.slice(0, 220)}…` : m}`);
  for (const r of mine.filter((x) => x.note !== undefined)) console.log(`  re-check: ${r.via} ${r.note ?? ''}`);
  if (lost.length > 0) failures.push(`${w.fault.name}: ${lost.length} committed writes not on the ledger`);
  if (failedButOnLedger.length > 0) {
    failures.push(
      `${w.fault.name}: ${failedButOnLedger.length} writes reported failed are on the ledger (${failedButOnLedger
        .map((r) => `${r.via} "${(r.message ?? '').slice(0, 80)}"`)
        .slice(0, 3)
        .join('; ')})`,
    );
  }
  if (blocked > BLOCKED_BOUND_S)
    failures.push(`${w.fault.name}: blocked ${blocked.toFixed(1)} s > ${BLOCKED_BOUND_S} s`);
  if (closedHealthy.length > 0) failures.push(`${w.fault.name}: a healthy gateway connection left "connected"`);
}

const steady = records.filter((r) => r.fault === 'steady');
for (const r of steady.filter((x) => x.outcome !== 'committed')) {
  console.log(`  not committed outside faults: ${r.via} ${r.outcome} "${(r.message ?? '').slice(0, 160)}"`);
}
const steadyBad = steady.filter((r) => r.outcome !== 'committed');
console.log(`\nOutside faults: ${steady.length} writes, ${steadyBad.length} not committed`);
if (steadyBad.length > 0) failures.push(`${steadyBad.length} writes outside any fault did not commit`);

console.log('\nLedgers:');
for (const line of ledgerAgreement) {
  console.log(`  ${line}`);
  if (line.startsWith('FAIL')) failures.push(line);
}

const duplicates = [...notified.entries()].filter(([, n]) => n > 1);
const missing = acceptedOnLedger.filter((r) => !notified.has(r.txId ?? ''));
const unexpected = [...notified.keys()].filter(
  (id) => !notifiedBefore.has(id) && !acceptedOnLedger.some((r) => r.txId === id),
);
console.log(
  `Notifications to parent-carla: ${acceptedOnLedger.length} acceptances on the ledger, ${notified.size - notifiedBefore.size} new notifications, ${duplicates.length} duplicated, ${missing.length} missing, ${unexpected.length} unexpected`,
);
if (duplicates.length > 0) failures.push(`${duplicates.length} notifications arrived more than once`);
if (missing.length > 0) {
  failures.push(
    `${missing.length} acceptances never notified carla: ${missing.map((r) => `${r.txId ?? ''} (${r.fault})`).join(', ')}`,
  );
}
console.log(
  `Notification failures asked again: ${notifyFailures.size === 0 ? 'none' : [...notifyFailures].map(([code, n]) => `${code} ×${n}`).join(', ')}`,
);

const raft = (await collectStatus()).raft;
const raftProblems = raft.flatMap((c) => c.problems);
console.log(`Raft after the faults: ${raftProblems.length === 0 ? 'healthy' : raftProblems.join('; ')}`);
if (raftProblems.length > 0) failures.push(...raftProblems);

await notifications.stop();
alice.connection.close();
carla.connection.close();
raw.close();

if (failures.length > 0) {
  console.log(`\nFAULT SUITE FAILED (${failures.length}):`);
  for (const f of failures) console.log(`  - ${f}`);
  process.exit(1);
}
console.log('\nFault suite passed.');
process.exit(0);
