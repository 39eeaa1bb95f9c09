/**
 * The local network's fixed shape: organizations, nodes, the loopback port plan, channels, chaincode and demo
 * users. Everything else in fabric-network/ derives from these tables, so a port or a user is changed in one place.
 */

export type OrgKey = 'orderer' | 'hospital' | 'parents' | 'school';
export type PeerOrgKey = Exclude<OrgKey, 'orderer'>;
export type Role = 'pediatrician' | 'parent' | 'school-admin';
export type ChannelName = 'medical' | 'report';

export interface OrgSpec {
  key: OrgKey;
  mspId: string;
  /** Human name used in logs and status tables. */
  label: string;
  ca: { port: number; opsPort: number; name: string };
}

export const orgs: Record<OrgKey, OrgSpec> = {
  orderer: {
    key: 'orderer',
    mspId: 'OrdererMSP',
    label: 'Orderer',
    ca: { port: 7054, opsPort: 9447, name: 'ca-orderer' },
  },
  hospital: {
    key: 'hospital',
    mspId: 'HospitalMSP',
    label: 'Hospital',
    ca: { port: 8054, opsPort: 9448, name: 'ca-hospital' },
  },
  parents: {
    key: 'parents',
    mspId: 'ParentsMSP',
    label: 'Parents',
    ca: { port: 9054, opsPort: 9449, name: 'ca-parents' },
  },
  school: { key: 'school', mspId: 'SchoolMSP', label: 'School', ca: { port: 10054, opsPort: 9450, name: 'ca-school' } },
};

export const peerOrgKeys: readonly PeerOrgKey[] = ['hospital', 'parents', 'school'];

export interface PeerSpec {
  name: string;
  org: PeerOrgKey;
  port: number;
  chaincodePort: number;
  opsPort: number;
}

export const peers: Record<PeerOrgKey, PeerSpec> = {
  hospital: { name: 'peer0.hospital', org: 'hospital', port: 7051, chaincodePort: 7052, opsPort: 9444 },
  parents: { name: 'peer0.parents', org: 'parents', port: 8051, chaincodePort: 8052, opsPort: 9445 },
  school: { name: 'peer0.school', org: 'school', port: 9051, chaincodePort: 9052, opsPort: 9446 },
};

export interface OrdererSpec {
  name: string;
  port: number;
  adminPort: number;
  opsPort: number;
}

/** Up to three etcdraft orderers; the default network runs the first one only. */
export const orderers: readonly OrdererSpec[] = [
  { name: 'orderer0', port: 7050, adminPort: 7053, opsPort: 8443 },
  { name: 'orderer1', port: 7060, adminPort: 7063, opsPort: 8444 },
  { name: 'orderer2', port: 7070, adminPort: 7073, opsPort: 8445 },
];

export interface ChannelSpec {
  name: ChannelName;
  members: readonly PeerOrgKey[];
  chaincode: { name: string; port: number; signaturePolicy: string | null };
}

/**
 * `medical` never includes the School: its peer does not join, so it never holds agreements or cards.
 * `medical` endorsement needs both orgs; `report` uses the channel's MAJORITY Endorsement policy (2 of 3).
 */
export const channels: Record<ChannelName, ChannelSpec> = {
  medical: {
    name: 'medical',
    members: ['hospital', 'parents'],
    chaincode: { name: 'medical', port: 9100, signaturePolicy: "AND('HospitalMSP.peer','ParentsMSP.peer')" },
  },
  report: {
    name: 'report',
    members: ['hospital', 'parents', 'school'],
    chaincode: { name: 'report', port: 9101, signaturePolicy: null },
  },
};

export const roleOfOrg: Record<PeerOrgKey, Role> = {
  hospital: 'pediatrician',
  parents: 'parent',
  school: 'school-admin',
};

export interface DemoUser {
  org: PeerOrgKey;
  uid: string;
  role: Role;
  schoolId: string | null;
}

/** Two pediatricians, two families (one child with two guardians), two school admins of two schools. */
export const demoUsers: readonly DemoUser[] = [
  { org: 'hospital', uid: 'ped-alice', role: 'pediatrician', schoolId: null },
  { org: 'hospital', uid: 'ped-bruno', role: 'pediatrician', schoolId: null },
  { org: 'parents', uid: 'parent-carla', role: 'parent', schoolId: null },
  { org: 'parents', uid: 'parent-diego', role: 'parent', schoolId: null },
  { org: 'parents', uid: 'parent-emma', role: 'parent', schoolId: null },
  { org: 'school', uid: 'admin-oak', role: 'school-admin', schoolId: 'oak-primary' },
  { org: 'school', uid: 'admin-pine', role: 'school-admin', schoolId: 'pine-elementary' },
];

/** Orderer batching: a block is cut 200 ms after its first transaction, so an interactive write commits in well under a second. */
export const batchTimeout = '200ms';
export const batchMaxMessages = 50;
