/**
 * Who may read what at the Fabric layer lives in the channel configuration: each organization's policies (Readers,
 * Writers, Admins, Endorsement) and the Application group's policies and ACLs. A new network gets them from
 * `config/configtx.yaml` in its genesis blocks; a network created before a change of those sections gets them here,
 * through a channel configuration update signed by every member organization's admin (`network:up` calls
 * {@link syncAccessConfig} on an existing network).
 *
 * Only these access sections are copied from the committed configuration. Everything else a running channel holds
 * (MSP certificates and revocation lists, orderer endpoints, consenters, batch sizes) is left as it is.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { configtxTemplate, writeConfigBlock } from './channels.ts';
import {
  configOfBlock,
  decodeProto,
  updateChannelConfig,
  type ChannelConfig,
  type ConfigGroup,
} from './configUpdate.ts';
import { dataDir } from './paths.ts';
import { channels, type ChannelName, type OrdererSpec } from './topology.ts';

/** The policies of an application organization that decide who reads, writes, administers and endorses. */
const ORG_ACCESS_POLICIES = ['Readers', 'Writers', 'Admins', 'Endorsement'] as const;

function isAccessPolicy(name: string): boolean {
  return (ORG_ACCESS_POLICIES as readonly string[]).includes(name);
}

function applicationOf(config: ChannelConfig): ConfigGroup {
  const application = config.channel_group.groups?.['Application'];
  if (application === undefined) throw new Error('the channel configuration has no Application group');
  return application;
}

/** Copies `from` over `into`, keeping `into`'s version (configtxlator computes new versions from the original). */
function copyElement<T extends { version?: string }>(from: T, into: T | undefined): T {
  return into?.version === undefined ? { ...from } : { ...from, version: into.version };
}

/**
 * Makes `current`'s access sections equal to `desired`'s: every application organization's access policies, the
 * Application group's policies (Readers, Writers, Admins, AnyAdmin, …) and its ACLs. Organizations only in one of the
 * two are left alone (adding or removing a member is a change of its own).
 */
export function applyAccessSections(current: ChannelConfig, desired: ChannelConfig): void {
  const app = applicationOf(current);
  const wanted = applicationOf(desired);
  const policies: NonNullable<ConfigGroup['policies']> = {};
  for (const [name, policy] of Object.entries(wanted.policies ?? {})) {
    policies[name] = copyElement(policy, app.policies?.[name]);
  }
  app.policies = policies;
  const values = { ...app.values };
  const acls = wanted.values?.['ACLs'];
  if (acls === undefined) delete values['ACLs'];
  else values['ACLs'] = copyElement(acls, values['ACLs']);
  app.values = values;
  for (const [mspId, org] of Object.entries(app.groups ?? {})) {
    const wantedOrg = wanted.groups?.[mspId];
    if (wantedOrg === undefined) continue;
    // The org's access policies as committed; any other policy it has (none today) is kept.
    const kept = Object.entries(org.policies ?? {}).filter(([name]) => !isAccessPolicy(name));
    const access = ORG_ACCESS_POLICIES.flatMap((name) => {
      const policy = wantedOrg.policies?.[name];
      return policy === undefined ? [] : [[name, copyElement(policy, org.policies?.[name])] as const];
    });
    org.policies = Object.fromEntries([...kept, ...access]);
  }
}

/**
 * The channel configuration a configtx template (default: the committed `config/configtx.yaml`) describes for this
 * network, as configtxgen builds it.
 */
export async function committedChannelConfig(
  channel: ChannelName,
  activeOrderers: readonly OrdererSpec[],
  templateFile: string = configtxTemplate,
): Promise<ChannelConfig> {
  const dir = path.join(dataDir, 'config-updates', 'committed');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${channel}.block`);
  await writeConfigBlock(channels[channel], activeOrderers, dir, file, templateFile);
  return configOfBlock(await decodeProto(file, 'common.Block')).config;
}

/**
 * Brings `channel`'s access sections to those of a configtx template (default: the committed one), if they differ;
 * resolves with whether an update was made. Signed by every member organization's admin: an organization's own
 * policies need its admin, the Application group's policies and ACLs need a MAJORITY of admins.
 */
export async function syncAccessConfig(
  channel: ChannelName,
  activeOrderers: readonly OrdererSpec[],
  progress: (message: string) => void = () => undefined,
  templateFile: string = configtxTemplate,
): Promise<boolean> {
  const desired = await committedChannelConfig(channel, activeOrderers, templateFile);
  const result = await updateChannelConfig(
    channel,
    (config) => {
      applyAccessSections(config, desired);
    },
    { purpose: `access policies from ${path.basename(templateFile)}`, progress },
  );
  return result.updated;
}
