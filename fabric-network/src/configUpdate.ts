/**
 * Channel configuration updates, the way Fabric's documentation describes them ("Updating a channel configuration"):
 * fetch the channel's current configuration block from the orderer as an org admin, decode it (configtxlator), let
 * the caller change the decoded configuration, compute the update (`configtxlator compute_update`), collect the
 * signatures of the admins the changed elements' `mod_policy` requires, submit it, and wait until every member peer
 * has committed the new configuration block.
 *
 * Used for the access policies (`accessConfig.ts`); meant for every later change of a running channel's configuration
 * as well (a CRL in an org's MSP, a new organization). Each update leaves its artifacts (original and updated
 * configuration, the signed envelope) under `.data/config-updates/`, as a record of what was changed and when.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { ordererClientArgs } from './orderer.ts';
import { adminCliEnv } from './peer.ts';
import { bin, dataDir } from './paths.ts';
import { retry, run } from './run.ts';
import { channels, peers, type ChannelName, type OrgKey, type PeerOrgKey } from './topology.ts';

/** A configuration element's version, as configtxlator prints uint64: a decimal string (absent when 0). */
type Version = string | undefined;

/** A policy in a configuration group (`configtxlator proto_decode` JSON of `common.ConfigPolicy`). */
export interface ConfigPolicy {
  mod_policy: string;
  policy: unknown;
  version?: Version;
}

/** A value in a configuration group (`common.ConfigValue`; `value` is decoded per value type). */
export interface ConfigValue {
  mod_policy: string;
  value: unknown;
  version?: Version;
}

/** A configuration group (`common.ConfigGroup`): the channel, Application, Orderer, or one organization. */
export interface ConfigGroup {
  groups?: Record<string, ConfigGroup>;
  values?: Record<string, ConfigValue>;
  policies?: Record<string, ConfigPolicy>;
  mod_policy: string;
  version?: Version;
}

/** A decoded channel configuration (`common.Config`). */
export interface ChannelConfig {
  channel_group: ConfigGroup;
  sequence?: Version;
}

/** A decoded configuration block: the parts this module reads. */
interface ConfigBlockJson {
  header: { number?: Version };
  data: { data: [{ payload: { data: { config: ChannelConfig } } }] };
}

/** The result of {@link updateChannelConfig}. */
export interface ConfigUpdateResult {
  /** False when the change left the configuration as it was (nothing was submitted). */
  updated: boolean;
  /** The number of the channel's configuration block after the call (the new one when `updated`). */
  configBlock: number;
  /** Where this update's artifacts were written (null when nothing was submitted). */
  artifactsDir: string | null;
}

/** Options for {@link updateChannelConfig}. */
export interface ConfigUpdateOptions {
  /**
   * Whose admins sign, in order; the last one submits. Default: every member organization of the channel, which
   * satisfies any Application-level `mod_policy` (`MAJORITY Admins`, an org's own `Admins`). Changes to the Orderer
   * group need `orderer` too.
   */
  signers?: readonly OrgKey[];
  /** What the update is for, in error messages and the artifacts folder's name ("access-policies"). */
  purpose: string;
  /** Progress lines. */
  progress?: (message: string) => void;
}

async function configtxlator(args: readonly string[], purpose: string): Promise<void> {
  await run(bin('configtxlator'), args, { purpose });
}

/** Decodes a protobuf file to JSON with configtxlator (`type` e.g. `common.Block`). */
export async function decodeProto(file: string, type: string): Promise<unknown> {
  const out = `${file}.json`;
  await configtxlator(['proto_decode', '--type', type, '--input', file, '--output', out], `decoding ${file}`);
  return JSON.parse(readFileSync(out, 'utf8')) as unknown;
}

/** Encodes JSON to a protobuf file with configtxlator. */
export async function encodeProto(value: unknown, type: string, file: string): Promise<void> {
  writeFileSync(`${file}.json`, JSON.stringify(value, null, 2) + '\n');
  await configtxlator(
    ['proto_encode', '--type', type, '--input', `${file}.json`, '--output', file],
    `encoding ${file}`,
  );
}

/** The configuration (and its block number) of a decoded configuration block. */
export function configOfBlock(block: unknown): { config: ChannelConfig; blockNumber: number } {
  const typed = block as ConfigBlockJson;
  const config = typed.data.data[0].payload.data.config;
  return { config, blockNumber: Number(typed.header.number ?? '0') };
}

/**
 * Fetches the channel's latest configuration block from the orderer as `org`'s admin (admins are channel Readers,
 * clients are not) and decodes it into `dir`.
 */
export async function fetchChannelConfig(
  channel: ChannelName,
  dir: string,
  org: PeerOrgKey = channels[channel].members[0] ?? 'hospital',
): Promise<{ config: ChannelConfig; blockNumber: number }> {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'config_block.pb');
  await retry(
    () =>
      run(bin('peer'), ['channel', 'fetch', 'config', file, '-c', channel, ...ordererClientArgs()], {
        env: adminCliEnv(org),
        purpose: `fetching the configuration of ${channel} as the ${org} admin`,
      }),
    // Right after the orderers (re)start, Raft may not have a leader yet and Deliver answers SERVICE_UNAVAILABLE;
    // on a busy machine the election can take tens of seconds, so the wait is bounded at about a minute.
    30,
    2000,
  );
  return configOfBlock(await decodeProto(file, 'common.Block'));
}

/** The height of `channel`'s ledger on `org`'s peer, asked as its admin (qscc GetChainInfo). */
export async function peerLedgerHeight(org: PeerOrgKey, channel: ChannelName): Promise<number> {
  const output = await run(bin('peer'), ['channel', 'getinfo', '-c', channel], {
    env: adminCliEnv(org),
    purpose: `asking ${peers[org].name} for the height of ${channel}`,
  });
  const json = /Blockchain info: (\{.*\})/.exec(output)?.[1];
  if (json === undefined) throw new Error(`unexpected answer from peer channel getinfo:\n${output}`);
  return Number((JSON.parse(json) as { height?: number | string }).height ?? 0);
}

/** Waits until every member peer of `channel` has committed block `blockNumber`. */
export async function waitForPeers(channel: ChannelName, blockNumber: number): Promise<void> {
  await Promise.all(
    channels[channel].members.map((org) =>
      retry(
        async () => {
          const height = await peerLedgerHeight(org, channel);
          if (height <= blockNumber) {
            throw new Error(
              `${peers[org].name} is at height ${height} of ${channel}, waiting for block ${blockNumber}`,
            );
          }
        },
        120,
        500,
      ),
    ),
  );
}

/** A folder for one update's artifacts: `.data/config-updates/<time>-<channel>-<purpose>`. */
function artifactsDirFor(channel: ChannelName, purpose: string): string {
  const stamp = new Date().toISOString().replaceAll(':', '').replace(/\..*/, '');
  const slug = purpose.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  return path.join(dataDir, 'config-updates', `${stamp}-${channel}-${slug}`);
}

/**
 * Changes `channel`'s configuration: `change` receives the decoded current configuration and modifies it in place.
 * When the result differs, the update is computed, signed by each of `options.signers`' admins, submitted by the last
 * one, and this resolves once every member peer has committed it. An orderer that refuses (a missing signature, a
 * stale read set because someone else updated first) rejects with its answer; nothing is half-applied, since the
 * orderer takes a configuration update whole or not at all.
 */
export async function updateChannelConfig(
  channel: ChannelName,
  change: (config: ChannelConfig) => void | Promise<void>,
  options: ConfigUpdateOptions,
): Promise<ConfigUpdateResult> {
  const say = options.progress ?? (() => undefined);
  const dir = artifactsDirFor(channel, options.purpose);
  const current = await fetchChannelConfig(channel, dir);
  const updated = structuredClone(current.config);
  await change(updated);
  if (isDeepStrictEqual(current.config, updated)) {
    rmSync(dir, { recursive: true, force: true });
    return { updated: false, configBlock: current.blockNumber, artifactsDir: null };
  }

  say(`Updating the configuration of ${channel} (${options.purpose})`);
  const original = path.join(dir, 'original_config.pb');
  const modified = path.join(dir, 'modified_config.pb');
  const update = path.join(dir, 'config_update.pb');
  await encodeProto(current.config, 'common.Config', original);
  await encodeProto(updated, 'common.Config', modified);
  await configtxlator(
    ['compute_update', '--channel_id', channel, '--original', original, '--updated', modified, '--output', update],
    `computing the configuration update of ${channel}`,
  );
  const configUpdate = await decodeProto(update, 'common.ConfigUpdate');
  const envelope = path.join(dir, 'config_update_envelope.pb');
  await encodeProto(
    // HeaderType 2 is CONFIG_UPDATE; the signatures are added by the admins below.
    {
      payload: { header: { channel_header: { channel_id: channel, type: 2 } }, data: { config_update: configUpdate } },
    },
    'common.Envelope',
    envelope,
  );

  const signers = options.signers ?? channels[channel].members;
  const submitter = signers.at(-1);
  if (submitter === undefined) throw new Error('a configuration update needs at least one signer');
  for (const org of signers.slice(0, -1)) {
    await run(bin('peer'), ['channel', 'signconfigtx', '-f', envelope], {
      env: adminCliEnv(org),
      purpose: `signing the configuration update of ${channel} as the ${org} admin`,
    });
  }
  await run(bin('peer'), ['channel', 'update', '-f', envelope, '-c', channel, ...ordererClientArgs()], {
    env: adminCliEnv(submitter),
    purpose: `submitting the configuration update of ${channel} (${options.purpose}) as the ${submitter} admin`,
  });

  // The orderer has accepted the update; it is its own block, cut as soon as consensus orders it.
  const after = await retry(
    async () => {
      const fetched = await fetchChannelConfig(channel, path.join(dir, 'after'));
      if (fetched.blockNumber <= current.blockNumber) {
        throw new Error(`the orderer accepted the update of ${channel} but has not cut its block yet`);
      }
      return fetched;
    },
    60,
    500,
  );
  await waitForPeers(channel, after.blockNumber);
  say(`${channel} is at configuration block ${after.blockNumber} on every member peer`);
  return { updated: true, configBlock: after.blockNumber, artifactsDir: dir };
}

/** How many member admins an ImplicitMeta rule over `members` organisations asks for (Fabric's `policies/implicitmeta.go`). */
function implicitMetaThreshold(rule: string, members: number): number {
  if (rule === 'ANY') return 1;
  if (rule === 'ALL') return members;
  if (rule === 'MAJORITY') return Math.floor(members / 2) + 1;
  throw new Error(`CONFIG_POLICY_UNKNOWN: ImplicitMeta rule ${rule}`);
}

/**
 * Adds a new organisation (e.g. a second school authority) to a channel's Application group, as a configuration
 * update's `change`. `orgGroup` is the organisation's group as `configtxgen -printOrg <Name>` prints it from the
 * MSP in its definition (`network:org import`). Adding a group changes the Application group, so the update needs its
 * `mod_policy`, `/Channel/Application/Admins` (`MAJORITY Admins` in `config/configtx.yaml`): the returned number of
 * current member admins must sign (`peer channel signconfigtx`, each on its own host) before one submits it.
 * Refuses an organisation that is already a member and a channel whose Admins policy is not ImplicitMeta.
 */
export function addApplicationOrg(
  config: ChannelConfig,
  mspId: string,
  orgGroup: ConfigGroup,
): { adminSignaturesNeeded: number } {
  const application = config.channel_group.groups?.['Application'];
  if (application === undefined) throw new Error('CONFIG_NO_APPLICATION: the channel has no Application group');
  const groups = application.groups ?? {};
  if (groups[mspId] !== undefined) throw new Error(`ORG_ALREADY_MEMBER: ${mspId} is already a member of the channel`);
  const admins = application.policies?.['Admins']?.policy as
    { type?: number; value?: { rule?: string; sub_policy?: string } } | undefined;
  // Policy type 3 is IMPLICIT_META (common.Policy.PolicyType).
  if (admins?.type !== 3 || admins.value?.rule === undefined) {
    throw new Error('CONFIG_POLICY_UNKNOWN: /Channel/Application/Admins is not an ImplicitMeta policy');
  }
  const needed = implicitMetaThreshold(admins.value.rule, Object.keys(groups).length);
  application.groups = { ...groups, [mspId]: orgGroup };
  return { adminSignaturesNeeded: needed };
}
