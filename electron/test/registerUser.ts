// Test-only: registers a new user with an organisation's CA the way a CA administrator does, through the
// `network:register` CLI, and returns what the administrator would hand over.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { OrgName } from '../../shared/schemas/connectionProfile.ts';

const cli = path.resolve(import.meta.dirname, '../../fabric-network/src/cli.ts');

/** What `network:register` prints for a new user. */
export interface Registration {
  readonly enrollmentId: string;
  readonly secret: string;
}

/** Runs `node fabric-network/src/cli.ts register --org <org> --uid <uid> --role <role>` and parses its output. */
export async function registerUser(org: OrgName, uid: string, role: string): Promise<Registration> {
  const child = spawn(process.execPath, [cli, 'register', '--org', org, '--uid', uid, '--role', role], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const enrollmentId = /Enrollment ID:\s+(\S+)/.exec(output)?.[1];
  const secret = /One-time secret:\s+(\S+)/.exec(output)?.[1];
  if (code !== 0 || enrollmentId === undefined || secret === undefined) {
    const shown = secret === undefined ? output : output.replaceAll(secret, '[secret]');
    throw new Error(`network:register exited with ${String(code)}: ${shown}`);
  }
  return { enrollmentId, secret };
}
