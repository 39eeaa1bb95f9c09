/** Where the network's binaries, configuration and per-node data live on disk. */
import path from 'node:path';
import type { OrgKey } from './topology.ts';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..');
export const networkDir = path.join(repoRoot, 'fabric-network');

/** Git-ignored cache of built binaries: survives `network:reset`. */
export const cacheDir = process.env['PEDILEDGER_FABRIC_CACHE'] ?? path.join(networkDir, '.cache');
export const binDir = path.join(cacheDir, 'bin');
export const builderDir = path.join(cacheDir, 'builders', 'ccaas');
/** Copies of Fabric's sampleconfig core.yaml and orderer.yaml from the downloaded module (never committed). */
export const fabricConfigDir = path.join(cacheDir, 'config');
export const stampFile = path.join(cacheDir, 'VERSION.json');

/** Everything a running network writes: crypto material, ledgers, logs, pids. `network:reset` deletes it. */
export const dataDir = process.env['PEDILEDGER_NETWORK_DATA'] ?? path.join(networkDir, '.data');
export const nodesDir = path.join(dataDir, 'nodes');
export const orgsDir = path.join(dataDir, 'organizations');
export const channelArtifactsDir = path.join(dataDir, 'channel-artifacts');
export const chaincodePackagesDir = path.join(dataDir, 'chaincode-packages');
export const profilesDir = path.join(dataDir, 'profiles');
export const stateFile = path.join(dataDir, 'network.json');
/** The few secrets the network keeps (the CAs' bootstrap passwords): owner-only folder and files. */
export const secretsDir = path.join(dataDir, 'secrets');

export const chaincodeDir = path.join(repoRoot, 'chaincode');

export function nodeDir(name: string): string {
  return path.join(nodesDir, name);
}

export function orgDir(org: OrgKey): string {
  return path.join(orgsDir, org);
}

export function bin(name: string): string {
  return path.join(binDir, name);
}
