import { describe, expect, it } from 'vitest';
import { combineRaftViews, parseRaftMetrics, RAFT_LAG_TOLERANCE_BLOCKS } from './raftHealth.ts';

/** The lines an etcdraft orderer's /metrics has for one channel (Fabric 2.5 names). */
function metrics(channel: string, v: { leader: boolean; committed: number; active: number; size: number }): string {
  return [
    '# HELP consensus_etcdraft_is_leader The leadership status of the current node: 1 if it is the leader else 0.',
    `consensus_etcdraft_is_leader{channel="${channel}"} ${v.leader ? 1 : 0}`,
    `consensus_etcdraft_committed_block_number{channel="${channel}"} ${v.committed}`,
    `consensus_etcdraft_active_nodes{channel="${channel}"} ${v.active}`,
    `consensus_etcdraft_cluster_size{channel="${channel}"} ${v.size}`,
    `consensus_etcdraft_data_persist_duration_bucket{channel="${channel}",le="0.005"} 4`,
    `ledger_blockchain_height{channel="${channel}"} ${v.committed + 1}`,
  ].join('\n');
}

describe('Raft health from the orderers’ metrics', () => {
  it('reads leader, committed block, height and consenters per channel', () => {
    const views = parseRaftMetrics(
      metrics('medical', { leader: true, committed: 3, active: 3, size: 3 }) +
        '\n' +
        metrics('report', { leader: false, committed: 9, active: 0, size: 3 }),
    );
    expect(views.get('medical')).toEqual({
      isLeader: true,
      committedBlock: 3,
      height: 4,
      activeNodes: 3,
      clusterSize: 3,
    });
    expect(views.get('report')?.isLeader).toBe(false);
    expect(views.get('report')?.height).toBe(10);
  });

  it('healthy: one leader, followers within the tolerance', () => {
    const [state] = combineRaftViews(
      ['medical'],
      [
        {
          orderer: 'orderer0',
          metrics: parseRaftMetrics(metrics('medical', { leader: true, committed: 50, active: 3, size: 3 })),
        },
        {
          orderer: 'orderer1',
          metrics: parseRaftMetrics(metrics('medical', { leader: false, committed: 49, active: 3, size: 3 })),
        },
      ],
    );
    expect(state?.leader).toBe('orderer0');
    expect(state?.orderers.map((o) => o.lag)).toEqual([0, 1]);
    expect(state?.problems).toEqual([]);
  });

  it('a consenter that stopped following a channel is a problem although its /healthz is fine', () => {
    const [state] = combineRaftViews(
      ['report'],
      [
        {
          orderer: 'orderer0',
          metrics: parseRaftMetrics(metrics('report', { leader: false, committed: 20, active: 0, size: 3 })),
        },
        {
          orderer: 'orderer1',
          metrics: parseRaftMetrics(metrics('report', { leader: true, committed: 300, active: 2, size: 3 })),
        },
        {
          orderer: 'orderer2',
          metrics: parseRaftMetrics(metrics('report', { leader: false, committed: 300, active: 2, size: 3 })),
        },
      ],
    );
    expect(state?.orderers[0]?.lag).toBe(280);
    expect(280).toBeGreaterThan(RAFT_LAG_TOLERANCE_BLOCKS);
    expect(state?.problems).toEqual([
      'orderer0 is 280 blocks behind the leader on report',
      'report: only 2 of 3 consenters are active (leader orderer1)',
    ]);
  });

  it('a leader that has not counted its consenters yet (gauge still 0) is not a problem', () => {
    const [state] = combineRaftViews(
      ['medical'],
      [
        {
          orderer: 'orderer0',
          metrics: parseRaftMetrics(metrics('medical', { leader: true, committed: 5, active: 0, size: 1 })),
        },
      ],
    );
    expect(state?.problems).toEqual([]);
  });

  it('a channel removed from a node is absent although its last gauges stay in /metrics', () => {
    const [state] = combineRaftViews(
      ['report'],
      [
        {
          orderer: 'orderer0',
          metrics: parseRaftMetrics(metrics('report', { leader: true, committed: 9, active: 2, size: 2 })),
          joined: ['medical', 'report'],
        },
        {
          orderer: 'orderer2',
          metrics: parseRaftMetrics(metrics('report', { leader: false, committed: 8, active: 3, size: 3 })),
          joined: ['medical'],
        },
      ],
    );
    expect(state?.orderers.map((o) => o.state)).toEqual(['leader', 'absent']);
    expect(state?.problems).toEqual(['orderer2 is not serving report']);
  });

  it('no leader, an unreachable orderer and a missing channel are each named', () => {
    const [state] = combineRaftViews(
      ['medical'],
      [
        { orderer: 'orderer0', metrics: null },
        { orderer: 'orderer1', metrics: new Map() },
        {
          orderer: 'orderer2',
          metrics: parseRaftMetrics(metrics('medical', { leader: false, committed: 5, active: 0, size: 3 })),
        },
      ],
    );
    expect(state?.leader).toBeNull();
    expect(state?.orderers.map((o) => o.state)).toEqual(['unreachable', 'absent', 'follower']);
    expect(state?.problems).toEqual([
      'medical has no Raft leader',
      "orderer0's operations endpoint does not answer",
      'orderer1 is not serving medical',
    ]);
  });
});
