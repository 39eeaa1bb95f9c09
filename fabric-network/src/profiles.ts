/**
 * Connection profiles for the desktop app, one per organization: where its gateway peers are (its own first, then
 * peers of other orgs that share its channels, for failover), their TLS roots, its CA and the channels it may use.
 * `<org>.json` names the certificate files on this host; `<org>.portable.json` carries them inline, for an
 * administrator to hand out (the app imports it with "Import connection profile…").
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  PORTABLE_PROFILE_FORMAT,
  PORTABLE_PROFILE_VERSION,
  PortableConnectionProfile,
} from '../../shared/schemas/portableConnectionProfile.ts';
import { caCertPath, caPublicUrl } from './ca.ts';
import { hosts } from './hosts.ts';
import { tlsCaPath, userIdentity } from './identities.ts';
import { profilesDir } from './paths.ts';
import { channels, demoUsers, orgs, peerOrgKeys, peers, type PeerOrgKey } from './topology.ts';

export interface ConnectionProfile {
  org: PeerOrgKey;
  mspId: string;
  channels: string[];
  gatewayPeers: { endpoint: string; hostAlias: string; mspId: string; tlsCaCertPath: string }[];
  ca: { url: string; caName: string; tlsCaCertPath: string };
  /**
   * Marks this as the local network's own profile, with the demo users whose keys are on this host (the app offers
   * them on its first-run screen). Never part of the portable form handed to other computers.
   */
  localNetwork?: { demoUsers: { uid: string; certPath: string; keyPath: string }[] };
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
      endpoint: `${hosts().dialHost(peerOrg)}:${peers[peerOrg].port}`,
      hostAlias: hosts().tlsServerName(peerOrg),
      mspId: orgs[peerOrg].mspId,
      tlsCaCertPath: tlsCaPath(peerOrg),
    })),
    ca: { url: caPublicUrl(org), caName: orgs[org].ca.name, tlsCaCertPath: caCertPath(org) },
    localNetwork: {
      demoUsers: demoUsers
        .filter((user) => user.org === org)
        .map(({ uid }) => ({
          uid,
          certPath: userIdentity(org, uid).certPath,
          keyPath: userIdentity(org, uid).keyPath,
        })),
    },
  };
}

export function profilePath(org: PeerOrgKey): string {
  return path.join(profilesDir, `${org}.json`);
}

export function portableProfilePath(org: PeerOrgKey): string {
  return path.join(profilesDir, `${org}.portable.json`);
}

/**
 * The portable form of {@link connectionProfile}: each `tlsCaCertPath` replaced by the certificate's PEM, read from
 * this network's data folder. Checked against the schema the app imports with, so a file it writes always imports.
 */
export function portableConnectionProfile(org: PeerOrgKey): PortableConnectionProfile {
  const readPem = (file: string): string => {
    if (!existsSync(file)) throw new Error(`${file} is missing: the network has not been created yet (network:up)`);
    return readFileSync(file, 'utf8');
  };
  // Only what another computer needs: no demo users (their keys stay on this host) and never a secret.
  const { gatewayPeers, ca, ...profile } = connectionProfile(org);
  return PortableConnectionProfile.parse({
    format: PORTABLE_PROFILE_FORMAT,
    version: PORTABLE_PROFILE_VERSION,
    org,
    mspId: profile.mspId,
    channels: profile.channels,
    gatewayPeers: gatewayPeers.map(({ endpoint, hostAlias, tlsCaCertPath }) => ({
      endpoint,
      hostAlias,
      tlsCaCertPem: readPem(tlsCaCertPath),
    })),
    ca: { url: ca.url, caName: ca.caName, tlsCaCertPem: readPem(ca.tlsCaCertPath) },
  });
}

function writeJson(file: string, value: unknown): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify(value, null, 2) + '\n');
  renameSync(tmp, file);
}

/**
 * Writes `<org>.portable.json` from the network's current certificates, without touching the network: `network:up`
 * calls it, and so does `npm run network:export-profile -- <org>` for a network already running.
 */
export function writePortableProfile(org: PeerOrgKey): string {
  mkdirSync(profilesDir, { recursive: true });
  const file = portableProfilePath(org);
  writeJson(file, portableConnectionProfile(org));
  return file;
}

/** Writes every organisation's `<org>.json` and `<org>.portable.json`; returns the `<org>.json` paths. */
export function writeConnectionProfiles(): string[] {
  mkdirSync(profilesDir, { recursive: true });
  return peerOrgKeys.map((org) => {
    const file = profilePath(org);
    writeJson(file, connectionProfile(org));
    writePortableProfile(org);
    return file;
  });
}
