/**
 * Chaincode as a service: a deterministic `ccaas` package per chaincode (so its package ID is stable across
 * resets), installed on every member peer, approved by every member org, committed once, and served by a
 * TypeScript chaincode server (fabric-chaincode-node `server` mode) that the network starts itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { channelMembersPeers } from './channels.ts';
import { hosts } from './hosts.ts';
import { tlsCaPath } from './identities.ts';
import { ordererClientArgs } from './orderer.ts';
import { chaincodeLogLevel } from './logging.ts';
import { peerAdminEnv } from './peer.ts';
import { bin, chaincodeDir, chaincodePackagesDir, repoRoot } from './paths.ts';
import type { NodeProcessSpec } from './processes.ts';
import { retry, run } from './run.ts';
import { peers, type ChannelSpec, type PeerOrgKey, type PeerSpec } from './topology.ts';

export const chaincodeVersion = '1.0';
export const chaincodeSequence = 1;

/**
 * One chaincode definition on a channel and the server that runs it. The network deploys one per channel
 * ({@link defaultDeployment}); an upgrade is the same name with a higher sequence (and a new package).
 */
export interface ChaincodeDeployment {
  /** The channel: its members install and approve, its spec gives the endorsement policy. */
  channel: ChannelSpec;
  name: string;
  version: string;
  sequence: number;
  /** Where the chaincode server listens (the package's connection.json points here). */
  port: number;
  /** A folder whose package.json `main` is the contract module the server loads. */
  modulePath: string;
}

/** The network's own deployment of a channel's chaincode. */
export function defaultDeployment(channel: ChannelSpec): ChaincodeDeployment {
  return {
    channel,
    name: channel.chaincode.name,
    version: chaincodeVersion,
    sequence: chaincodeSequence,
    port: channel.chaincode.port,
    modulePath: deployDir(channel),
  };
}

export function chaincodeNodeName(deployment: Pick<ChaincodeDeployment, 'name'>): string {
  return `chaincode.${deployment.name}`;
}

function deployDir(channel: ChannelSpec): string {
  return path.join(chaincodeDir, 'deploy', channel.chaincode.name);
}

/** The private data collections of a chaincode, if its deploy folder defines any. */
export function collectionsConfig(channel: ChannelSpec): string | null {
  const file = path.join(deployDir(channel), 'collections.json');
  return existsSync(file) ? file : null;
}

export interface ChaincodePackage {
  file: string;
  label: string;
  packageId: string;
}

/** Builds the package with fixed timestamps, owners and order, then derives its ID as `label:sha256(package)`. */
export async function packageChaincode(deployment: ChaincodeDeployment): Promise<ChaincodePackage> {
  const label = `${deployment.name}_${deployment.version}`;
  const work = path.join(chaincodePackagesDir, label);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, 'code'), { recursive: true });
  writeFileSync(
    path.join(work, 'code', 'connection.json'),
    JSON.stringify({ address: `127.0.0.1:${deployment.port}`, dial_timeout: '10s', tls_required: false }, null, 2) +
      '\n',
  );
  writeFileSync(path.join(work, 'metadata.json'), JSON.stringify({ type: 'ccaas', label }) + '\n');
  const file = path.join(chaincodePackagesDir, `${label}.tgz`);
  const deterministicTar = 'tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --mode=u=rw,go=r';
  await run(
    'bash',
    [
      '-c',
      `set -euo pipefail; cd "$1"; ${deterministicTar} -C code -cf - connection.json | gzip -n -9 > code.tar.gz; ` +
        `${deterministicTar} -cf - code.tar.gz metadata.json | gzip -n -9 > "$2"`,
      'package',
      work,
      file,
    ],
    { purpose: `packaging the ${deployment.name} chaincode` },
  );
  const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
  return { file, label, packageId: `${label}:${digest}` };
}

function definitionArgs(deployment: ChaincodeDeployment): string[] {
  const { channel } = deployment;
  const args = ['--channelID', channel.name, '--name', deployment.name, '--version', deployment.version];
  args.push('--sequence', String(deployment.sequence));
  if (channel.chaincode.signaturePolicy !== null) args.push('--signature-policy', channel.chaincode.signaturePolicy);
  const collections = collectionsConfig(channel);
  if (collections !== null) args.push('--collections-config', collections);
  return args;
}

/** Installs the package on the org's own peer unless it is there already; as that org's admin. */
export async function installOnPeer(peer: PeerSpec, pkg: ChaincodePackage): Promise<void> {
  const installed = await run(bin('peer'), ['lifecycle', 'chaincode', 'queryinstalled'], {
    env: peerAdminEnv(peer),
    purpose: `asking ${peer.name} for its installed chaincode`,
  });
  if (installed.includes(pkg.packageId)) return;
  await run(bin('peer'), ['lifecycle', 'chaincode', 'install', pkg.file], {
    env: peerAdminEnv(peer),
    purpose: `installing ${pkg.label} on ${peer.name}`,
  });
}

/** Whether that very definition (name, version, sequence) is committed on its channel, asked as `org`'s admin. */
export async function isDefinitionCommitted(deployment: ChaincodeDeployment, org: PeerOrgKey): Promise<boolean> {
  const committed = await run(
    bin('peer'),
    ['lifecycle', 'chaincode', 'querycommitted', '--channelID', deployment.channel.name],
    { env: peerAdminEnv(peers[org]), purpose: `asking ${deployment.channel.name} for its committed chaincode` },
  );
  return committed.includes(
    `Name: ${deployment.name}, Version: ${deployment.version}, Sequence: ${deployment.sequence},`,
  );
}

/** Approves the definition for `org` with that org's own admin identity (`approveformyorg`, sent to the orderer). */
export async function approveForOrg(
  deployment: ChaincodeDeployment,
  org: PeerOrgKey,
  packageId: string,
): Promise<void> {
  await retry(
    () =>
      run(
        bin('peer'),
        [
          'lifecycle',
          'chaincode',
          'approveformyorg',
          ...ordererClientArgs(),
          ...definitionArgs(deployment),
          '--package-id',
          packageId,
        ],
        {
          env: peerAdminEnv(peers[org]),
          purpose: `approving ${deployment.name} for ${org} on ${deployment.channel.name}`,
        },
      ),
    5,
    1000,
  );
}

/**
 * Which member orgs have approved the definition (`checkcommitreadiness --output json`, as `org`'s admin): the
 * lifecycle policy (MAJORITY Endorsement) decides whether that is enough to commit.
 */
export async function commitReadiness(
  deployment: ChaincodeDeployment,
  org: PeerOrgKey,
): Promise<Record<string, boolean>> {
  const output = await run(
    bin('peer'),
    ['lifecycle', 'chaincode', 'checkcommitreadiness', ...definitionArgs(deployment), '--output', 'json'],
    { env: peerAdminEnv(peers[org]), purpose: `checking whether ${deployment.name} can be committed` },
  );
  const parsed = JSON.parse(output.slice(output.indexOf('{'))) as { approvals?: Record<string, boolean> };
  return parsed.approvals ?? {};
}

/**
 * Commits the definition as `org`'s admin, endorsed by every member org's peer (dialled by host name in a
 * deployment, checked against that org's TLS root from its definition).
 */
export async function commitDefinition(deployment: ChaincodeDeployment, org: PeerOrgKey): Promise<void> {
  const endorsers = channelMembersPeers(deployment.channel).flatMap((peer) => [
    '--peerAddresses',
    `${hosts().dialHost(peer.org)}:${peer.port}`,
    '--tlsRootCertFiles',
    tlsCaPath(peer.org),
  ]);
  await retry(
    () =>
      run(
        bin('peer'),
        ['lifecycle', 'chaincode', 'commit', ...ordererClientArgs(), ...definitionArgs(deployment), ...endorsers],
        {
          env: peerAdminEnv(peers[org]),
          purpose: `committing ${deployment.name} on ${deployment.channel.name}`,
        },
      ),
    5,
    1000,
  );
}

/**
 * The local network, where this host holds every admin's keys: installs the package on every member peer, then
 * approves (each org as itself) and commits the definition, unless that very definition is committed already. A
 * higher sequence upgrades the chaincode in place. A deployment runs the same steps per org (`org.ts`).
 */
export async function installApproveCommit(deployment: ChaincodeDeployment, pkg: ChaincodePackage): Promise<void> {
  const members = channelMembersPeers(deployment.channel);
  for (const peer of members) await installOnPeer(peer, pkg);
  if (await isDefinitionCommitted(deployment, 'hospital')) return;
  for (const peer of members) await approveForOrg(deployment, peer.org, pkg.packageId);
  await commitDefinition(deployment, 'hospital');
}

export function chaincodeServerProcess(deployment: ChaincodeDeployment, packageId: string): NodeProcessSpec {
  return {
    name: chaincodeNodeName(deployment),
    // The same Node that runs these scripts (Node 24 from the project's devDependencies).
    command: process.execPath,
    args: [
      path.join(repoRoot, 'node_modules', 'fabric-shim', 'cli.js'),
      'server',
      '--chaincode-address',
      `127.0.0.1:${deployment.port}`,
      '--chaincode-id',
      packageId,
      '--module-path',
      deployment.modulePath,
    ],
    // fabric-shim and fabric-contract-api read only CORE_CHAINCODE_LOGGING_LEVEL (CORE_CHAINCODE_LOGGING_SHIM is the Go
    // shim's); see logging.ts for what each level prints.
    env: { CORE_CHAINCODE_LOGGING_LEVEL: chaincodeLogLevel },
    cwd: repoRoot,
    ports: [deployment.port],
  };
}

/** Evaluates Ping as the first member org's admin until the peer reaches the chaincode server. */
export async function waitForChaincode(deployment: ChaincodeDeployment): Promise<void> {
  const { channel } = deployment;
  const member = channelMembersPeers(channel)[0];
  if (member === undefined) throw new Error(`${channel.name} has no members`);
  await retry(
    () =>
      run(bin('peer'), ['chaincode', 'query', '-C', channel.name, '-n', deployment.name, '-c', '{"Args":["Ping"]}'], {
        env: peerAdminEnv(member),
        purpose: `pinging ${deployment.name} on ${channel.name}`,
      }),
    60,
    500,
  );
}
