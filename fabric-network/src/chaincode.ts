/**
 * Chaincode as a service: a deterministic `ccaas` package per chaincode (so its package ID is stable across
 * resets), installed on every member peer, approved by every member org, committed once, and served by a
 * TypeScript chaincode server (fabric-chaincode-node `server` mode) that the network starts itself.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { channelMembersPeers } from './channels.ts';
import { tlsCaPath } from './identities.ts';
import { ordererClientArgs } from './orderer.ts';
import { chaincodeLogLevel } from './logging.ts';
import { peerAdminEnv } from './peer.ts';
import { bin, chaincodeDir, chaincodePackagesDir, repoRoot } from './paths.ts';
import type { NodeProcessSpec } from './processes.ts';
import { retry, run } from './run.ts';
import { peers, type ChannelSpec } from './topology.ts';

export const chaincodeVersion = '1.0';
export const chaincodeSequence = 1;

export function chaincodeNodeName(channel: ChannelSpec): string {
  return `chaincode.${channel.chaincode.name}`;
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
export async function packageChaincode(channel: ChannelSpec): Promise<ChaincodePackage> {
  const label = `${channel.chaincode.name}_${chaincodeVersion}`;
  const work = path.join(chaincodePackagesDir, channel.chaincode.name);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(path.join(work, 'code'), { recursive: true });
  writeFileSync(
    path.join(work, 'code', 'connection.json'),
    JSON.stringify(
      { address: `127.0.0.1:${channel.chaincode.port}`, dial_timeout: '10s', tls_required: false },
      null,
      2,
    ) + '\n',
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
    { purpose: `packaging the ${channel.chaincode.name} chaincode` },
  );
  const digest = createHash('sha256').update(readFileSync(file)).digest('hex');
  return { file, label, packageId: `${label}:${digest}` };
}

function definitionArgs(channel: ChannelSpec): string[] {
  const args = ['--channelID', channel.name, '--name', channel.chaincode.name, '--version', chaincodeVersion];
  args.push('--sequence', String(chaincodeSequence));
  if (channel.chaincode.signaturePolicy !== null) args.push('--signature-policy', channel.chaincode.signaturePolicy);
  const collections = collectionsConfig(channel);
  if (collections !== null) args.push('--collections-config', collections);
  return args;
}

export async function installApproveCommit(channel: ChannelSpec, pkg: ChaincodePackage): Promise<void> {
  const members = channelMembersPeers(channel);
  for (const peer of members) {
    const installed = await run(bin('peer'), ['lifecycle', 'chaincode', 'queryinstalled'], {
      env: peerAdminEnv(peer),
      purpose: `asking ${peer.name} for its installed chaincode`,
    });
    if (!installed.includes(pkg.packageId)) {
      await run(bin('peer'), ['lifecycle', 'chaincode', 'install', pkg.file], {
        env: peerAdminEnv(peer),
        purpose: `installing ${pkg.label} on ${peer.name}`,
      });
    }
  }

  const committed = await run(bin('peer'), ['lifecycle', 'chaincode', 'querycommitted', '--channelID', channel.name], {
    env: peerAdminEnv(peers.hospital),
    purpose: `asking ${channel.name} for its committed chaincode`,
  });
  if (committed.includes(`Name: ${channel.chaincode.name},`)) return;

  for (const peer of members) {
    await retry(
      () =>
        run(
          bin('peer'),
          [
            'lifecycle',
            'chaincode',
            'approveformyorg',
            ...ordererClientArgs(),
            ...definitionArgs(channel),
            '--package-id',
            pkg.packageId,
          ],
          {
            env: peerAdminEnv(peer),
            purpose: `approving ${channel.chaincode.name} for ${peer.org} on ${channel.name}`,
          },
        ),
      5,
      1000,
    );
  }

  const endorsers = members.flatMap((peer) => [
    '--peerAddresses',
    `127.0.0.1:${peer.port}`,
    '--tlsRootCertFiles',
    tlsCaPath(peer.org),
  ]);
  await retry(
    () =>
      run(
        bin('peer'),
        ['lifecycle', 'chaincode', 'commit', ...ordererClientArgs(), ...definitionArgs(channel), ...endorsers],
        {
          env: peerAdminEnv(peers.hospital),
          purpose: `committing ${channel.chaincode.name} on ${channel.name}`,
        },
      ),
    5,
    1000,
  );
}

export function chaincodeServerProcess(channel: ChannelSpec, packageId: string): NodeProcessSpec {
  return {
    name: chaincodeNodeName(channel),
    // The same Node that runs these scripts (Node 24 from the project's devDependencies).
    command: process.execPath,
    args: [
      path.join(repoRoot, 'node_modules', 'fabric-shim', 'cli.js'),
      'server',
      '--chaincode-address',
      `127.0.0.1:${channel.chaincode.port}`,
      '--chaincode-id',
      packageId,
      '--module-path',
      deployDir(channel),
    ],
    // fabric-shim and fabric-contract-api read only CORE_CHAINCODE_LOGGING_LEVEL (CORE_CHAINCODE_LOGGING_SHIM is the Go
    // shim's); see logging.ts for what each level prints.
    env: { CORE_CHAINCODE_LOGGING_LEVEL: chaincodeLogLevel },
    cwd: repoRoot,
    ports: [channel.chaincode.port],
  };
}

/** Evaluates Ping as the first member org's admin until the peer reaches the chaincode server. */
export async function waitForChaincode(channel: ChannelSpec): Promise<void> {
  const member = channelMembersPeers(channel)[0];
  if (member === undefined) throw new Error(`${channel.name} has no members`);
  await retry(
    () =>
      run(
        bin('peer'),
        ['chaincode', 'query', '-C', channel.name, '-n', channel.chaincode.name, '-c', '{"Args":["Ping"]}'],
        {
          env: peerAdminEnv(member),
          purpose: `pinging ${channel.chaincode.name} on ${channel.name}`,
        },
      ),
    60,
    500,
  );
}
