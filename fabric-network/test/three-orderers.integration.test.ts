import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/paths.ts';
import { isAlive } from '../src/processes.ts';
import type { NetworkStatus } from '../src/status.ts';
import { portOffset } from '../src/topology.ts';

// A second, throwaway network beside the suite's own: its own data folder and every port shifted 500 above the suite's
// own offset. The port plan never meets itself shifted by 500, and networks of other runs on the machine sit at other
// offsets (a fixed 13000 met one of them at 16000).
const dataDir = mkdtempSync(path.join(tmpdir(), 'pediledger-3-orderers-'));
const env = { ...process.env, PEDILEDGER_NETWORK_DATA: dataDir, PEDILEDGER_PORT_OFFSET: String(portOffset + 500) };

function cli(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [path.join(repoRoot, 'fabric-network', 'src', 'cli.ts'), ...args], {
    encoding: 'utf8',
    env,
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('network:up --orderers 3', () => {
  afterAll(() => {
    cli(['down']);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a three-node Raft cluster that orders the chaincode definitions, and stops without leftovers', () => {
    const up = cli(['up', '--orderers', '3']);
    expect(up.status, up.output).toBe(0);
    expect(up.output).toContain('3 orderer(s)');

    const status = JSON.parse(cli(['status', '--json']).output) as NetworkStatus;
    const orderers = status.nodes.filter((node) => node.kind === 'orderer');
    const shift = portOffset + 500;
    expect(orderers.map((o) => [o.name, o.health, o.ports['listen']])).toEqual([
      ['orderer0', 'ok', 7050 + shift],
      ['orderer1', 'ok', 7060 + shift],
      ['orderer2', 'ok', 7070 + shift],
    ]);

    const pids = status.nodes.map((node) => node.pid).filter((pid): pid is number => pid !== null);
    expect(pids.length).toBe(status.nodes.length);
    expect(cli(['down']).status).toBe(0);
    expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
  });
});
