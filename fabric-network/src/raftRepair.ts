/**
 * The runbook for a consenter that stopped following a channel (README, "Operations"), as code the CLI runs
 * (`npm run network:raft -- evict|rejoin <orderer> <channel>`) and the three-orderer integration test exercises.
 *
 * Fabric 2.5 without a system channel (orderer/common/channelparticipation, orderer/consensus/etcdraft): a node's
 * membership of a channel's Raft cluster is the channel configuration's consenter set
 * (`Orderer.ConsensusType.metadata.consenters`). Restarting a stuck node does not help when its chain is wedged, and
 * `osnadmin channel remove` can hang while it still believes it is a consenter. What works:
 *
 * 1. `evict`: a configuration update, signed by the orderer org's admin, removes the node from the consenter set
 *    (and its address from the org's orderer endpoints, so peers' gateways stop sending it submits). The others keep
 *    their quorum (2 of 3). The evicted node notices it left the set and halts the channel; its ledger for the
 *    channel is then removed through its channel participation API.
 * 2. `rejoin`: the node joins the channel again from the latest configuration block (`osnadmin channel join`),
 *    as a follower that pulls every block from the others; once it has caught up, a second configuration update
 *    puts it back in the consenter set (and endpoints), and it becomes a Raft member again.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ordererChannels, osnadminArgs } from './channels.ts';
import { fetchChannelConfig, updateChannelConfig, type ChannelConfig, type ConfigGroup } from './configUpdate.ts';
import { nodeIdentity } from './identities.ts';
import { hosts } from './hosts.ts';
import { bin, dataDir } from './paths.ts';
import { raftStatus } from './raftHealth.ts';
import { retry, run } from './run.ts';
import { channels, orderers, type ChannelName, type OrdererSpec } from './topology.ts';

/** A consenter as the decoded configuration holds it (etcdraft.Consenter; certificates are base64 PEM). */
interface Consenter {
  host: string;
  port: number;
  client_tls_cert: string;
  server_tls_cert: string;
}

function ordererGroup(config: ChannelConfig): ConfigGroup {
  const group = config.channel_group.groups?.['Orderer'];
  if (group === undefined) throw new Error('RAFT_CONFIG: the channel configuration has no Orderer group');
  return group;
}

function consentersOf(config: ChannelConfig): Consenter[] {
  const value = ordererGroup(config).values?.['ConsensusType']?.value as
    { metadata?: { consenters?: Consenter[] } } | undefined;
  const consenters = value?.metadata?.consenters;
  if (consenters === undefined) throw new Error('RAFT_CONFIG: the channel has no etcdraft consenter set');
  return consenters;
}

function endpointsOf(config: ChannelConfig): string[] {
  const org = ordererGroup(config).groups?.['OrdererOrg'];
  const value = org?.values?.['Endpoints']?.value as { addresses?: string[] } | undefined;
  if (value?.addresses === undefined) throw new Error('RAFT_CONFIG: OrdererOrg has no Endpoints value');
  return value.addresses;
}

function addressOf(orderer: OrdererSpec): { host: string; port: number } {
  return { host: hosts().dialHost('orderer'), port: orderer.port };
}

/** The node's consenter entry: its TLS certificate as both client and server certificate (orderer.ts). */
function consenterOf(orderer: OrdererSpec): Consenter {
  const tls = nodeIdentity('orderer', orderer.name).tls;
  if (tls === undefined) throw new Error(`${orderer.name} has no TLS identity`);
  const cert = readFileSync(tls.certPath).toString('base64');
  return { ...addressOf(orderer), client_tls_cert: cert, server_tls_cert: cert };
}

function ordererNamed(name: string): OrdererSpec {
  const orderer = orderers.find((o) => o.name === name);
  if (orderer === undefined) throw new Error(`RAFT_UNKNOWN_ORDERER: no orderer named ${name}`);
  return orderer;
}

function channelNamed(name: string): ChannelName {
  if (!(name in channels)) throw new Error(`RAFT_UNKNOWN_CHANNEL: no channel named ${name}`);
  return name as ChannelName;
}

/**
 * Step 1: takes `ordererName` out of `channelName`'s consenter set and endpoints (a configuration update signed by
 * the orderer org's admin), then removes the channel from that node. Refuses to evict the last consenters' quorum.
 */
export async function evictConsenter(
  ordererName: string,
  channelName: string,
  say: (m: string) => void = console.log,
): Promise<void> {
  const orderer = ordererNamed(ordererName);
  const channel = channelNamed(channelName);
  const { host, port } = addressOf(orderer);
  await updateChannelConfig(
    channel,
    (config) => {
      const consenters = consentersOf(config);
      const kept = consenters.filter((c) => !(c.host === host && c.port === port));
      if (kept.length === consenters.length) return;
      if (kept.length < 2)
        throw new Error(`RAFT_QUORUM: evicting ${orderer.name} would leave ${kept.length} consenter`);
      consenters.splice(0, consenters.length, ...kept);
      const endpoints = endpointsOf(config);
      endpoints.splice(0, endpoints.length, ...endpoints.filter((e) => e !== `${host}:${port}`));
    },
    { signers: ['orderer'], purpose: `evict-${orderer.name}`, progress: say },
  );
  say(`${orderer.name} is no longer a consenter of ${channel}; removing the channel from it`);
  if ((await ordererChannels(orderer)).includes(channel)) {
    await retry(
      () =>
        run(bin('osnadmin'), ['channel', 'remove', '--channelID', channel, ...osnadminArgs(orderer)], {
          purpose: `removing ${channel} from ${orderer.name}`,
          timeoutMs: 30_000,
        }),
      10,
      2_000,
    );
  }
  say(`${channel} removed from ${orderer.name}`);
}

/**
 * Step 2: joins `ordererName` to `channelName` again from the latest configuration block, waits until it has every
 * block the others have, and puts it back in the consenter set and endpoints.
 */
export async function rejoinConsenter(
  ordererName: string,
  channelName: string,
  say: (m: string) => void = console.log,
  timeoutMs = 300_000,
): Promise<void> {
  const orderer = ordererNamed(ordererName);
  const channel = channelNamed(channelName);
  const dir = path.join(dataDir, 'raft-repair', `${channel}-${orderer.name}-${Date.now()}`);
  mkdirSync(dir, { recursive: true });
  await fetchChannelConfig(channel, dir);
  const block = path.join(dir, 'config_block.pb');
  if (!(await ordererChannels(orderer)).includes(channel)) {
    say(`Joining ${orderer.name} to ${channel} from its latest configuration block (as a follower)`);
    await run(
      bin('osnadmin'),
      ['channel', 'join', '--channelID', channel, '--config-block', block, ...osnadminArgs(orderer)],
      {
        purpose: `joining ${orderer.name} to ${channel}`,
      },
    );
  }
  say(`Waiting for ${orderer.name} to pull ${channel}'s blocks from the others`);
  await waitForCatchUp(orderer, channel, timeoutMs);
  const { host, port } = addressOf(orderer);
  await updateChannelConfig(
    channel,
    (config) => {
      const consenters = consentersOf(config);
      if (!consenters.some((c) => c.host === host && c.port === port)) consenters.push(consenterOf(orderer));
      const endpoints = endpointsOf(config);
      if (!endpoints.includes(`${host}:${port}`)) endpoints.push(`${host}:${port}`);
    },
    { signers: ['orderer'], purpose: `rejoin-${orderer.name}`, progress: say },
  );
  say(`${orderer.name} is a consenter of ${channel} again`);
}

/** Until the node's height for the channel is within one block of the highest height among the other orderers. */
async function waitForCatchUp(orderer: OrdererSpec, channel: ChannelName, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [state] = await raftStatus(orderers, [channel]);
    const mine = state?.orderers.find((o) => o.orderer === orderer.name);
    const highest = Math.max(...(state?.orderers.map((o) => o.height ?? 0) ?? [0]));
    if (mine?.height !== null && mine?.height !== undefined && highest - mine.height <= 1) return;
    if (Date.now() > deadline) {
      throw new Error(`RAFT_CATCH_UP: ${orderer.name} has ${String(mine?.height)} of ${highest} blocks of ${channel}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
