/** Starting, watching and stopping the network's long-running processes: one data folder, log and pid file per node. */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { nodeDir } from './paths.ts';

export interface NodeProcessSpec {
  /** Node name, also the name of its folder under the data dir. */
  name: string;
  command: string;
  args: readonly string[];
  env: Readonly<Record<string, string>>;
  cwd?: string;
  /** Every port this node listens on, checked before start so a clash names the port and its owner. */
  ports: readonly number[];
}

export class NodeStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NodeStartError';
  }
}

export function logFileOf(name: string): string {
  return path.join(nodeDir(name), 'node.log');
}

export function pidFileOf(name: string): string {
  return path.join(nodeDir(name), 'pid');
}

export function readPid(name: string): number | null {
  const file = pidFileOf(name);
  if (!existsSync(file)) return null;
  const pid = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The pid of a node if its pid file names a live process. */
export function runningPid(name: string): number | null {
  const pid = readPid(name);
  return pid !== null && isAlive(pid) ? pid : null;
}

/** Describes who listens on a loopback port, e.g. "pid 4242 (peer)", using ss from iproute2 when present. */
export function portOwner(port: number): string {
  const result = spawnSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const match = /users:\(\("([^"]+)",pid=(\d+)/.exec(result.stdout);
  return match ? `pid ${match[2] ?? '?'} (${match[1] ?? '?'})` : 'another process';
}

export async function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => {
      resolve(false);
    });
    server.listen({ host: '127.0.0.1', port, exclusive: true }, () => {
      server.close(() => {
        resolve(true);
      });
    });
  });
}

export async function assertPortsFree(name: string, ports: readonly number[]): Promise<void> {
  for (const port of ports) {
    if (!(await isPortFree(port))) {
      throw new NodeStartError(`${name} cannot start: port ${port} is already in use by ${portOwner(port)}.`);
    }
  }
}

/** Starts a node in the background (its own process group), appending stdout and stderr to its log. */
export async function startNode(spec: NodeProcessSpec): Promise<number> {
  const existing = runningPid(spec.name);
  if (existing !== null) return existing;
  await assertPortsFree(spec.name, spec.ports);
  mkdirSync(nodeDir(spec.name), { recursive: true });
  const log = openSync(logFileOf(spec.name), 'a');
  const child = spawn(spec.command, spec.args, {
    cwd: spec.cwd ?? nodeDir(spec.name),
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: process.env['HOME'] ?? '/tmp', ...spec.env },
    detached: true,
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new NodeStartError(`${spec.name} could not be started: ${spec.command} did not spawn.`);
  child.unref();
  writeFileSync(pidFileOf(spec.name), `${pid}\n`);
  return pid;
}

/** Stops a node by the pid it was started with: SIGTERM, then SIGKILL if it is still there after the grace period. */
export async function stopNode(name: string, graceMs = 5000): Promise<boolean> {
  const pid = readPid(name);
  if (pid === null) return false;
  if (isAlive(pid)) {
    signalGroup(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(100);
    if (isAlive(pid)) signalGroup(pid, 'SIGKILL');
    while (isAlive(pid)) await sleep(50);
  }
  rmSync(pidFileOf(name), { force: true });
  return true;
}

/**
 * Kills a node the way a crash would: SIGKILL to its process group, no chance to clean up; the pid file stays, as
 * after a real crash, so `network:up` sees a dead node and starts it again. For fault tests and the repair bench.
 * Returns the pid killed, or null when the node was not running.
 */
export async function crashNode(name: string): Promise<number | null> {
  const pid = runningPid(name);
  if (pid === null) return null;
  signalGroup(pid, 'SIGKILL');
  while (isAlive(pid)) await sleep(20);
  return pid;
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // Nodes are started detached, so the pid is also their process group: this reaches any children they spawned.
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

export function tailOfLog(name: string, lines = 25): string {
  const file = logFileOf(name);
  if (!existsSync(file)) return '(no log written)';
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface WaitOptions {
  name: string;
  timeoutMs: number;
  intervalMs?: number;
}

/**
 * Polls a probe until it succeeds. If the node dies or the time runs out, the error names the node and shows the
 * tail of its log, which is almost always where the reason is.
 */
export async function waitUntil(probe: () => Promise<boolean>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    const pid = readPid(options.name);
    if (pid !== null && !isAlive(pid)) {
      throw new NodeStartError(
        `${options.name} exited during start-up. Last lines of ${logFileOf(options.name)}:\n${tailOfLog(options.name)}`,
      );
    }
    if (Date.now() > deadline) {
      throw new NodeStartError(
        `${options.name} was not ready after ${Math.round(options.timeoutMs / 1000)} s. Last lines of ${logFileOf(options.name)}:\n${tailOfLog(options.name)}`,
      );
    }
    await sleep(options.intervalMs ?? 200);
  }
}

/** True when GET http://127.0.0.1:<port>/healthz answers 200 (Fabric's operations endpoint, Fabric CA's too). */
export async function healthzOk(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1500) });
    return response.status === 200;
  } catch {
    return false;
  }
}

export async function tcpOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
