/**
 * Connection profiles for the desktop app, one per organization: where its gateway peers are (its own first, then
 * peers of other orgs that share its channels, for failover), their TLS roots, its CA and the channels it may use.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { caCertPath, caUrl } from './ca.ts';
import { tlsCaPath } from './identities.ts';
import { profilesDir } from './paths.ts';
import { channels, orgs, peerOrgKeys, peers, type PeerOrgKey } from './topology.ts';

export interface ConnectionProfile {
  org: PeerOrgKey;
  mspId: string;
  channels: string[];
  gatewayPeers: { endpoint: string; hostAlias: string; mspId: string; tlsCaCertPath: string }[];
  ca: { url: string; caName: string; tlsCaCertPath: string };
}

export function connectionProfile(org: PeerOrgKey): ConnectionProfile {
  const memberOf = Object.values(channels).filter((channel) => channel.members.includes(org));
  // A failover gateway must belong to an org that is a member of every channel this org uses.
  const failover = peerOrgKeys.filter(
    (other) => other !== org && memberOf.every((channel) => channel.members.includes(other)),
  );
  return {
    org,
    mspId: orgs[org].mspId,
    channels: memberOf.map((channel) => channel.name),
    gatewayPeers: [org, ...failover].map((peerOrg) => ({
      endpoint: `127.0.0.1:${peers[peerOrg].port}`,
      hostAlias: 'localhost',
      mspId: orgs[peerOrg].mspId,
      tlsCaCertPath: tlsCaPath(peerOrg),
    })),
    ca: { url: caUrl(org), caName: orgs[org].ca.name, tlsCaCertPath: caCertPath(org) },
  };
}

export function profilePath(org: PeerOrgKey): string {
  return path.join(profilesDir, `${org}.json`);
}

export function writeConnectionProfiles(): string[] {
  mkdirSync(profilesDir, { recursive: true });
  return peerOrgKeys.map((org) => {
    const file = profilePath(org);
    writeFileSync(file, JSON.stringify(connectionProfile(org), null, 2) + '\n');
    return file;
  });
}
