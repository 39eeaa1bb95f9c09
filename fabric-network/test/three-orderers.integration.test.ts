import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { down, up } from '../src/network.ts';
import { repoRoot } from '../src/paths.ts';
import { isAlive } from '../src/processes.ts';
import type { NetworkStatus } from '../src/status.ts';
import { orderers } from '../src/topology.ts';

// A second, throwaway network in its own data folder, on the suite's own ports (PEDILEDGER_PORT_OFFSET): the suite's
// network is stopped for this file and started again after it. Another offset could be another engineer's network
// on a shared machine, or CI's beside a developer's.
const dataDir = mkdtempSync(path.join(tmpdir(), 'pediledger-3-orderers-'));
const env = { ...process.env, PEDILEDGER_NETWORK_DATA: dataDir };
const quiet = (): void => undefined;

function cli(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'fabric-network', 'src', 'cli.ts'), ...args], {
    encoding: 'utf8',
    env,
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('network:up --orderers 3', () => {
  beforeAll(async () => {
    await down(quiet);
  });

  afterAll(async () => {
    cli(['down']);
    rmSync(dataDir, { recursive: true, force: true });
    await up({ progress: quiet });
  });

  it('runs a three-node Raft cluster that orders the chaincode definitions, and stops without leftovers', () => {
    const up = cli(['up', '--orderers', '3']);
    expect(up.status, up.output).toBe(0);
    expect(up.output).toContain('3 orderer(s)');

    const status = JSON.parse(cli(['status', '--json']).output) as NetworkStatus;
    const running = status.nodes.filter((node) => node.kind === 'orderer');
    expect(running.map((o) => [o.name, o.health, o.ports['listen']])).toEqual(
      orderers.map((o) => [o.name, 'ok', o.port]),
    );

    const pids = status.nodes.map((node) => node.pid).filter((pid): pid is number => pid !== null);
    expect(pids.length).toBe(status.nodes.length);
    expect(cli(['down']).status).toBe(0);
    expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
  });
});
