/**
 * Crypto material from the Fabric CAs (never cryptogen): the org MSPs for the channel configuration, node
 * identities with TLS certificates, org admins, each school's registration authority, and the demo users whose
 * certificates carry `uid`, `role` and `schoolId` attributes.
 *
 * Every identity is registered with a fresh random secret that enrolls once (`newSecret`, max enrollments 1) and is
 * forgotten after that enrollment; a node's or admin's TLS certificate is then issued by re-enrolling with the new
 * enrollment certificate, which Fabric CA does not count as an enrollment (`lib/serverenroll.go`).
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { caBootstrapAdmin, caCertPath, caUrl } from './ca.ts';
import { hosts } from './hosts.ts';
import { bin, dataDir, orgDir } from './paths.ts';
import { run } from './run.ts';
import { newSecret } from './secrets.ts';
import { orgs, schoolAffiliation, type DemoUser, type OrgKey, type PeerOrgKey, type Role } from './topology.ts';

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

/** A school's registration authority: its registrar's MSP folder on this host. */
export function schoolRegistrarIdentity(schoolId: string): EnrolledIdentity {
  return identityAt(path.join(orgDir('school'), 'registrars', schoolId), false);
}

/** The enrollment id of a school's registrar. */
export function schoolRegistrarId(schoolId: string): string {
  return `registrar.${schoolId}`;
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

/** The MSP of the org's CA bootstrap registrar (`ca-admin`): registers admins, nodes and users, revokes. */
export function orgRegistrarMsp(org: OrgKey): string {
  return path.join(orgDir(org), 'ca-admin', 'msp');
}

/**
 * Runs fabric-ca-client against the org's CA. Secrets go through the environment (`FABRIC_CA_CLIENT_URL` with the
 * credentials, `FABRIC_CA_CLIENT_ID_SECRET`), never the command line, which other users of the machine can read.
 */
export async function caClient(
  org: OrgKey,
  args: readonly string[],
  purpose: string,
  env: Readonly<Record<string, string>> = {},
): Promise<string> {
  const home = path.join(dataDir, 'ca-client', org);
  mkdirSync(home, { recursive: true });
  return run(bin('fabric-ca-client'), [...args, '--caname', orgs[org].ca.name, '--tls.certfiles', caCertPath(org)], {
    env: { FABRIC_CA_CLIENT_HOME: home, FABRIC_CA_CLIENT_URL: caUrl(org), ...env },
    purpose,
  });
}

function urlWithCredentials(org: OrgKey, id: string, secret: string): string {
  return caUrl(org).replace('https://', `https://${encodeURIComponent(id)}:${encodeURIComponent(secret)}@`);
}

/** Enrolls into an MSP folder and normalises file names so configs can point at them (ca.pem, key.pem). */
async function enroll(org: OrgKey, id: string, secret: string, mspDir: string): Promise<void> {
  rmSync(mspDir, { recursive: true, force: true });
  await caClient(org, ['enroll', '--mspdir', mspDir], `enrolling ${id} with ${orgs[org].ca.name}`, {
    FABRIC_CA_CLIENT_URL: urlWithCredentials(org, id, secret),
  });
  renameSingle(path.join(mspDir, 'keystore'), 'key.pem');
  renameSingle(path.join(mspDir, 'cacerts'), 'ca.pem');
  writeNodeOuConfig(mspDir);
}

function renameSingle(dir: string, name: string): void {
  const files = readdirSync(dir);
  const first = files[0];
  if (files.length !== 1 || first === undefined)
    throw new Error(`expected exactly one file in ${dir}, found ${files.length}`);
  if (first !== name) renameSync(path.join(dir, first), path.join(dir, name));
}

/** NodeOUs let policies tell admins, peers, orderers and clients apart by the OU Fabric CA writes into each cert. */
export function writeNodeOuConfig(mspDir: string): void {
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
  /** Default: the registrar's own affiliation (root for the CA's bootstrap registrar). */
  affiliation?: string;
}

/** Registers `registration` with a one-time secret (max enrollments 1), as the registrar whose MSP is `registrar`. */
async function register(org: OrgKey, registrar: string, registration: Registration): Promise<void> {
  const args = ['register', '--mspdir', registrar, '--id.name', registration.id, '--id.type', registration.type];
  args.push('--id.maxenrollments', '1');
  if (registration.attrs !== undefined) args.push('--id.attrs', registration.attrs);
  if (registration.affiliation !== undefined) args.push('--id.affiliation', registration.affiliation);
  await caClient(org, args, `registering ${registration.id} with ${orgs[org].ca.name}`, {
    FABRIC_CA_CLIENT_ID_SECRET: registration.secret,
  });
}

/** Registers an identity with a fresh one-time secret and enrolls it at once; the secret is then forgotten. */
async function registerAndEnroll(
  org: OrgKey,
  registrar: string,
  registration: Omit<Registration, 'secret'>,
  mspDir: string,
): Promise<void> {
  const secret = newSecret();
  await register(org, registrar, { ...registration, secret });
  await enroll(org, registration.id, secret, mspDir);
}

/**
 * The TLS key pair of a node or admin: a re-enrollment with the `tls` profile (SANs `localhost`, `127.0.0.1`, and
 * in a deployment the org's host name and address: `hosts.ts`),
 * authenticated by the identity's new enrollment certificate, so its one-time secret is not needed twice.
 */
async function issueTlsCertificate(org: OrgKey, id: string, identity: EnrolledIdentity): Promise<void> {
  const tls = identity.tls;
  if (tls === undefined) return;
  const tlsMsp = path.join(path.dirname(tls.certPath), 'msp');
  rmSync(tlsMsp, { recursive: true, force: true });
  cpSync(identity.mspDir, tlsMsp, { recursive: true });
  const args = ['reenroll', '--mspdir', tlsMsp, '--enrollment.profile', 'tls', '--csr.hosts', hosts().csrHosts(org)];
  await caClient(org, args, `issuing the TLS certificate of ${id} with ${orgs[org].ca.name}`);
  // The copied enrollment key is still there beside the new TLS key; keep only the new one.
  rmSync(path.join(tlsMsp, 'keystore', 'key.pem'));
  renameSingle(path.join(tlsMsp, 'keystore'), 'key.pem');
  copyFileSync(path.join(tlsMsp, 'signcerts', 'cert.pem'), tls.certPath);
  copyFileSync(path.join(tlsMsp, 'keystore', 'key.pem'), tls.keyPath);
  copyFileSync(caCertPath(org), tls.caPath);
}

/** Builds the org's channel MSP (root cert as CA and TLS CA, NodeOUs) and enrolls its admin and nodes. */
export async function createOrgIdentities(org: OrgKey, nodeNames: readonly string[]): Promise<void> {
  const bootstrap = caBootstrapAdmin(org);
  await enroll(org, bootstrap.id, bootstrap.secret, orgRegistrarMsp(org));

  const msp = orgMspDir(org);
  mkdirSync(path.join(msp, 'cacerts'), { recursive: true });
  mkdirSync(path.join(msp, 'tlscacerts'), { recursive: true });
  copyFileSync(caCertPath(org), path.join(msp, 'cacerts', 'ca.pem'));
  copyFileSync(caCertPath(org), path.join(msp, 'tlscacerts', 'ca.pem'));
  writeNodeOuConfig(msp);

  const adminId = `${org}-admin`;
  const admin = prepare(adminIdentity(org));
  await registerAndEnroll(org, orgRegistrarMsp(org), { id: adminId, type: 'admin' }, admin.mspDir);
  await issueTlsCertificate(org, adminId, admin);

  for (const nodeName of nodeNames) {
    const node = prepare(nodeIdentity(org, nodeName));
    const type = org === 'orderer' ? 'orderer' : 'peer';
    await registerAndEnroll(org, orgRegistrarMsp(org), { id: nodeName, type }, node.mspDir);
    await issueTlsCertificate(org, nodeName, node);
  }
}

function prepare(identity: EnrolledIdentity): EnrolledIdentity {
  if (identity.tls) mkdirSync(path.dirname(identity.tls.certPath), { recursive: true });
  return identity;
}

export function userAttributes(user: Pick<DemoUser, 'uid' | 'role' | 'schoolId'>): string {
  // `:ecert` puts each attribute into the enrollment certificate by default, where chaincode reads it (the app also
  // asks for them by name when it enrolls).
  const attrs = [`uid=${user.uid}:ecert`, `role=${user.role}:ecert`];
  if (user.schoolId !== null) attrs.push(`schoolId=${user.schoolId}:ecert`);
  return attrs.join(',');
}

/** Serialises the creation of school registration authorities, so two registrations never create one twice. */
let schoolRegistrarCreation: Promise<unknown> = Promise.resolve();

/**
 * The MSP folder of a school's registration authority, created the first time a school is named: the affiliation
 * `school.<schoolId>` (added by the org's CA bootstrap registrar, which manages affiliations) and a registrar
 * confined to it: `hf.Registrar.Roles=client` (no admins, peers or further registrars) and
 * `hf.Registrar.Attributes=uid,role,schoolId`. Fabric CA refuses this registrar any registration outside its
 * affiliation subtree, and writes the affiliation into each certificate it causes as `hf.Affiliation`, which the
 * chaincode requires to be `school.<schoolId>`.
 */
export async function schoolRegistrar(schoolId: string): Promise<string> {
  const create = schoolRegistrarCreation.then(async () => {
    const identity = schoolRegistrarIdentity(schoolId);
    if (existsSync(identity.certPath)) return identity.mspDir;
    const affiliation = schoolAffiliation(schoolId);
    await caClient(
      'school',
      ['affiliation', 'add', affiliation, '--force', '--mspdir', orgRegistrarMsp('school')],
      `adding the affiliation ${affiliation} to ${orgs.school.ca.name}`,
    );
    const attrs = '"hf.Registrar.Roles=client","hf.Registrar.Attributes=uid,role,schoolId"';
    await registerAndEnroll(
      'school',
      orgRegistrarMsp('school'),
      { id: schoolRegistrarId(schoolId), type: 'client', affiliation, attrs },
      identity.mspDir,
    );
    return identity.mspDir;
  });
  schoolRegistrarCreation = create.catch(() => undefined);
  return create;
}

/** Who registers a user: the school's own registration authority for school admins, else the org's CA registrar. */
async function registrarFor(user: Pick<DemoUser, 'org' | 'schoolId'>): Promise<string> {
  return user.org === 'school' && user.schoolId !== null ? schoolRegistrar(user.schoolId) : orgRegistrarMsp(user.org);
}

export async function createDemoUser(user: DemoUser): Promise<EnrolledIdentity> {
  const identity = userIdentity(user.org, user.uid);
  // The enrollment id is the uid: the chaincode accepts a certificate only when its uid is its own enrollment id.
  const registration = { id: user.uid, type: 'client', attrs: userAttributes(user) } as const;
  await registerAndEnroll(user.org, await registrarFor(user), registration, identity.mspDir);
  return identity;
}

export interface NewUser {
  org: PeerOrgKey;
  uid: string;
  role: Role;
  schoolId: string | null;
}

/**
 * Registers a user for enrollment from the app: enrollment id = uid, a fresh one-time secret (max one enrollment),
 * attributes in the enrollment certificate; a school admin through their school's own registration authority. This
 * is what a clinic's or school's admin does for a new colleague.
 */
export async function registerUser(user: NewUser): Promise<{ enrollmentId: string; secret: string }> {
  if (!existsSync(orgRegistrarMsp(user.org))) {
    throw new Error('The network has not been created yet: run `npm run network:up` first.');
  }
  const secret = newSecret();
  await register(user.org, await registrarFor(user), {
    id: user.uid,
    secret,
    type: 'client',
    attrs: userAttributes(user),
  });
  return { enrollmentId: user.uid, secret };
}

/**
 * A new one-time secret for a user who is registered already (their certificate expired, or their key is lost): an
 * expired certificate cannot renew itself, and Fabric CA never resets how often a secret was used. So the
 * registration is replaced: removed at the CA, which also revokes every certificate of that enrollment id there
 * (reason cessationOfOperation), and registered again with the same enrollment id (so the same uid on the ledger) and
 * attributes, by the same registrar. Peers learn of the revocation only from a CRL in the channel configuration.
 */
export async function renewUser(user: NewUser): Promise<{ enrollmentId: string; secret: string }> {
  if (!existsSync(orgRegistrarMsp(user.org))) {
    throw new Error('The network has not been created yet: run `npm run network:up` first.');
  }
  const registrar = await registrarFor(user);
  await caClient(
    user.org,
    ['identity', 'remove', user.uid, '--mspdir', registrar],
    `removing the registration of ${user.uid} at ${orgs[user.org].ca.name}`,
  );
  const secret = newSecret();
  await register(user.org, registrar, { id: user.uid, secret, type: 'client', attrs: userAttributes(user) });
  return { enrollmentId: user.uid, secret };
}
