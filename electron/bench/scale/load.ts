// Load drivers and statistics for bench:scale: a closed loop (N workers, each sending its next write as soon as the
// last one committed) and an open loop (writes sent on a fixed schedule, whatever the answers), with percentiles.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** What one run produced. */
export interface RunResult {
  /** Latency of each committed write, submit to commit, in ms. */
  latencies: number[];
  failures: string[];
  /** Wall time from the first send to the last answer, in s. */
  seconds: number;
}

/** The `p`-th percentile (nearest rank) of `samples`. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Committed writes per second. */
export function throughput(run: RunResult): number {
  return run.latencies.length / run.seconds;
}

/** One-line summary: tx/s, p50, p95, failures. */
export function describeRun(run: RunResult): string {
  const ms = (v: number): string => `${Math.round(v)} ms`;
  return (
    `${throughput(run).toFixed(1).padStart(6)} tx/s  p50 ${ms(percentile(run.latencies, 50)).padStart(8)}  ` +
    `p95 ${ms(percentile(run.latencies, 95)).padStart(8)}  ${String(run.failures.length)} failed`
  );
}

async function timed(send: () => Promise<void>, run: RunResult): Promise<void> {
  const started = performance.now();
  try {
    await send();
    run.latencies.push(performance.now() - started);
  } catch (error) {
    run.failures.push(error instanceof Error ? error.message : String(error));
  }
}

/** `concurrency` workers send writes back to back for `seconds`; `next(worker, n)` sends worker's n-th write. */
export async function closedLoop(
  concurrency: number,
  seconds: number,
  next: (worker: number, n: number) => Promise<void>,
): Promise<RunResult> {
  const run: RunResult = { latencies: [], failures: [], seconds: 0 };
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let n = 0; performance.now() < until; n++) await timed(() => next(worker, n), run);
    }),
  );
  run.seconds = (performance.now() - started) / 1000;
  return run;
}

/** Sends `rate` writes per second for `seconds` on a fixed schedule; waits for every answer. */
export async function openLoop(rate: number, seconds: number, next: (n: number) => Promise<void>): Promise<RunResult> {
  const run: RunResult = { latencies: [], failures: [], seconds: 0 };
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const pending: Promise<void>[] = [];
  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(timed(() => next(n), run));
  }
  await Promise.all(pending);
  run.seconds = (performance.now() - started) / 1000;
  return run;
}
