/** Running one-shot tools (fabric-ca-client, peer CLI, osnadmin, configtxgen, go) with their output captured. */
import { spawn } from 'node:child_process';

export class CommandError extends Error {
  readonly output: string;
  constructor(message: string, output: string) {
    super(message);
    this.name = 'CommandError';
    this.output = output;
  }
}

export interface RunOptions {
  env?: Readonly<Record<string, string>>;
  cwd?: string;
  /** What the command is for, used in the error message ("joining peer0.school to report"). */
  purpose: string;
  /** Stream output lines through this callback as they arrive (progress of long builds). */
  onLine?: (line: string) => void;
  /** Kill the command (SIGTERM) after this long; it then fails like any other exit. No limit when left out. */
  timeoutMs?: number;
}

/** Runs a command to completion; rejects with its purpose and the tail of its output if it fails. */
export async function run(command: string, args: readonly string[], options: RunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.timeoutMs === undefined ? {} : { timeout: options.timeoutMs }),
    });
    let output = '';
    let pending = '';
    const collect = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output += text;
      if (options.onLine) {
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) options.onLine(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.once('error', (error) => {
      reject(new CommandError(`${options.purpose} failed: ${command} could not run (${error.message})`, output));
    });
    child.once('close', (code) => {
      if (code === 0) {
        resolve(output);
        return;
      }
      const tail = output.trimEnd().split('\n').slice(-15).join('\n');
      reject(new CommandError(`${options.purpose} failed (${command} exited with ${String(code)}):\n${tail}`, output));
    });
  });
}

/** Retries an async step while it throws, for steps that wait on the network settling (Raft leader, gossip). */
export async function retry<T>(step: () => Promise<T>, attempts: number, delayMs: number): Promise<T> {
  let lastError: unknown;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    try {
      return await step();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
  throw lastError;
}
