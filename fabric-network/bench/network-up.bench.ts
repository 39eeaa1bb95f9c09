/**
 * `npm run bench:network`: how long `network:up` takes from stopped (binaries and data kept) and after a full reset
 * (binaries cached, everything else created again). Prints the figures; asserts nothing.
 */
import { ensureBinaries, readStamp } from '../src/binaries.ts';
import { down, reset, up } from '../src/network.ts';

const quiet = (): void => undefined;
const runs = Number(process.env['BENCH_RUNS'] ?? 3);

async function timed(action: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await action();
  return (performance.now() - started) / 1000;
}

function summary(label: string, seconds: number[]): string {
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return `${label.padEnd(38)} median ${median.toFixed(1)} s  (runs: ${seconds.map((s) => s.toFixed(1)).join(', ')})`;
}

await ensureBinaries();
const stamp = readStamp();
console.log(`Fabric ${stamp?.fabric.version ?? '?'}, Fabric CA ${stamp?.fabricCa ?? '?'}; ${runs} runs each`);

const fromReset: number[] = [];
const fromStopped: number[] = [];
for (let i = 0; i < runs; i++) {
  await reset(quiet);
  fromReset.push(await timed(() => up({ progress: quiet })));
  await down(quiet);
  fromStopped.push(await timed(() => up({ progress: quiet })));
}
console.log(summary('network:up after reset (full bootstrap)', fromReset));
console.log(summary('network:up from stopped', fromStopped));
