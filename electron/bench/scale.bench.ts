// bench:scale — how the system behaves as a card grows for 18 years and as load rises, on the running local network.
//
//   growth      one card grown to --entries (2,000): write latency and block bytes per write, summary and whole-card
//               read latency, history page time and bytes, and the cost of reading the whole history, at checkpoints
//   writers     six writers on one card through the app (its retries included): lost writes, failures, retries
//   throughput  closed loop at concurrency 1/8/32/64, raw fabric-gateway client and the app's main process
//               interleaved (raw, app, raw, app …), tx/s, p50/p95, ratio, CPU per process
//   rate        a fixed arrival rate (--rate, tx/s), raw then app, p50/p95 and ratio
//   caliper     the same workload from Hyperledger Caliper (fabric-gateway connector), installed into a cache folder
//
// Run: npm run bench:scale [-- growth writers throughput rate caliper] [--entries N] [--seconds S] [--rate R]
// Needs the network up (npm run network:up) and a keyring session (it starts one itself, as the tests do).
import { spawnSync } from 'node:child_process';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { MEDICAL_ENDORSERS, CardHistoryPage, LIMITS, MedicalCardSummary } from '@pediledger/domain';
import { eventually } from '../test/eventually.ts';
import { runCaliper } from './scale/caliper.ts';
import { appClient, json, rawClient, rawGateway, type BenchClient } from './scale/clients.ts';
import { describeCpu, measureCpu } from './scale/cpu.ts';
import { closedLoop, describeRun, openLoop, percentile, throughput, type RunResult } from './scale/load.ts';

// The app's keychain is the real Secret Service: run inside a D-Bus session with an unlocked throwaway keyring.
if (process.env['PEDILEDGER_KEYRING_READY'] === undefined) {
  const script =
    'eval "$(printf bench | gnome-keyring-daemon --unlock --components=secrets)"; export GNOME_KEYRING_CONTROL PEDILEDGER_KEYRING_READY=1; exec "$@"';
  const child = spawnSync(
    'dbus-run-session',
    ['--', 'bash', '-c', script, 'bench', process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        XDG_DATA_HOME: `${process.env['TMPDIR'] ?? '/tmp'}/pediledger-bench-keyring-${String(process.pid)}`,
      },
    },
  );
  process.exit(child.status ?? 1);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    entries: { type: 'string', default: '2000' },
    seconds: { type: 'string', default: '20' },
    rate: { type: 'string', default: '68' },
    concurrency: { type: 'string', default: '1,8,32,64' },
    /** Which clients the throughput and rate rounds run (default both, interleaved). */
    clients: { type: 'string', default: 'raw,app' },
  },
});
const SECTIONS = ['growth', 'writers', 'throughput', 'rate', 'caliper'] as const;
const selected = positionals.length === 0 ? [...SECTIONS] : positionals;
const ENTRIES = Number(values.entries);
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const CONCURRENCY = values.concurrency.split(',').map(Number);
const CLIENTS = values.clients.split(',');
const run = Date.now().toString(36);
const today = new Date().toISOString().slice(0, 10);
const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString();

function load(): string {
  const [one, five] = (spawnSync('cat', ['/proc/loadavg'], { encoding: 'utf8' }).stdout || '? ?').split(' ');
  return `load average ${one ?? '?'} (1 min) ${five ?? '?'} (5 min) on ${String(navigator.hardwareConcurrency)} cores`;
}

console.log(`bench:scale ${new Date().toISOString()}, ${load()}`);
const alice = await rawClient('ped-alice');
const carla = await rawClient('parent-carla');

/** Children with an agreement in force with ped-alice, created `parallel` at a time. */
async function children(prefix: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${run}-${String(i)}`);
  for (let start = 0; start < count; start += 16) {
    const batch = ids.slice(start, start + 16);
    await Promise.all(
      batch.map(async (childId) => {
        const agreement = {
          agreementId: `agr-${childId}`,
          childId,
          pediatricianUid: 'ped-alice',
          purpose: 'Bench',
          validUntil,
          child: { givenName: 'Bench', familyName: 'Child', birthDate: '2015-01-01', sex: 'unknown' },
        };
        await carla.medical.submit('ProposeAgreement', {
          arguments: [JSON.stringify(agreement)],
          endorsingOrganizations: [...MEDICAL_ENDORSERS.ProposeAgreement],
        });
        // Carla's submit waited for the Parents peer; the acceptance is endorsed on Hospital's too.
        await eventually(() => alice.medical.evaluate('ReadAgreement', { arguments: [agreement.agreementId] }));
        await alice.medical.submit('AcceptAgreement', {
          arguments: [agreement.agreementId],
          endorsingOrganizations: [...MEDICAL_ENDORSERS.AcceptAgreement],
        });
      }),
    );
  }
  // Both endorsing peers have committed the cards before the rounds start (Carla evaluates on the Parents peer).
  for (const childId of ids)
    await eventually(() => carla.medical.evaluate('ReadMedicalCard', { arguments: [childId] }));
  return ids;
}

const ms = (value: number): string => `${value.toFixed(0)} ms`;
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

// ---------------------------------------------------------------------------------------------------------------
async function growth(): Promise<void> {
  console.log(`\n## growth: one card to ${String(ENTRIES)} entries`);
  const [childId] = await children('grow', 1);
  if (childId === undefined) return;
  const { gateway, close } = await rawGateway('ped-alice');
  const qscc = gateway.getNetwork('medical').getContract('qscc');
  // The app reads the card as the renderer asks for it: card:read (the whole card) and card:history (one page).
  const app = await appClient('parent-carla');
  const viaApp = async (channel: 'card:read' | 'card:history'): Promise<number> => {
    const started = performance.now();
    const result = await app.router.call(channel, { childId }, { transport: 'electron', origin: 'app://pediledger' });
    if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
    return performance.now() - started;
  };
  const checkpoints = [10, 100, 500, 1000, 2000, 5000].filter((n) => n <= ENTRIES);
  let written = 0;
  const write = (n: number): Promise<void> =>
    alice.recordMeasurement({
      childId,
      entryId: `g-${String(n)}`,
      entry: { date: today, weightKg: 10 + (n % 200) / 10 },
    });
  console.log(
    'entries | write p50 | block/write | summary read | whole card read (raw) | history page 1 | page bytes | app card:read | app card:history',
  );
  for (const checkpoint of checkpoints) {
    // Fill up to the checkpoint minus the samples, 16 writes at a time (entries never conflict).
    const samples = 10;
    while (written < checkpoint - samples) {
      const batch = Math.min(16, checkpoint - samples - written);
      await Promise.all(Array.from({ length: batch }, (_, i) => write(written + i)));
      written += batch;
    }
    // Sequential samples: each alone in its block, so the block's size is the write's.
    const latencies: number[] = [];
    const blockBytes: number[] = [];
    for (let i = 0; i < samples; i++) {
      const started = performance.now();
      const submitted = await alice.medical.submitAsync('RecordMeasurement', {
        arguments: [childId, `g-${String(written)}`, JSON.stringify({ date: today, weightKg: 12 })],
        endorsingOrganizations: [...MEDICAL_ENDORSERS.RecordMeasurement],
      });
      await submitted.getStatus();
      latencies.push(performance.now() - started);
      const block = await qscc.evaluate('GetBlockByTxID', { arguments: ['medical', submitted.getTransactionId()] });
      blockBytes.push(block.length);
      written += 1;
    }
    const summaryTimes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      MedicalCardSummary.parse(json(await carla.medical.evaluate('ReadMedicalCard', { arguments: [childId] })));
      summaryTimes.push(performance.now() - started);
    }
    const wholeStarted = performance.now();
    const whole = await wholeHistory(childId);
    const wholeMs = performance.now() - wholeStarted;
    const pageStarted = performance.now();
    const page = await carla.medical.evaluate('GetMedicalCardHistory', {
      arguments: [childId, String(LIMITS.pageEntries), ''],
    });
    const pageMs = performance.now() - pageStarted;
    const appRead = await viaApp('card:read');
    const appPage = await viaApp('card:history');
    console.log(
      `${String(checkpoint).padStart(7)} | ${ms(percentile(latencies, 50)).padStart(9)} | ` +
        `${kib(percentile(blockBytes, 50)).padStart(11)} | ${ms(percentile(summaryTimes, 50)).padStart(12)} | ` +
        `${`${ms(wholeMs)} (${String(whole.pages)} pages, ${kib(whole.bytes)}, largest ${kib(whole.maxPage)})`.padStart(21)} | ` +
        `${ms(pageMs).padStart(14)} | ${kib(page.length).padStart(10)} | ${ms(appRead).padStart(13)} | ${ms(appPage)}`,
    );
  }
  await app.close();
  close();
}

/** Every page of a card's history, as the app reads a whole card. */
async function wholeHistory(
  childId: string,
): Promise<{ entries: number; pages: number; bytes: number; maxPage: number }> {
  let bookmark = '';
  const totals = { entries: 0, pages: 0, bytes: 0, maxPage: 0 };
  do {
    const bytes = await carla.medical.evaluate('GetMedicalCardHistory', {
      arguments: [childId, String(LIMITS.pageEntries), bookmark],
    });
    const page = CardHistoryPage.parse(json(bytes));
    totals.entries += page.items.length;
    totals.pages += 1;
    totals.bytes += bytes.length;
    totals.maxPage = Math.max(totals.maxPage, bytes.length);
    bookmark = page.bookmark;
  } while (bookmark !== '');
  return totals;
}

// ---------------------------------------------------------------------------------------------------------------
async function writers(): Promise<void> {
  const WRITERS = 6;
  const EACH = 25;
  console.log(`\n## writers: ${String(WRITERS)} writers on one card through the app, ${String(EACH)} writes each`);
  const [childId] = await children('writers', 1);
  if (childId === undefined) return;
  const app = await appClient('ped-alice');
  let retries = 0;
  const unsubscribe = app.services.events.subscribe((event, payload) => {
    if (event === 'tx:progress' && (payload as { stage: string; attempt: number }).stage === 'endorsing') {
      if ((payload as { attempt: number }).attempt > 1) retries += 1;
    }
  });
  const before = MedicalCardSummary.parse(
    json(await carla.medical.evaluate('ReadMedicalCard', { arguments: [childId] })),
  );
  const started = performance.now();
  const result: RunResult = { latencies: [], failures: [], seconds: 0 };
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, writer) => {
      for (let n = 0; n < EACH; n++) {
        const t = performance.now();
        try {
          await app.recordMeasurement({
            childId,
            entryId: `w${String(writer)}-${String(n)}`,
            entry: { date: today, weightKg: 15 },
          });
          result.latencies.push(performance.now() - t);
        } catch (error) {
          result.failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  const after = MedicalCardSummary.parse(
    json(await carla.medical.evaluate('ReadMedicalCard', { arguments: [childId] })),
  );
  const landed = after.version - before.version;
  console.log(
    `${String(WRITERS * EACH)} writes: ${String(landed)} landed, ${String(WRITERS * EACH - landed)} lost, ` +
      `${String(result.failures.length)} failed, ${String(retries)} retries; ${describeRun(result)}`,
  );
  if (result.failures.length > 0) console.log(`  first failure: ${result.failures[0] ?? ''}`);
  unsubscribe();
  await app.close();
}

// ---------------------------------------------------------------------------------------------------------------
/** One round of `client` at `concurrency`, with the CPU each process used. */
async function round(client: BenchClient, concurrency: number, kids: string[], tag: string): Promise<RunResult> {
  const stop = measureCpu();
  const result = await closedLoop(concurrency, SECONDS, (worker, n) =>
    client.recordMeasurement({
      childId: kids[worker % kids.length] ?? '',
      entryId: `${tag}-${client.name}-${String(worker)}-${String(n)}`,
      entry: { date: today, weightKg: 15 },
    }),
  );
  const cpu = stop();
  console.log(`  ${client.name.padEnd(3)} c=${String(concurrency).padStart(2)}: ${describeRun(result)}`);
  console.log(`      CPU: ${describeCpu(cpu, result.latencies.length)}`);
  if (result.failures.length > 0) console.log(`      first failure: ${result.failures[0] ?? ''}`);
  return result;
}

async function throughputSection(): Promise<void> {
  console.log(`\n## throughput: closed loop, ${String(SECONDS)} s per round, RecordMeasurement on 64 cards`);
  const kids = await children('tput', 64);
  const app = CLIENTS.includes('app') ? await appClient('ped-alice') : null;
  const rows: string[] = [];
  for (const concurrency of CONCURRENCY) {
    const tag = `t${String(concurrency)}`;
    const raw = CLIENTS.includes('raw') ? await round(alice, concurrency, kids, tag) : null;
    const viaApp = app === null ? null : await round(app, concurrency, kids, tag);
    if (raw === null || viaApp === null) continue;
    rows.push(
      `  c=${String(concurrency).padStart(2)}  raw ${throughput(raw).toFixed(1)} tx/s  app ${throughput(viaApp).toFixed(1)} tx/s  ` +
        `ratio ${(throughput(viaApp) / throughput(raw)).toFixed(2)}  p95 raw ${ms(percentile(raw.latencies, 95))} app ${ms(percentile(viaApp.latencies, 95))} ` +
        `(${(percentile(viaApp.latencies, 95) / percentile(raw.latencies, 95)).toFixed(2)}×)`,
    );
  }
  if (rows.length > 0) console.log('summary:');
  for (const row of rows) console.log(row);
  await app?.close();
}

async function rateSection(): Promise<void> {
  console.log(`\n## rate: ${String(RATE)} tx/s for ${String(SECONDS)} s, raw then app`);
  const kids = await children('rate', 64);
  const app = CLIENTS.includes('app') ? await appClient('ped-alice') : null;
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  const results: Record<string, RunResult> = {};
  for (const client of (app === null ? [alice] : [alice, app]).filter((c: BenchClient) => CLIENTS.includes(c.name))) {
    const stop = measureCpu();
    if (client.name === 'app') loopDelay.enable();
    results[client.name] = await openLoop(RATE, SECONDS, (n) =>
      client.recordMeasurement({
        childId: kids[n % kids.length] ?? '',
        entryId: `r-${client.name}-${String(n)}`,
        entry: { date: today, weightKg: 15 },
      }),
    );
    const cpu = stop();
    console.log(
      `  ${client.name.padEnd(3)}: ${describeRun(results[client.name] ?? { latencies: [], failures: [], seconds: 1 })}`,
    );
    console.log(`      CPU: ${describeCpu(cpu, results[client.name]?.latencies.length ?? 0)}`);
  }
  if (app !== null) {
    const { beforeWorkflow, workflow, afterWorkflow } = app.timings;
    const p = (samples: number[]): string => `p50 ${ms(percentile(samples, 50))} p95 ${ms(percentile(samples, 95))}`;
    console.log(
      `  app, where a write's time goes in main: router, IPC validation and lock gate ${p(beforeWorkflow)}; ` +
        `workflow (endorse, order, commit on the network) ${p(workflow)}; back through the router ${p(afterWorkflow)}; ` +
        `event loop delay p99 ${ms(loopDelay.percentile(99) / 1e6)}, max ${ms(loopDelay.max / 1e6)}`,
    );
  }
  const raw = results['raw'];
  const viaApp = results['app'];
  if (raw !== undefined && viaApp !== undefined) {
    console.log(
      `  ratio app/raw: ${(throughput(viaApp) / throughput(raw)).toFixed(2)} tx/s, p50 ${(percentile(viaApp.latencies, 50) / percentile(raw.latencies, 50)).toFixed(2)}×, ` +
        `p95 ${(percentile(viaApp.latencies, 95) / percentile(raw.latencies, 95)).toFixed(2)}×`,
    );
  }
  await app?.close();
}

try {
  if (selected.includes('growth')) await growth();
  if (selected.includes('writers')) await writers();
  if (selected.includes('throughput')) await throughputSection();
  if (selected.includes('rate')) await rateSection();
  if (selected.includes('caliper')) {
    await runCaliper({
      concurrency: CONCURRENCY,
      seconds: SECONDS,
      rate: RATE,
      childIds: await children('caliper', 64),
      log: (line) => {
        console.log(line);
      },
    });
  }
  console.log(`\ndone, ${load()}`);
} finally {
  await alice.close();
  await carla.close();
}
