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
import { CommandError, run } from './run.ts';
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
    await addAffiliation('school', affiliation);
    const attrs = '"hf.Registrar.Roles=client","hf.Registrar.Attributes=uid,role,schoolId"';
    const id = schoolRegistrarId(schoolId);
    // No certificate on this host means nobody holds this registrar's key: a registration left by an earlier attempt
    // that stopped before its enrollment is replaced, since its secret was never kept.
    if ((await listIdentities('school', id)).length > 0) await removeIdentity('school', id);
    await registerAndEnroll(
      'school',
      orgRegistrarMsp('school'),
      { id, type: 'client', affiliation, attrs },
      identity.mspDir,
    );
    return identity.mspDir;
  });
  schoolRegistrarCreation = create.catch(() => undefined);
  return create;
}

/** Adds an affiliation to the org's CA as its bootstrap registrar (which manages affiliations); one that exists is kept. */
async function addAffiliation(org: OrgKey, affiliation: string): Promise<void> {
  try {
    await caClient(
      org,
      ['affiliation', 'add', affiliation, '--force', '--mspdir', orgRegistrarMsp(org)],
      `adding the affiliation ${affiliation} to ${orgs[org].ca.name}`,
    );
  } catch (error) {
    if (error instanceof CommandError && error.output.includes('Affiliation already exists')) return;
    throw error;
  }
}

/** A registration as the CA reports it (`fabric-ca-client identity list`). */
export interface CaIdentity {
  id: string;
  type: string;
  /** Empty for the root affiliation. */
  affiliation: string;
  /** -1: unlimited (capped by the CA's `registry.maxenrollments`). */
  maxEnrollments: number;
  /** The registration's attributes by name (`uid`, `role`, `schoolId`, `hf.*`). */
  attributes: Record<string, string>;
}

/** Parses `fabric-ca-client identity list` output (cmd/fabric-ca-client/command/identity.go prints one line each). */
export function parseIdentityList(output: string): CaIdentity[] {
  const line = /^Name: (\S+), Type: (\S*), Affiliation: (\S*), Max Enrollments: (-?\d+), Attributes: \[(.*)\]$/;
  return output.split('\n').flatMap((text) => {
    const match = line.exec(text.trim());
    if (match === null) return [];
    const attributes: Record<string, string> = {};
    for (const attribute of (match[5] ?? '').matchAll(/\{Name:(\S+) Value:(\S*) ECert:(?:true|false)\}/g)) {
      attributes[attribute[1] ?? ''] = attribute[2] ?? '';
    }
    return [
      {
        id: match[1] ?? '',
        type: match[2] ?? '',
        affiliation: match[3] ?? '',
        maxEnrollments: Number(match[4]),
        attributes,
      },
    ];
  });
}

/** The registrations of the org's CA (or the one named `id`, if registered), as its bootstrap registrar sees them. */
export async function listIdentities(org: OrgKey, id?: string): Promise<CaIdentity[]> {
  const args = ['identity', 'list', '--mspdir', orgRegistrarMsp(org), ...(id === undefined ? [] : ['--id', id])];
  try {
    return parseIdentityList(await caClient(org, args, `listing the identities of ${orgs[org].ca.name}`));
  } catch (error) {
    // `--id` of an identity that is not registered: "Failed to get User: ... not found" (fabric-ca lib/dbaccessor.go).
    if (id !== undefined && error instanceof CommandError && /not found|no rows/i.test(error.output)) return [];
    throw error;
  }
}

/** Removes a registration as the CA's bootstrap registrar; Fabric CA revokes its certificates too. */
async function removeIdentity(org: OrgKey, id: string): Promise<void> {
  await caClient(
    org,
    ['identity', 'remove', id, '--mspdir', orgRegistrarMsp(org)],
    `removing the registration of ${id} at ${orgs[org].ca.name}`,
  );
}

/**
 * Changes a registration as the org CA's bootstrap registrar (`identity modify`): a new secret and/or maximum number
 * of enrollments and/or affiliation. Fabric CA applies them in one database update (lib/serveridentities.go) and
 * keeps the count of enrollments made (`state`), so `maxEnrollments: 1` on an identity enrolled before means its
 * secret, old or new, never enrolls again. (`identity modify` takes the secret on its command line only; it is
 * passed only to identities that can no longer enroll with it, see identityMigration.ts.)
 */
export async function modifyIdentity(
  org: OrgKey,
  id: string,
  changes: { secret?: string; maxEnrollments?: number; affiliation?: string },
): Promise<void> {
  const args = ['identity', 'modify', id, '--mspdir', orgRegistrarMsp(org)];
  if (changes.secret !== undefined) args.push('--secret', changes.secret);
  if (changes.maxEnrollments !== undefined) args.push('--maxenrollments', String(changes.maxEnrollments));
  if (changes.affiliation !== undefined) args.push('--affiliation', changes.affiliation);
  await caClient(org, args, `modifying the registration of ${id} at ${orgs[org].ca.name}`);
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

/**
 * Gives a demo user a new certificate in place (their key and certificate where the README says): the registration
 * is renewed ({@link renewUser}: removed, which revokes the old certificates at the CA, and registered again by the
 * same registrar with the same enrollment id) and enrolled at once with the new one-time secret. Safe to run again
 * after it stopped half-way.
 */
export async function renewDemoUser(user: DemoUser): Promise<EnrolledIdentity> {
  const identity = userIdentity(user.org, user.uid);
  // A renewal that stopped between the removal and the new registration left no registration: register afresh.
  const registered = (await listIdentities(user.org, user.uid)).length > 0;
  const { secret } = await (registered ? renewUser(user) : registerUser(user));
  await enroll(user.org, user.uid, secret, identity.mspDir);
  return identity;
}
