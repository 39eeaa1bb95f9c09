import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/paths.ts';
import { isAlive } from '../src/processes.ts';
import type { NetworkStatus } from '../src/status.ts';
import { portOffset } from '../src/topology.ts';

// A second, throwaway network beside the suite's own: its own data folder and every port shifted 500 beyond the
// suite's. 500 because no two ports of the plan are 500 apart (1000 is not: 7054 + 1000 = 8054), so the two networks
// never share a port whatever offset the suite runs at (PEDILEDGER_PORT_OFFSET, e.g. on a shared machine).
const THROWAWAY_SHIFT = 500;
const dataDir = mkdtempSync(path.join(tmpdir(), 'pediledger-3-orderers-'));
const throwawayOffset = portOffset + THROWAWAY_SHIFT;
const env = { ...process.env, PEDILEDGER_NETWORK_DATA: dataDir, PEDILEDGER_PORT_OFFSET: String(throwawayOffset) };

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
      ['orderer0', 'ok', 7050 + throwawayOffset],
      ['orderer1', 'ok', 7060 + throwawayOffset],
      ['orderer2', 'ok', 7070 + throwawayOffset],
    ]);

    // Raft health as network:status reports it: one leader per channel, every consenter active and following.
    expect(status.raft.map((c) => c.channel).sort()).toEqual(['medical', 'report']);
    for (const channel of status.raft) {
      expect(channel.problems, channel.channel).toEqual([]);
      expect(channel.leader).not.toBeNull();
      expect(channel.orderers.map((o) => o.state).sort()).toEqual(['follower', 'follower', 'leader']);
      for (const o of channel.orderers) expect(o.activeNodes === null || o.clusterSize === 3).toBe(true);
    }

    // The README's runbook for a consenter that stopped following a channel: evict it from the channel's consenter
    // set by a configuration update and remove the channel from it, then rejoin it from the latest configuration
    // block as a follower and put it back in the consenter set once it has caught up.
    const evict = cli(['raft', 'evict', 'orderer2', 'report']);
    expect(evict.status, evict.output).toBe(0);
    const evicted = JSON.parse(cli(['status', '--json']).output) as NetworkStatus;
    const report = evicted.raft.find((c) => c.channel === 'report');
    expect(report?.orderers.find((o) => o.orderer === 'orderer2')?.state).toBe('absent');
    expect(report?.problems).toContain('orderer2 is not serving report');
    const rejoin = cli(['raft', 'rejoin', 'orderer2', 'report']);
    expect(rejoin.status, rejoin.output).toBe(0);
    // Back in the set, orderer2 follows the leader again: network:up's readiness (Raft health) passes.
    const again = cli(['up', '--orderers', '3']);
    expect(again.status, again.output).toBe(0);
    const healed = JSON.parse(cli(['status', '--json']).output) as NetworkStatus;
    for (const channel of healed.raft) expect(channel.problems, channel.channel).toEqual([]);

    const pids = status.nodes.map((node) => node.pid).filter((pid): pid is number => pid !== null);
    expect(pids.length).toBe(status.nodes.length);
    expect(cli(['down']).status).toBe(0);
    expect(pids.filter((pid) => isAlive(pid))).toEqual([]);
  });
});
