// Test-only: a real fabric-ca-server with TLS on private loopback ports, in a throwaway home directory.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, closeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { testCaPorts } from '../../../../fabric-network/src/topology.ts';
import { FabricCaClient } from '../fabricCaClient.ts';

const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..', '..');

/** Where the binary is looked for, in order. */
export const FABRIC_CA_SERVER_CANDIDATES = [
  path.join(repoRoot, 'fabric-network', '.cache', 'bin', 'fabric-ca-server'),
  '/tmp/fabbuild/out/bin/fabric-ca-server',
];

/** The first fabric-ca-server binary that exists, or null. */
export function findFabricCaServer(): string | null {
  return FABRIC_CA_SERVER_CANDIDATES.find((candidate) => existsSync(candidate)) ?? null;
}

/** Options for {@link startFabricCaServer}. */
export interface TestCaOptions {
  binary: string;
  /** Empty directory for the server's home (config, keys, sqlite DB, log). */
  home: string;
  /** Default: the plan's test CA port (9104, shifted by PEDILEDGER_PORT_OFFSET like every port of the plan). */
  port?: number;
  /** Operations listener port; default the plan's (9105, shifted). */
  operationsPort?: number;
  caName?: string;
  adminId?: string;
  adminSecret?: string;
}

/** A running test CA. */
export interface TestCa {
  url: string;
  caName: string;
  /** The CA certificate; the server's TLS certificate chains to it. */
  caCertPath: string;
  adminId: string;
  adminSecret: string;
  /** The server log (stdout and stderr). */
  logPath: string;
  stop(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited(child);
  clearTimeout(timer);
}

/** Starts the server and waits until `cainfo` answers over TLS; stops it again if that never happens. */
export async function startFabricCaServer(options: TestCaOptions): Promise<TestCa> {
  const port = options.port ?? testCaPorts.listen;
  const caName = options.caName ?? 'ca-test';
  const adminId = options.adminId ?? 'admin';
  const adminSecret = options.adminSecret ?? 'adminpw';
  const logPath = path.join(options.home, 'server.log');
  const log = openSync(logPath, 'a');
  const child = spawn(
    options.binary,
    [
      'start',
      '--home',
      options.home,
      '-b',
      `${adminId}:${adminSecret}`,
      '--address',
      '127.0.0.1',
      '--port',
      String(port),
      '--ca.name',
      caName,
      '--tls.enabled',
      '--csr.hosts',
      'localhost,127.0.0.1',
      '--operations.listenaddress',
      `127.0.0.1:${options.operationsPort ?? testCaPorts.operations}`,
    ],
    { stdio: ['ignore', log, log] },
  );
  closeSync(log);
  const url = `https://127.0.0.1:${port}`;
  const caCertPath = path.join(options.home, 'ca-cert.pem');
  const ca: TestCa = { url, caName, caCertPath, adminId, adminSecret, logPath, stop: () => stopChild(child) };

  const deadline = Date.now() + 60_000;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      const tail = (await readFile(logPath, 'utf8')).split('\n').slice(-15).join('\n');
      throw new Error(`fabric-ca-server exited with ${child.exitCode} (port ${port} in use?):\n${tail}`);
    }
    if (existsSync(caCertPath)) {
      try {
        const tlsCaCertPem = await readFile(caCertPath, 'utf8');
        await new FabricCaClient({ url, caName, tlsCaCertPem, timeoutMs: 2000 }).caInfo();
        return ca;
      } catch (error) {
        lastError = error;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await ca.stop();
  throw new Error(`fabric-ca-server did not answer within 60 s: ${String(lastError)}`);
}
