import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/paths.ts';
import { isAlive } from '../src/processes.ts';
import type { NetworkStatus } from '../src/status.ts';
import { portOffset } from '../src/topology.ts';

// A second, throwaway network beside the suite's own: its own data folder and every port 200 above the suite's (a
// fixed offset collided with the suite's own network once that ran shifted, e.g. 13000 put ca.school on the port of
// a 16000-shifted ca.orderer). No port of the plan plus 200 is another port of the plan.
const dataDir = mkdtempSync(path.join(tmpdir(), 'pediledger-3-orderers-'));
const offset = portOffset <= 21_800 ? portOffset + 200 : portOffset - 200;
const env = { ...process.env, PEDILEDGER_NETWORK_DATA: dataDir, PEDILEDGER_PORT_OFFSET: String(offset) };

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
    expect(orderers.map((o) => [o.name, o.health, o.ports['listen']])).toEqual([
      ['orderer0', 'ok', 7050 + offset],
      ['orderer1', 'ok', 7060 + offset],
      ['orderer2', 'ok', 7070 + offset],
    ]);

    const pids = status.nodes.map((node) => node.pid).filter((pid): pid is number => pid !== null);
    expect(pids.length).toBe(status.nodes.length);
    expect(cli(['down']).status).toBe(0);
    expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
  });
});
