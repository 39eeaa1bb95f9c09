/**
 * Crypto material from the Fabric CAs (never cryptogen): the org MSPs for the channel configuration, node
 * identities with TLS certificates, org admins, and the demo users whose certificates carry `uid`, `role` and
 * `schoolId` attributes.
 */
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { caBootstrapAdmin, caCertPath, caUrl } from './ca.ts';
import { bin, dataDir, orgDir } from './paths.ts';
import { run } from './run.ts';
import { orgs, type DemoUser, type OrgKey, type PeerOrgKey, type Role } from './topology.ts';

type IdentityType = 'admin' | 'peer' | 'orderer' | 'client';

/** Paths of one enrolled identity: its MSP folder and, for nodes and admins, its TLS key pair. */
export interface EnrolledIdentity {
  mspDir: string;
  certPath: string;
  keyPath: string;
  tls?: { certPath: string; keyPath: string; caPath: string };
}

export function orgMspDir(org: OrgKey): string {
  return path.join(orgDir(org), 'msp');
}

export function tlsCaPath(org: OrgKey): string {
  return path.join(orgMspDir(org), 'tlscacerts', 'ca.pem');
}

export function adminIdentity(org: OrgKey): EnrolledIdentity {
  return identityAt(path.join(orgDir(org), 'admin'), true);
}

export function nodeIdentity(org: OrgKey, nodeName: string): EnrolledIdentity {
  return identityAt(path.join(orgDir(org), 'nodes', nodeName), true);
}

export function userIdentity(org: OrgKey, uid: string): EnrolledIdentity {
  return identityAt(path.join(orgDir(org), 'users', uid), false);
}

function identityAt(base: string, withTls: boolean): EnrolledIdentity {
  const mspDir = path.join(base, 'msp');
  const identity: EnrolledIdentity = {
    mspDir,
    certPath: path.join(mspDir, 'signcerts', 'cert.pem'),
    keyPath: path.join(mspDir, 'keystore', 'key.pem'),
  };
  if (withTls) {
    const tlsDir = path.join(base, 'tls');
    identity.tls = {
      certPath: path.join(tlsDir, 'cert.pem'),
      keyPath: path.join(tlsDir, 'key.pem'),
      caPath: path.join(tlsDir, 'ca.pem'),
    };
  }
  return identity;
}

function registrarMsp(org: OrgKey): string {
  return path.join(orgDir(org), 'ca-admin', 'msp');
}

async function caClient(org: OrgKey, args: readonly string[], purpose: string): Promise<string> {
  const home = path.join(dataDir, 'ca-client', org);
  mkdirSync(home, { recursive: true });
  return run(bin('fabric-ca-client'), [...args, '--caname', orgs[org].ca.name, '--tls.certfiles', caCertPath(org)], {
    env: { FABRIC_CA_CLIENT_HOME: home },
    purpose,
  });
}

/** Enrolls into an MSP folder and normalises file names so configs can point at them (ca.pem, key.pem). */
async function enroll(org: OrgKey, id: string, secret: string, mspDir: string, tls = false): Promise<void> {
  rmSync(mspDir, { recursive: true, force: true });
  const url = caUrl(org).replace('https://', `https://${encodeURIComponent(id)}:${encodeURIComponent(secret)}@`);
  const args = ['enroll', '-u', url, '--mspdir', mspDir];
  if (tls) args.push('--enrollment.profile', 'tls', '--csr.hosts', 'localhost,127.0.0.1');
  await caClient(org, args, `enrolling ${id} with ${orgs[org].ca.name}${tls ? ' (TLS)' : ''}`);
  renameSingle(path.join(mspDir, 'keystore'), 'key.pem');
  renameSingle(path.join(mspDir, tls ? 'tlscacerts' : 'cacerts'), 'ca.pem');
  if (!tls) writeNodeOuConfig(mspDir);
}

function renameSingle(dir: string, name: string): void {
  const files = readdirSync(dir);
  const first = files[0];
  if (files.length !== 1 || first === undefined)
    throw new Error(`expected exactly one file in ${dir}, found ${files.length}`);
  if (first !== name) renameSync(path.join(dir, first), path.join(dir, name));
}

/** NodeOUs let policies tell admins, peers, orderers and clients apart by the OU Fabric CA writes into each cert. */
function writeNodeOuConfig(mspDir: string): void {
  const ou = (name: string): string =>
    `  ${name}OUIdentifier:\n    Certificate: cacerts/ca.pem\n    OrganizationalUnitIdentifier: ${name.toLowerCase()}\n`;
  writeFileSync(
    path.join(mspDir, 'config.yaml'),
    `NodeOUs:\n  Enable: true\n${ou('Client')}${ou('Peer')}${ou('Admin')}${ou('Orderer')}`,
  );
}

interface Registration {
  id: string;
  secret: string;
  type: IdentityType;
  attrs?: string;
  maxEnrollments?: number;
}

async function register(org: OrgKey, registration: Registration): Promise<void> {
  const args = [
    'register',
    '-u',
    caUrl(org),
    '--mspdir',
    registrarMsp(org),
    '--id.name',
    registration.id,
    '--id.secret',
    registration.secret,
    '--id.type',
    registration.type,
  ];
  if (registration.attrs !== undefined) args.push('--id.attrs', registration.attrs);
  if (registration.maxEnrollments !== undefined) args.push('--id.maxenrollments', String(registration.maxEnrollments));
  await caClient(org, args, `registering ${registration.id} with ${orgs[org].ca.name}`);
}

/** Local network only: node and demo secrets are derived from the id; real deployments use `network:register`. */
function localSecret(id: string): string {
  return `${id}-pw`;
}

async function enrollWithTls(org: OrgKey, id: string, identity: EnrolledIdentity): Promise<void> {
  await enroll(org, id, localSecret(id), identity.mspDir);
  const tls = identity.tls;
  if (tls === undefined) return;
  const tlsMsp = path.join(path.dirname(tls.certPath), 'msp');
  await enroll(org, id, localSecret(id), tlsMsp, true);
  copyFileSync(path.join(tlsMsp, 'signcerts', 'cert.pem'), tls.certPath);
  copyFileSync(path.join(tlsMsp, 'keystore', 'key.pem'), tls.keyPath);
  copyFileSync(path.join(tlsMsp, 'tlscacerts', 'ca.pem'), tls.caPath);
}

/** Builds the org's channel MSP (root cert as CA and TLS CA, NodeOUs) and enrolls its admin and nodes. */
export async function createOrgIdentities(org: OrgKey, nodeNames: readonly string[]): Promise<void> {
  await enroll(org, caBootstrapAdmin.id, caBootstrapAdmin.secret, registrarMsp(org));

  const msp = orgMspDir(org);
  mkdirSync(path.join(msp, 'cacerts'), { recursive: true });
  mkdirSync(path.join(msp, 'tlscacerts'), { recursive: true });
  copyFileSync(caCertPath(org), path.join(msp, 'cacerts', 'ca.pem'));
  copyFileSync(caCertPath(org), path.join(msp, 'tlscacerts', 'ca.pem'));
  writeNodeOuConfig(msp);

  const adminId = `${org}-admin`;
  await register(org, { id: adminId, secret: localSecret(adminId), type: 'admin' });
  await enrollWithTls(org, adminId, prepare(adminIdentity(org)));

  for (const nodeName of nodeNames) {
    await register(org, { id: nodeName, secret: localSecret(nodeName), type: org === 'orderer' ? 'orderer' : 'peer' });
    await enrollWithTls(org, nodeName, prepare(nodeIdentity(org, nodeName)));
  }
}

function prepare(identity: EnrolledIdentity): EnrolledIdentity {
  if (identity.tls) mkdirSync(path.dirname(identity.tls.certPath), { recursive: true });
  return identity;
}

export function userAttributes(user: Pick<DemoUser, 'uid' | 'role' | 'schoolId'>): string {
  // `:ecert` puts each attribute into the enrollment certificate, where chaincode reads it.
  const attrs = [`uid=${user.uid}:ecert`, `role=${user.role}:ecert`];
  if (user.schoolId !== null) attrs.push(`schoolId=${user.schoolId}:ecert`);
  return attrs.join(',');
}

export async function createDemoUser(user: DemoUser): Promise<EnrolledIdentity> {
  await register(user.org, {
    id: user.uid,
    secret: localSecret(user.uid),
    type: 'client',
    attrs: userAttributes(user),
  });
  const identity = userIdentity(user.org, user.uid);
  await enroll(user.org, user.uid, localSecret(user.uid), identity.mspDir);
  return identity;
}

export interface NewUser {
  org: PeerOrgKey;
  uid: string;
  role: Role;
  schoolId: string | null;
}

/**
 * Registers a user for enrollment from the app: a fresh one-time secret (max one enrollment), attributes in the
 * enrollment certificate. This is what a clinic's or school's admin does for a new colleague.
 */
export async function registerUser(user: NewUser): Promise<{ enrollmentId: string; secret: string }> {
  if (!existsSync(registrarMsp(user.org))) {
    throw new Error('The network has not been created yet: run `npm run network:up` first.');
  }
  const secret = randomBytes(12).toString('base64url');
  await register(user.org, { id: user.uid, secret, type: 'client', attrs: userAttributes(user), maxEnrollments: 1 });
  return { enrollmentId: user.uid, secret };
}
