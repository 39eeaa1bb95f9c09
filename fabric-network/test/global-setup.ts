/**
 * Integration tests run against one real network: brought up before the first test file (reusing a running one
 * unless PEDILEDGER_TEST_RESET=1) and stopped after the last, unless PEDILEDGER_KEEP_NETWORK=1. Stopping checks
 * that no process of the network is left behind.
 */
import { down, reset, startedNodeNames, up } from '../src/network.ts';
import { isAlive, readPid } from '../src/processes.ts';

export async function setup(): Promise<void> {
  if (process.env['PEDILEDGER_TEST_RESET'] === '1') await reset();
  await up();
}

export async function teardown(): Promise<void> {
  if (process.env['PEDILEDGER_KEEP_NETWORK'] === '1') return;
  const pids = startedNodeNames()
    .map((name) => ({ name, pid: readPid(name) }))
    .filter((n): n is { name: string; pid: number } => n.pid !== null);
  await down();
  const survivors = pids.filter((n) => isAlive(n.pid));
  if (survivors.length > 0) {
    throw new Error(
      `network:down left processes behind: ${survivors.map((n) => `${n.name} (pid ${n.pid})`).join(', ')}`,
    );
  }
}
