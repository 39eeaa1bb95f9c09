/**
 * `npm run bench:repair`: how long `network:up` takes to repair a network where one node was killed (SIGKILL, as a
 * crash), per node kind: a peer, the orderer, a Fabric CA, a chaincode server. The chaincode sources are unchanged,
 * so no build runs; up returns once the node is back and the network passes its readiness checks (Raft health,
 * chaincode answering, discovery). Runs on the network at PEDILEDGER_PORT_OFFSET / PEDILEDGER_NETWORK_DATA,
 * bringing it up first. Prints the figures; asserts nothing.
 */
import { ensureChaincodeBuilt } from '../src/chaincodeBuild.ts';
import { up } from '../src/network.ts';
import { crashNode } from '../src/processes.ts';

const quiet = (): void => undefined;
const runs = Number(process.env['BENCH_RUNS'] ?? 3);
const victims: { kind: string; node: string }[] = [
  { kind: 'peer', node: 'peer0.parents' },
  { kind: 'orderer', node: 'orderer0' },
  { kind: 'CA', node: 'ca.hospital' },
  { kind: 'chaincode server', node: 'chaincode.report' },
];

function summary(label: string, seconds: number[]): string {
  const sorted = [...seconds].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? NaN;
  return `${label.padEnd(44)} median ${median.toFixed(1)} s  (runs: ${seconds.map((s) => s.toFixed(1)).join(', ')})`;
}

ensureChaincodeBuilt();
const state = await up({ progress: quiet });
console.log(`Repair after SIGKILL, ${state.ordererCount} orderer(s), chaincode unchanged; ${runs} runs each`);
const healthy: number[] = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  await up({ progress: quiet });
  healthy.push((performance.now() - started) / 1000);
}
console.log(summary('network:up on a healthy network (no repair)', healthy));
for (const { kind, node } of victims) {
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    if ((await crashNode(node)) === null) throw new Error(`${node} was not running`);
    const started = performance.now();
    await up({ progress: quiet });
    seconds.push((performance.now() - started) / 1000);
  }
  console.log(summary(`network:up after SIGKILL of ${kind} (${node})`, seconds));
}
