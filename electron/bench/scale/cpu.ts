// CPU time per process during a bench round, from /proc (Linux): the network's nodes by their pid files, and this
// process (the client: the raw fabric-gateway client or the app's main process, whichever the round ran).
import { readFileSync } from 'node:fs';
import { startedNodeNames } from '../../../fabric-network/src/network.ts';
import { runningPid } from '../../../fabric-network/src/processes.ts';

/** Linux reports process times in clock ticks of 1/100 s (USER_HZ) on every platform Node supports. */
const TICKS_PER_SECOND = 100;

function cpuSeconds(pid: number): number | null {
  try {
    // Fields after the command (which may contain spaces) start after the last ')': utime and stime are 14 and 15.
    const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** The processes to watch: every running node of the network, and this one. */
function watched(): Map<string, number> {
  const pids = new Map<string, number>();
  for (const name of startedNodeNames()) {
    const pid = runningPid(name);
    if (pid !== null && !name.startsWith('ca.')) pids.set(name, pid);
  }
  pids.set('client (this process)', process.pid);
  return pids;
}

/** Share of one core each process used between `start()` and `stop()`. */
export interface CpuShares {
  /** Process name → percent of one core. */
  byProcess: Map<string, number>;
  /** Percent of one core, all watched processes together. */
  total: number;
  /** Wall time measured, in s. */
  seconds: number;
}

/** Starts measuring; the returned function stops and reports. */
export function measureCpu(): () => CpuShares {
  const pids = watched();
  const before = new Map([...pids].map(([name, pid]) => [name, cpuSeconds(pid)]));
  const started = process.hrtime.bigint();
  return () => {
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const byProcess = new Map<string, number>();
    for (const [name, pid] of pids) {
      const from = before.get(name);
      const to = cpuSeconds(pid);
      if (from === null || from === undefined || to === null) continue;
      byProcess.set(name, ((to - from) / wall) * 100);
    }
    const total = [...byProcess.values()].reduce((a, b) => a + b, 0);
    return { byProcess, total, seconds: wall };
  };
}

/**
 * "peer0.hospital 42 % (5.1 ms/tx), …", largest first: the share of one core, and the CPU time per committed
 * transaction, which depends much less than throughput on what else the machine is running.
 */
export function describeCpu(shares: CpuShares, committed: number | null): string {
  const perTx = (share: number): string =>
    committed === null || committed === 0
      ? ''
      : ` (${(((share / 100) * shares.seconds * 1000) / committed).toFixed(1)} ms/tx)`;
  const parts = [...shares.byProcess]
    .sort((a, b) => b[1] - a[1])
    .filter(([, share]) => share >= 0.5)
    .map(([name, share]) => `${name} ${share.toFixed(0)} %${perTx(share)}`);
  return `${parts.join(', ')}; all ${shares.total.toFixed(0)} %${perTx(shares.total)}`;
}
