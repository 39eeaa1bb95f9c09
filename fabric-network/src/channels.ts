/**
 * Channels without a system channel: configtxgen writes each channel's genesis block, every orderer joins it through
 * the channel participation API (osnadmin), and each member org's admin joins its peer.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { hosts } from './hosts.ts';
import { adminIdentity, nodeIdentity, tlsCaPath } from './identities.ts';
import { peerAdminEnv } from './peer.ts';
import { bin, channelArtifactsDir, networkDir, nodeDir, orgsDir } from './paths.ts';
import { retry, run } from './run.ts';
import {
  batchMaxMessages,
  batchTimeout,
  channels,
  peers,
  type ChannelSpec,
  type OrdererSpec,
  type PeerSpec,
} from './topology.ts';

const profileOf: Record<ChannelSpec['name'], string> = { medical: 'MedicalChannel', report: 'ReportChannel' };

/** The committed channel configuration template. */
export const configtxTemplate = path.join(networkDir, 'config', 'configtx.yaml');

/** The committed template with this network's paths, hosts, ports and orderers filled in. */
export function renderConfigtx(activeOrderers: readonly OrdererSpec[], templateFile: string): string {
  const template = readFileSync(templateFile, 'utf8');
  const ordererHost = hosts().dialHost('orderer');
  const endpoints = activeOrderers.map((o) => `      - ${ordererHost}:${o.port}`).join('\n');
  const consenters = activeOrderers
    .map((o) => {
      const tls = nodeIdentity('orderer', o.name).tls;
      if (tls === undefined) throw new Error(`${o.name} has no TLS identity`);
      // Each consenter must list that node's real TLS cert, or it never becomes a member of the Raft cluster.
      return `      - { Host: ${ordererHost}, Port: ${o.port}, ClientTLSCert: ${tls.certPath}, ServerTLSCert: ${tls.certPath} }`;
    })
    .join('\n');
  return template
    .replaceAll('{{ORGS}}', orgsDir)
    .replaceAll('{{ORDERER_ENDPOINTS}}', endpoints)
    .replaceAll('{{CONSENTERS}}', consenters)
    .replaceAll('{{BATCH_TIMEOUT}}', batchTimeout)
    .replaceAll('{{BATCH_MAX_MESSAGES}}', String(batchMaxMessages))
    .replaceAll('{{PORT_PEER_HOSPITAL}}', String(peers.hospital.port))
    .replaceAll('{{PORT_PEER_PARENTS}}', String(peers.parents.port))
    .replaceAll('{{PORT_PEER_SCHOOL}}', String(peers.school.port))
    .replaceAll('{{HOST_PEER_HOSPITAL}}', hosts().dialHost('hospital'))
    .replaceAll('{{HOST_PEER_PARENTS}}', hosts().dialHost('parents'))
    .replaceAll('{{HOST_PEER_SCHOOL}}', hosts().dialHost('school'));
}

export function genesisBlockPath(channel: ChannelSpec): string {
  return path.join(channelArtifactsDir, `${channel.name}.block`);
}

/**
 * Writes the block configtxgen makes of the committed configuration for `channel` (`config/configtx.yaml`, rendered
 * for this network into `dir`): the genesis block at bootstrap, and the configuration a running channel is compared
 * with (`accessConfig.ts`).
 */
export async function writeConfigBlock(
  channel: ChannelSpec,
  activeOrderers: readonly OrdererSpec[],
  dir: string,
  file: string,
  templateFile: string = configtxTemplate,
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'configtx.yaml'), renderConfigtx(activeOrderers, templateFile));
  await run(
    bin('configtxgen'),
    ['-profile', profileOf[channel.name], '-outputBlock', file, '-channelID', channel.name],
    {
      env: { FABRIC_CFG_PATH: dir },
      purpose: `creating the configuration block of ${channel.name}`,
    },
  );
}

export async function createGenesisBlocks(activeOrderers: readonly OrdererSpec[]): Promise<void> {
  for (const channel of Object.values(channels)) {
    await writeConfigBlock(channel, activeOrderers, channelArtifactsDir, genesisBlockPath(channel));
  }
}

/** osnadmin's connection arguments for `orderer`'s admin endpoint, as the orderer org's admin (mutual TLS). */
export function osnadminArgs(orderer: OrdererSpec): string[] {
  const admin = adminIdentity('orderer').tls;
  if (admin === undefined) throw new Error('the orderer admin has no TLS identity');
  return [
    '-o',
    `127.0.0.1:${orderer.adminPort}`,
    '--ca-file',
    tlsCaPath('orderer'),
    '--client-cert',
    admin.certPath,
    '--client-key',
    admin.keyPath,
  ];
}

export async function joinOrderer(orderer: OrdererSpec, channel: ChannelSpec): Promise<void> {
  await run(
    bin('osnadmin'),
    [
      'channel',
      'join',
      '--channelID',
      channel.name,
      '--config-block',
      genesisBlockPath(channel),
      ...osnadminArgs(orderer),
    ],
    { purpose: `joining ${orderer.name} to ${channel.name}` },
  );
}

/** Waits until the orderer reports the channel active with itself as a consenter (a Raft leader exists). */
export async function waitForRaft(orderer: OrdererSpec, channel: ChannelSpec): Promise<void> {
  await retry(
    async () => {
      const output = await run(
        bin('osnadmin'),
        ['channel', 'list', '--channelID', channel.name, ...osnadminArgs(orderer)],
        {
          purpose: `asking ${orderer.name} about ${channel.name}`,
        },
      );
      if (!output.includes('"status": "active"') && !output.includes('"status":"active"')) {
        throw new Error(`${channel.name} is not active on ${orderer.name} yet:\n${output}`);
      }
    },
    60,
    500,
  );
}

/** Channels an orderer serves, according to its channel participation API. */
export async function ordererChannels(orderer: OrdererSpec): Promise<string[]> {
  const output = await run(bin('osnadmin'), ['channel', 'list', ...osnadminArgs(orderer)], {
    purpose: `listing channels on ${orderer.name}`,
  });
  const start = output.indexOf('{');
  if (start < 0) return [];
  const parsed = JSON.parse(output.slice(start)) as { channels?: { name: string }[] | null };
  return (parsed.channels ?? []).map((c) => c.name);
}

export async function joinPeer(peer: PeerSpec, channel: ChannelSpec): Promise<void> {
  if (peerLedgerChannels(peer).includes(channel.name)) return;
  await retry(
    () =>
      run(bin('peer'), ['channel', 'join', '-b', genesisBlockPath(channel)], {
        env: peerAdminEnv(peer),
        purpose: `joining ${peer.name} to ${channel.name}`,
      }),
    5,
    1000,
  );
}

/** The channels a peer has a ledger for, read from its data folder (cheap enough for every status call). */
export function peerLedgerChannels(peer: PeerSpec): string[] {
  const chains = path.join(nodeDir(peer.name), 'production', 'ledgersData', 'chains', 'chains');
  if (!existsSync(chains)) return [];
  return readdirSync(chains).sort();
}

/** `peer channel list` as the org admin: the peer's own answer, used by tests. */
export async function peerChannelList(peer: PeerSpec): Promise<string[]> {
  const output = await run(bin('peer'), ['channel', 'list'], {
    env: peerAdminEnv(peer),
    purpose: `listing channels of ${peer.name}`,
  });
  const marker = 'Channels peers has joined:';
  const after = output.slice(output.indexOf(marker) + marker.length);
  return after
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .sort();
}

export function channelMembersPeers(channel: ChannelSpec): PeerSpec[] {
  return channel.members.map((org) => peers[org]);
}
