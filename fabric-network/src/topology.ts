/**
 * The local network's fixed shape: organizations, nodes, the loopback port plan, channels, chaincode and demo
 * users. Everything else in fabric-network/ derives from these tables, so a port or a user is changed in one place.
 */
import { schoolAffiliation, type Role } from '@pediledger/domain';

export type OrgKey = 'orderer' | 'hospital' | 'parents' | 'school';

/**
 * Shifts every port of the plan, so a second network (e.g. CI trying a fresh clone) can run beside a developer's
 * without sharing a single port. 0 by default: the documented plan.
 */
export const portOffset = parsePortOffset(process.env['PEDILEDGER_PORT_OFFSET']);

function parsePortOffset(value: string | undefined): number {
  if (value === undefined || value === '') return 0;
  const offset = Number(value);
  // Kept below 22000 so every port stays under 32768, where Linux starts handing out ephemeral client ports.
  if (!Number.isInteger(offset) || offset < 0 || offset > 22000) {
    throw new Error(`PEDILEDGER_PORT_OFFSET must be a whole number from 0 to 22000, not "${value}"`);
  }
  return offset;
}

const port = (base: number): number => base + portOffset;
export type PeerOrgKey = Exclude<OrgKey, 'orderer'>;
export type { Role };
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
    ca: { port: port(7054), opsPort: port(9447), name: 'ca-orderer' },
  },
  hospital: {
    key: 'hospital',
    mspId: 'HospitalMSP',
    label: 'Hospital',
    ca: { port: port(8054), opsPort: port(9448), name: 'ca-hospital' },
  },
  parents: {
    key: 'parents',
    mspId: 'ParentsMSP',
    label: 'Parents',
    ca: { port: port(9054), opsPort: port(9449), name: 'ca-parents' },
  },
  school: {
    key: 'school',
    mspId: 'SchoolMSP',
    label: 'School',
    ca: { port: port(10054), opsPort: port(9450), name: 'ca-school' },
  },
};

export const peerOrgKeys: readonly PeerOrgKey[] = ['hospital', 'parents', 'school'];

export interface PeerSpec {
  name: string;
  org: PeerOrgKey;
  port: number;
  chaincodePort: number;
  opsPort: number;
  /** Go's pprof server, started only when PEDILEDGER_PPROF=1 (see {@link pprofEnabled}). */
  pprofPort: number;
}

export const peers: Record<PeerOrgKey, PeerSpec> = {
  hospital: {
    name: 'peer0.hospital',
    org: 'hospital',
    port: port(7051),
    chaincodePort: port(7052),
    opsPort: port(9444),
    pprofPort: port(6060),
  },
  parents: {
    name: 'peer0.parents',
    org: 'parents',
    port: port(8051),
    chaincodePort: port(8052),
    opsPort: port(9445),
    pprofPort: port(6061),
  },
  school: {
    name: 'peer0.school',
    org: 'school',
    port: port(9051),
    chaincodePort: port(9052),
    opsPort: port(9446),
    pprofPort: port(6062),
  },
};

export interface OrdererSpec {
  name: string;
  port: number;
  adminPort: number;
  opsPort: number;
  /** Go's pprof server, started only when PEDILEDGER_PPROF=1. */
  pprofPort: number;
}

/** Up to three etcdraft orderers; the default network runs the first one only. */
export const orderers: readonly OrdererSpec[] = [
  { name: 'orderer0', port: port(7050), adminPort: port(7053), opsPort: port(8443), pprofPort: port(6063) },
  { name: 'orderer1', port: port(7060), adminPort: port(7063), opsPort: port(8444), pprofPort: port(6064) },
  { name: 'orderer2', port: port(7070), adminPort: port(7073), opsPort: port(8445), pprofPort: port(6065) },
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
    chaincode: { name: 'medical', port: port(9100), signaturePolicy: "AND('HospitalMSP.peer','ParentsMSP.peer')" },
  },
  report: {
    name: 'report',
    members: ['hospital', 'parents', 'school'],
    chaincode: { name: 'report', port: port(9101), signaturePolicy: null },
  },
};

/**
 * Ports for chaincode servers that tests deploy beside the network's own (the card migration test runs the chaincode
 * as it was before entries became records, then its upgrade), inside this network's port plan.
 */
export const testChaincodePorts: readonly number[] = [port(9102), port(9103)];

/**
 * The private Fabric CA the enrollment unit tests start (listener, operations), inside this network's port plan:
 * fixed ports outside it collided with another network shifted onto them on a shared machine.
 */
export const testCaPorts = { listen: port(9104), operations: port(9105) } as const;

export const roleOfOrg: Record<PeerOrgKey, Role> = {
  hospital: 'pediatrician',
  parents: 'parent',
  school: 'school-admin',
};

/**
 * The School CA affiliation of a school: each school's registration authority is confined to it, and the chaincode
 * accepts a school admin only when the certificate's `hf.Affiliation` is exactly this (the rule in
 * domain/src/identityRules.ts, the same function the chaincode applies).
 */
export { schoolAffiliation };

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

/**
 * Whether the peers and orderers serve Go's pprof on loopback (`PEDILEDGER_PPROF=1` when the nodes start): off by
 * default, since a profiling server is a debugging surface; bench:scale collects CPU profiles from it when it is on.
 */
export const pprofEnabled = process.env['PEDILEDGER_PPROF'] === '1';
