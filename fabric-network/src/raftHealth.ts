/**
 * Each orderer's Raft state per channel, read from its operations endpoint's Prometheus metrics (Fabric 2.5,
 * orderer/consensus/etcdraft/metrics.go and common/ledger/blkstorage): `consensus_etcdraft_is_leader`,
 * `consensus_etcdraft_committed_block_number`, `consensus_etcdraft_active_nodes`, `consensus_etcdraft_cluster_size`
 * and `ledger_blockchain_height`, each labelled `channel`.
 *
 * Why not `/healthz`: an orderer that stopped following one channel (seen after a leader was killed and restarted:
 * 280 blocks behind for 15 minutes) still answers 200 there, and the peers' gateways keep sending it submits.
 * Its block height stops while the leader's grows, which is what {@link raftProblems} looks for.
 */
import { ordererChannels } from './channels.ts';
import type { OrdererSpec } from './topology.ts';

/** One orderer's view of one channel. */
export interface RaftChannelView {
  isLeader: boolean;
  /** The last block the orderer's Raft chain committed (block number). */
  committedBlock: number;
  /** The orderer's ledger height for the channel (blocks, = last block number + 1). */
  height: number;
  /** Consenters the node counts as active (0 until its first count after start, and on a follower until it hears the leader). */
  activeNodes: number;
  /** Consenters in the channel's configuration. */
  clusterSize: number;
}

/** One orderer on one channel, as `network:status` reports it. */
export interface OrdererRaftState {
  orderer: string;
  /** `unreachable`: no metrics answer; `absent`: the node has not joined the channel (participation API) or reports nothing for it. */
  state: 'leader' | 'follower' | 'unreachable' | 'absent';
  committedBlock: number | null;
  height: number | null;
  /** Blocks behind the leader's height (or the highest height seen when there is no leader); null if unknown. */
  lag: number | null;
  activeNodes: number | null;
  clusterSize: number | null;
}

export interface ChannelRaftState {
  channel: string;
  leader: string | null;
  orderers: OrdererRaftState[];
  /** Empty when the channel's consenters are healthy; one plain sentence per problem otherwise. */
  problems: string[];
}

/**
 * How many blocks a follower may trail the leader and still count as following. Heights are read from each
 * orderer one after the other, so under load a healthy follower can be a block or two behind at the moment of
 * reading; a stuck one falls behind without bound.
 */
export const RAFT_LAG_TOLERANCE_BLOCKS = 2;

const METRIC =
  /^(consensus_etcdraft_(?:is_leader|committed_block_number|active_nodes|cluster_size)|ledger_blockchain_height)\{([^}]*)\}\s+(\S+)$/;

/** The per-channel Raft views in one orderer's `/metrics` text (Prometheus exposition format). */
export function parseRaftMetrics(text: string): Map<string, RaftChannelView> {
  const views = new Map<string, RaftChannelView>();
  for (const line of text.split('\n')) {
    const match = METRIC.exec(line.trim());
    if (match === null) continue;
    const [, name, labels, value] = match as unknown as [string, string, string, string];
    const channel = /(?:^|,)channel="([^"]*)"/.exec(labels)?.[1];
    if (channel === undefined) continue;
    const view = views.get(channel) ?? {
      isLeader: false,
      committedBlock: 0,
      height: 0,
      activeNodes: 0,
      clusterSize: 0,
    };
    const n = Number(value);
    if (name === 'consensus_etcdraft_is_leader') view.isLeader = n === 1;
    else if (name === 'consensus_etcdraft_committed_block_number') view.committedBlock = n;
    else if (name === 'consensus_etcdraft_active_nodes') view.activeNodes = n;
    else if (name === 'consensus_etcdraft_cluster_size') view.clusterSize = n;
    else view.height = n;
    views.set(channel, view);
  }
  return views;
}

/** The metrics of one orderer, or null when its operations endpoint does not answer within `timeoutMs`. */
export async function fetchRaftMetrics(
  opsPort: number,
  timeoutMs = 5_000,
): Promise<Map<string, RaftChannelView> | null> {
  try {
    const response = await fetch(`http://127.0.0.1:${opsPort}/metrics`, { signal: AbortSignal.timeout(timeoutMs) });
    if (response.status !== 200) return null;
    return parseRaftMetrics(await response.text());
  } catch {
    return null;
  }
}

/**
 * Combines the orderers' views of each channel: who leads, each node's height and lag, and what is wrong. `views`
 * has one entry per orderer expected to serve the channels (null: its metrics did not answer).
 */
export function combineRaftViews(
  channelNames: readonly string[],
  views: readonly {
    orderer: string;
    metrics: Map<string, RaftChannelView> | null;
    joined?: readonly string[] | null;
  }[],
): ChannelRaftState[] {
  return channelNames.map((channel) => {
    // A channel removed from a node keeps its last gauges in /metrics: membership comes from the participation API.
    const seen = views.map(({ orderer, metrics, joined }) => ({
      orderer,
      metrics,
      view: joined !== undefined && joined !== null && !joined.includes(channel) ? undefined : metrics?.get(channel),
    }));
    const leaders = seen.filter((s) => s.view?.isLeader === true);
    const leader = leaders.length === 1 ? leaders[0] : undefined;
    const heights = seen.flatMap((s) => (s.view === undefined ? [] : [s.view.height]));
    const reference = leader?.view?.height ?? (heights.length > 0 ? Math.max(...heights) : null);
    const orderers = seen.map((s) => ordererState(s.orderer, s.metrics, s.view, reference));
    const problems = [
      ...(leaders.length === 0 ? [`${channel} has no Raft leader`] : []),
      ...(leaders.length > 1 ? [`${channel} has ${leaders.length} orderers claiming leadership`] : []),
      ...orderers.flatMap((o) => ordererProblem(o, channel)),
    ];
    const leaderView = leader?.view;
    // 0 is the gauge's value at start until the leader's tracker first counts (every few seconds): unknown, not down.
    if (
      leader !== undefined &&
      leaderView !== undefined &&
      leaderView.activeNodes > 0 &&
      leaderView.activeNodes < leaderView.clusterSize
    ) {
      problems.push(
        `${channel}: only ${leaderView.activeNodes} of ${leaderView.clusterSize} consenters are active (leader ${leader.orderer})`,
      );
    }
    return { channel, leader: leader?.orderer ?? null, orderers, problems };
  });
}

function ordererState(
  orderer: string,
  metrics: Map<string, RaftChannelView> | null,
  view: RaftChannelView | undefined,
  referenceHeight: number | null,
): OrdererRaftState {
  if (view === undefined) {
    const state = metrics === null ? 'unreachable' : 'absent';
    return { orderer, state, committedBlock: null, height: null, lag: null, activeNodes: null, clusterSize: null };
  }
  return {
    orderer,
    state: view.isLeader ? 'leader' : 'follower',
    committedBlock: view.committedBlock,
    height: view.height,
    lag: referenceHeight === null ? null : Math.max(0, referenceHeight - view.height),
    activeNodes: view.activeNodes,
    clusterSize: view.clusterSize,
  };
}

function ordererProblem(o: OrdererRaftState, channel: string): string[] {
  if (o.state === 'unreachable') return [`${o.orderer}'s operations endpoint does not answer`];
  if (o.state === 'absent') return [`${o.orderer} is not serving ${channel}`];
  if (o.lag !== null && o.lag > RAFT_LAG_TOLERANCE_BLOCKS) {
    return [`${o.orderer} is ${o.lag} blocks behind the leader on ${channel}`];
  }
  return [];
}

/**
 * The Raft state of every channel across the given orderers, read now: metrics from each operations endpoint, and
 * which channels each node has joined from its channel participation API (`osnadmin channel list`).
 */
export async function raftStatus(
  orderers: readonly OrdererSpec[],
  channelNames: readonly string[],
): Promise<ChannelRaftState[]> {
  const views = await Promise.all(
    orderers.map(async (o) => {
      const metrics = await fetchRaftMetrics(o.opsPort);
      const joined = metrics === null ? null : await ordererChannels(o).catch(() => null);
      return { orderer: o.name, metrics, joined };
    }),
  );
  return combineRaftViews(channelNames, views);
}
