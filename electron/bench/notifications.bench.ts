// Bench of what payload-free chaincode events cost: every demo user's app listens on its channels, as the app does
// (NotificationService: events batched as they arrive, one ListMyNotices evaluation per batch). Prints, per client,
// ListMyNotices evaluations per block that carried events, and for the party the latency from the submitter seeing
// its commit to the notification (paced single writes, then a burst that fills blocks). Run on the running local
// network: npm run bench:notifications
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { collectStatus } from '../../fabric-network/src/status.ts';
import { ConnectionProfileStore } from '../main/fabric/connectionProfiles.ts';
import type { FabricConnection } from '../main/fabric/fabricConnection.ts';
import { NotificationService } from '../main/notifications/notificationService.ts';
import type { NoticeReader } from '../main/notifications/relevance.ts';
import { createWorkflow, type Workflow } from '../main/workflow/workflow.ts';
import { openBenchConnection } from './benchConnection.ts';

const PACED = 30;
const PACE_MS = 500;
const BURST = 40;
const USERS = ['ped-alice', 'ped-bruno', 'parent-carla', 'parent-diego', 'parent-emma', 'admin-oak', 'admin-pine'];

const status = await collectStatus();
const appDir = await mkdtemp(path.join(tmpdir(), 'pediledger-bench-notify-'));
const profiles = new ConnectionProfileStore({
  dataDir: appDir,
  networkProfilesDir: path.resolve(import.meta.dirname, '../../fabric-network/.data/profiles'),
});

interface Listener {
  uid: string;
  workflow: Workflow;
  connection: FabricConnection;
  service: NotificationService;
  /** Each ListMyNotices call: the transaction ids asked about and how long the evaluation took. */
  calls: { txIds: readonly string[]; ms: number }[];
  /** Notification id (transaction id) → when it arrived. */
  arrived: Map<string, number>;
}

async function listen(uid: string): Promise<Listener> {
  const connection = await openBenchConnection(uid, status, profiles);
  const workflow = createWorkflow({ connection });
  const calls: Listener['calls'] = [];
  const arrived = new Map<string, number>();
  const counted = (reader: NoticeReader): NoticeReader => ({
    listMyNotices: async (txIds) => {
      const started = performance.now();
      try {
        return await reader.listMyNotices(txIds);
      } finally {
        calls.push({ txIds, ms: performance.now() - started });
      }
    },
  });
  const service = new NotificationService({
    connection,
    channels: connection.org === 'school' ? ['report'] : ['medical', 'report'],
    readers: { medical: counted(workflow.notices.medical), report: counted(workflow.notices.report) },
    checkpointDir: path.join(appDir, 'checkpoints'),
    onNotification: (notification) => arrived.set(notification.id, performance.now()),
    onError: (error) => {
      console.error(`[${uid}]`, error);
    },
  });
  await service.start();
  return { uid, workflow, connection, service, calls, arrived };
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function summary(samples: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `n=${sorted.length}, p50 ${percentile(sorted, 50).toFixed(0)} ms, p95 ${percentile(sorted, 95).toFixed(0)} ms, max ${(sorted.at(-1) ?? Number.NaN).toFixed(0)} ms`;
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 60_000;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const listeners = new Map<string, Listener>();
let stopBlocks = (): void => undefined;
try {
  for (const uid of USERS) listeners.set(uid, await listen(uid));
  const carla = listeners.get('parent-carla');
  const alice = listeners.get('ped-alice');
  if (carla === undefined || alice === undefined) throw new Error('carla and alice listen');
  // Which block each transaction landed in, from one more stream of the same events.
  const blockOf = new Map<string, bigint>();
  const blocks = carla.connection.withGateway(
    async (gateway) => {
      const events = await gateway.getNetwork('medical').getChaincodeEvents('medical');
      stopBlocks = () => {
        events.close();
      };
      try {
        for await (const event of events) blockOf.set(event.transactionId, event.blockNumber);
      } catch {
        // closed at the end of the bench
      }
    },
    { retryOnUnreachable: false },
  );
  // The streams start "from now"; give the peers a moment to register them.
  await sleep(1_000);
  for (const listener of listeners.values()) listener.calls.length = 0;

  const run = Date.now().toString(36);
  const validUntil = new Date(Date.now() + 86_400_000).toISOString();
  const propose = (i: number): Promise<{ txId: string; committedAt: number; startedAt: number }> => {
    const startedAt = performance.now();
    return carla.workflow.agreements
      .proposeAgreement({
        agreementId: `bench-n-agr-${run}-${String(i)}`,
        childId: `bench-n-child-${run}-${String(i)}`,
        pediatricianUid: 'ped-alice',
        purpose: 'Bench',
        validUntil,
        child: { givenName: 'Bench', familyName: `Notice${String(i)}`, birthDate: '2019-01-01', sex: 'unknown' },
      })
      .then(({ txId }) => ({ txId, committedAt: performance.now(), startedAt }));
  };

  const latency = async (
    label: string,
    writes: Promise<{ txId: string; committedAt: number; startedAt: number }>[],
  ): Promise<string[]> => {
    const done = await Promise.all(writes);
    await until(() => done.every((w) => alice.arrived.has(w.txId)), `${label}: every notification`);
    const fromCommit = done.map((w) => (alice.arrived.get(w.txId) ?? Number.NaN) - w.committedAt);
    const fromSubmit = done.map((w) => (alice.arrived.get(w.txId) ?? Number.NaN) - w.startedAt);
    console.log(`${label}: the pediatrician's notification`);
    console.log(`  after the submitter saw the commit: ${summary(fromCommit)}`);
    console.log(`  after the submit started:           ${summary(fromSubmit)}`);
    return done.map((w) => w.txId);
  };

  const paced: Promise<{ txId: string; committedAt: number; startedAt: number }>[] = [];
  for (let i = 0; i < PACED; i++) {
    paced.push(propose(i));
    await sleep(PACE_MS);
  }
  const pacedIds = await latency(`${String(PACED)} proposals, one every ${String(PACE_MS)} ms`, paced);
  const burstIds = await latency(
    `${String(BURST)} proposals at once`,
    Array.from({ length: BURST }, (_, i) => propose(PACED + i)),
  );

  // Each client's evaluations, against the blocks that carried the events it asked about.
  const written = new Set([...pacedIds, ...burstIds]);
  await sleep(2_000);
  const writtenBlocks = new Set([...written].map((txId) => blockOf.get(txId)));
  console.log(
    `ListMyNotices per client for these ${String(written.size)} transactions in ${String(writtenBlocks.size)} blocks:`,
  );
  for (const listener of listeners.values()) {
    const asked = listener.calls.filter((call) => call.txIds.some((txId) => written.has(txId)));
    if (asked.length === 0) {
      console.log(`  ${listener.uid.padEnd(13)} none: not a member of medical, so no events`);
      continue;
    }
    const txs = asked.reduce((sum, call) => sum + call.txIds.length, 0);
    const ms = asked.map((call) => call.ms);
    console.log(
      `  ${listener.uid.padEnd(13)} ${String(asked.length)} evaluations ` +
        `(${(asked.length / writtenBlocks.size).toFixed(2)} per block, ${(txs / asked.length).toFixed(2)} ` +
        `transactions each); evaluation ${summary(ms)}`,
    );
  }
  stopBlocks();
  await blocks;
} finally {
  stopBlocks();
  for (const listener of listeners.values()) {
    await listener.service.stop();
    listener.connection.close();
  }
  await rm(appDir, { recursive: true, force: true });
}
