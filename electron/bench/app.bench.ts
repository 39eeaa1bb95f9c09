// Bench of the app's network services on the running local network: ReadMedicalCard latency through the workflow
// API, and submit → commit latency of RecordMeasurement paced at 5 tx/s. Run: npm run bench:app
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { collectStatus } from '../../fabric-network/src/status.ts';
import { ConnectionProfileStore } from '../main/fabric/connectionProfiles.ts';
import type { TxProgress } from '../main/workflow/txProgress.ts';
import { createWorkflow, type Workflow } from '../main/workflow/workflow.ts';
import { openBenchConnection } from './benchConnection.ts';

const READS = 300;
const SUBMITS = 150;
const PACE_MS = 200;
/** Measurements rotate over several children so paced writes never race on one card (that would be an MVCC test). */
const CHILDREN = 10;

const profiles = new ConnectionProfileStore({
  dataDir: path.resolve(import.meta.dirname, '../../.artifacts/bench-app'),
  networkProfilesDir: path.resolve(import.meta.dirname, '../../fabric-network/.data/profiles'),
});
const status = await collectStatus();

async function connectAs(uid: string, onProgress?: (p: TxProgress) => void): Promise<Workflow> {
  const connection = await openBenchConnection(uid, status, profiles);
  return createWorkflow({ connection, ...(onProgress === undefined ? {} : { onProgress }) });
}

function percentile(sorted: readonly number[], p: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

function summary(label: string, samples: readonly number[], ps: readonly number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const parts = ps.map((p) => `p${p} ${percentile(sorted, p).toFixed(1)} ms`);
  return `${label} (n=${samples.length}): ${parts.join(', ')}, max ${(sorted.at(-1) ?? Number.NaN).toFixed(1)} ms`;
}

const run = Date.now().toString(36);
let retries = 0;
const carla = await connectAs('parent-carla');
const alice = await connectAs('ped-alice', (p) => {
  if (p.attempt > 1 && p.stage === 'endorsing') retries++;
});
const childIds: string[] = [];
const validUntil = new Date(Date.now() + 86_400_000).toISOString();
for (let i = 0; i < CHILDREN; i++) {
  const childId = `bench-${run}-${i}`;
  await carla.agreements.proposeAgreement({
    agreementId: `bench-agr-${run}-${i}`,
    childId,
    pediatricianUid: 'ped-alice',
    purpose: 'Bench',
    validUntil,
    child: { givenName: 'Bench', familyName: `Child${i}`, birthDate: '2019-01-01', sex: 'unknown' },
  });
  await alice.agreements.acceptAgreement(`bench-agr-${run}-${i}`);
  childIds.push(childId);
}
const firstChild = childIds[0] ?? '';
const today = new Date().toISOString().slice(0, 10);
await alice.cards.recordMeasurement(firstChild, { date: today, heightCm: 100 });

for (let i = 0; i < 20; i++) await alice.cards.readMedicalCard(firstChild); // warm-up
const reads: number[] = [];
for (let i = 0; i < READS; i++) {
  const started = performance.now();
  await alice.cards.readMedicalCard(firstChild);
  reads.push(performance.now() - started);
}
console.log(summary('ReadMedicalCard via workflow API', reads, [50, 95]));

const commits: number[] = [];
const failures: string[] = [];
const pending: Promise<void>[] = [];
const paceStart = performance.now();
for (let i = 0; i < SUBMITS; i++) {
  const due = paceStart + i * PACE_MS;
  const wait = due - performance.now();
  if (wait > 0) await sleep(wait);
  const childId = childIds[i % CHILDREN] ?? firstChild;
  const started = performance.now();
  pending.push(
    alice.cards.recordMeasurement(childId, { date: today, weightKg: 15 + (i % 50) / 10 }).then(
      () => {
        commits.push(performance.now() - started);
      },
      (error: unknown) => {
        failures.push(error instanceof Error ? error.message : String(error));
      },
    ),
  );
}
await Promise.all(pending);
const elapsedS = (performance.now() - paceStart) / 1000;
console.log(summary(`RecordMeasurement submit→commit at ${1000 / PACE_MS} tx/s`, commits, [50, 95, 99]));
console.log(
  `  ${commits.length} committed, ${failures.length} failed, ${retries} MVCC retries, ` +
    `${(commits.length / elapsedS).toFixed(2)} tx/s achieved over ${elapsedS.toFixed(1)} s`,
);
if (failures.length > 0) console.log(`  first failure: ${failures[0] ?? ''}`);
carla.connection.close();
alice.connection.close();
