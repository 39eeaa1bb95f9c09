/** What is running, where, and how healthy: the human table and the machine-readable form other tools read. */
import { existsSync } from 'node:fs';
import { caCertPath, caNodeName } from './ca.ts';
import { chaincodeNodeName } from './chaincode.ts';
import { peerLedgerChannels } from './channels.ts';
import { tlsCaPath, userIdentity } from './identities.ts';
import { readState } from './network.ts';
import { dataDir, nodeDir, profilesDir, secretsDir } from './paths.ts';
import { healthzOk, logFileOf, runningPid, tcpOpen } from './processes.ts';
import { raftStatus, type ChannelRaftState } from './raftHealth.ts';
import { portableProfilePath, profilePath } from './profiles.ts';
import {
  channels,
  demoUsers,
  orderers,
  orgs,
  peerOrgKeys,
  peers,
  type OrgKey,
  type PeerOrgKey,
  type Role,
} from './topology.ts';

export type NodeKind = 'ca' | 'orderer' | 'peer' | 'chaincode';
export type Health = 'ok' | 'unhealthy' | 'stopped';

export interface NodeStatus {
  name: string;
  org: OrgKey;
  mspId: string;
  kind: NodeKind;
  ports: Record<string, number>;
  pid: number | null;
  health: Health;
  dataDir: string;
  logFile: string;
  /** Peers only: the channels the peer has a ledger for. */
  channels?: string[];
}

export interface UserStatus {
  org: PeerOrgKey;
  mspId: string;
  uid: string;
  role: Role;
  schoolId: string | null;
  certPath: string;
  keyPath: string;
}

export interface NetworkStatus {
  created: boolean;
  fabricVersion: string | null;
  dataDir: string;
  nodes: NodeStatus[];
  users: UserStatus[];
  tlsCaCerts: Record<OrgKey, string>;
  caCerts: Record<OrgKey, string>;
  channels: { name: string; members: string[]; chaincode: string }[];
  profiles: Record<PeerOrgKey, string>;
  /** `<org>.portable.json`: the profile with its certificates inline, for an administrator to hand out. */
  portableProfiles: Record<PeerOrgKey, string>;
  profilesDir: string;
  /** The CAs' bootstrap passwords (`ca.<org>.bootstrap`), owner-only. */
  secretsDir: string;
  /**
   * Per channel: the Raft leader, each orderer's state, committed block, height, lag behind the leader and active
   * consenters, and the problems found (`raftHealth.ts`). Empty when the network has not been created.
   */
  raft: ChannelRaftState[];
}

async function health(pid: number | null, probe: () => Promise<boolean>): Promise<Health> {
  if (pid === null) return 'stopped';
  return (await probe()) ? 'ok' : 'unhealthy';
}

async function nodeStatus(
  base: Omit<NodeStatus, 'pid' | 'health' | 'dataDir' | 'logFile'>,
  probe: () => Promise<boolean>,
): Promise<NodeStatus> {
  const pid = runningPid(base.name);
  return { ...base, pid, health: await health(pid, probe), dataDir: nodeDir(base.name), logFile: logFileOf(base.name) };
}

export async function collectStatus(): Promise<NetworkStatus> {
  const state = readState();
  const ordererCount = state?.ordererCount ?? 1;
  const nodes = await Promise.all([
    ...(Object.keys(orgs) as OrgKey[]).map((org) =>
      nodeStatus(
        {
          name: caNodeName(org),
          org,
          mspId: orgs[org].mspId,
          kind: 'ca',
          ports: { listen: orgs[org].ca.port, operations: orgs[org].ca.opsPort },
        },
        () => healthzOk(orgs[org].ca.opsPort),
      ),
    ),
    ...orderers.slice(0, ordererCount).map((o) =>
      nodeStatus(
        {
          name: o.name,
          org: 'orderer',
          mspId: 'OrdererMSP',
          kind: 'orderer',
          ports: { listen: o.port, admin: o.adminPort, operations: o.opsPort },
        },
        () => healthzOk(o.opsPort),
      ),
    ),
    ...peerOrgKeys.map(async (org) => {
      const peer = peers[org];
      const status = await nodeStatus(
        {
          name: peer.name,
          org,
          mspId: orgs[org].mspId,
          kind: 'peer',
          ports: { listen: peer.port, chaincode: peer.chaincodePort, operations: peer.opsPort },
        },
        () => healthzOk(peer.opsPort),
      );
      return { ...status, channels: peerLedgerChannels(peer) };
    }),
    ...Object.values(channels).map((channel) =>
      nodeStatus(
        {
          name: chaincodeNodeName(channel.chaincode),
          org: channel.members[0] ?? 'hospital',
          mspId: 'n/a',
          kind: 'chaincode',
          ports: { listen: channel.chaincode.port },
        },
        () => tcpOpen(channel.chaincode.port),
      ),
    ),
  ]);

  const raft =
    state === null
      ? []
      : await raftStatus(
          orderers.slice(0, ordererCount),
          Object.values(channels).map((c) => c.name),
        );

  const users = demoUsers.map((user) => {
    const identity = userIdentity(user.org, user.uid);
    return { ...user, mspId: orgs[user.org].mspId, certPath: identity.certPath, keyPath: identity.keyPath };
  });
  const perOrg = <T>(make: (org: OrgKey) => T): Record<OrgKey, T> => ({
    orderer: make('orderer'),
    hospital: make('hospital'),
    parents: make('parents'),
    school: make('school'),
  });
  return {
    created: state !== null,
    fabricVersion: state?.fabricVersion ?? null,
    dataDir,
    nodes,
    users,
    tlsCaCerts: perOrg(tlsCaPath),
    caCerts: perOrg(caCertPath),
    channels: Object.values(channels).map((c) => ({
      name: c.name,
      members: c.members.map((m) => orgs[m].mspId),
      chaincode: c.chaincode.name,
    })),
    profiles: { hospital: profilePath('hospital'), parents: profilePath('parents'), school: profilePath('school') },
    portableProfiles: {
      hospital: portableProfilePath('hospital'),
      parents: portableProfilePath('parents'),
      school: portableProfilePath('school'),
    },
    profilesDir,
    secretsDir,
    raft,
  };
}

/** One row per orderer and channel: Raft state, committed block, height, lag, active consenters; then problems. */
function raftLines(raft: readonly ChannelRaftState[]): string[] {
  if (raft.length === 0) return [];
  const header = ['CHANNEL', 'ORDERER', 'RAFT', 'COMMITTED', 'HEIGHT', 'LAG', 'ACTIVE/CONSENTERS'];
  const show = (n: number | null): string => (n === null ? '-' : String(n));
  const rows = raft.flatMap((c) =>
    c.orderers.map((o) => [
      c.channel,
      o.orderer,
      o.state,
      show(o.committedBlock),
      show(o.height),
      show(o.lag),
      o.activeNodes === null ? '-' : `${o.activeNodes}/${show(o.clusterSize)}`,
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const problems = raft.flatMap((c) => c.problems);
  return [
    '',
    "Ordering service (Raft, from each orderer's /metrics):",
    line(header),
    ...rows.map(line),
    problems.length === 0
      ? 'Raft: every channel has a leader and every consenter follows it'
      : `Raft problems (see README "Operations"): ${problems.join('; ')}`,
  ];
}

/** Where the portable profiles are, and how to write the ones a running network lacks (nothing is restarted). */
function portableLine(status: NetworkStatus): string {
  const missing = Object.entries(status.portableProfiles)
    .filter(([, file]) => !existsSync(file))
    .map(([org]) => org);
  const line = 'Portable profiles to hand out: <org>.portable.json in that folder';
  return missing.length === 0
    ? line
    : `${line} (missing for ${missing.join(', ')}: npm run network:export-profile -- <org>)`;
}

export function formatStatus(status: NetworkStatus): string {
  const rows = status.nodes.map((n) => [
    n.name,
    n.kind,
    n.mspId,
    Object.entries(n.ports)
      .map(([k, v]) => `${k} ${v}`)
      .join(', '),
    n.pid === null ? '-' : String(n.pid),
    n.health,
    n.channels?.join(',') ?? '',
  ]);
  const header = ['NODE', 'KIND', 'MSP', 'PORTS (127.0.0.1)', 'PID', 'HEALTH', 'CHANNELS'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const users = status.users
    .map((u) => `  ${u.uid.padEnd(14)} ${u.mspId.padEnd(12)} ${u.role.padEnd(13)} ${u.schoolId ?? ''}`)
    .join('\n');
  return [
    `PediLedger local network — ${status.created ? `Fabric ${status.fabricVersion ?? '?'}` : 'not created yet (npm run network:up)'}`,
    `data: ${status.dataDir}`,
    '',
    line(header),
    ...rows.map(line),
    ...raftLines(status.raft),
    '',
    'Demo users (keys under data/organizations/<org>/users/<uid>/msp; their one-time secrets were used up):',
    users,
    '',
    `CA bootstrap passwords (owner-only): ${status.secretsDir}`,
    `Connection profiles: ${status.profilesDir}`,
    existsSync(status.profiles.hospital) ? portableLine(status) : '(profiles are written by network:up)',
  ].join('\n');
}
