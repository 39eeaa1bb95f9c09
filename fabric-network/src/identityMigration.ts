/**
 * Bringing a network created before identity scheme 2 (random one-time secrets, per-school registration authorities,
 * uid = enrollment id) forward in place, so its ledgers, private data and chaincode stay as they are. Such a network
 * has each CA's bootstrap registrar as `ca-admin:ca-adminpw`, every org admin, node and demo user registered with the
 * secret `<id>-pw` and unlimited enrollments, and school admins registered at the root affiliation, whose certificates
 * the chaincode now refuses (it requires `hf.Affiliation` = `school.<schoolId>`).
 *
 * `network:up` runs {@link migrateIdentities} on such a network after starting its nodes. Each step is idempotent
 * and is recorded in `network.json` (`identityMigration.completed`) only once it has succeeded, so a migration that
 * stopped half-way resumes where it stopped when `network:up` runs again; the scheme is recorded last.
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { caBootstrapAdmin, caHome } from './ca.ts';
import {
  listIdentities,
  modifyIdentity,
  renewDemoUser,
  schoolRegistrar,
  userIdentity,
  type CaIdentity,
} from './identities.ts';
import { dataDir, stateFile } from './paths.ts';
import { writeConnectionProfiles } from './profiles.ts';
import { ensureOwnerOnlyDir, newSecret } from './secrets.ts';
import { demoUsers, orgs, schoolAffiliation, type DemoUser, type OrgKey } from './topology.ts';

/** The steps, in the order they run. */
export const MIGRATION_STEPS = [
  'bootstrap-passwords',
  'identity-secrets',
  'school-registrars',
  'school-admins',
  'connection-profiles',
] as const;

export type MigrationStep = (typeof MIGRATION_STEPS)[number];

/** The part of `network.json` this module reads and writes. */
export interface MigratableState {
  identityScheme?: number;
  /** Steps of an identity migration that has begun and not finished. */
  identityMigration?: { completed: MigrationStep[] };
}

const ORG_KEYS = Object.keys(orgs) as OrgKey[];

/** The bootstrap registrar's enrollment id on every CA (`caBootstrapAdmin`). */
const BOOTSTRAP_ID = 'ca-admin';

/** What each step does; each returns the lines that say what it did. */
const migrationSteps: Readonly<Record<MigrationStep, () => Promise<string[]>>> = {
  'bootstrap-passwords': rotateBootstrapPasswords,
  'identity-secrets': rotateGuessableSecrets,
  'school-registrars': createSchoolRegistrars,
  'school-admins': migrateSchoolAdmins,
  'connection-profiles': () => {
    writeConnectionProfiles();
    return Promise.resolve(['Connection profiles written again (the portable ones carry no way to enroll)']);
  },
};

/**
 * Migrates the identities of the network whose state is `state` (its CAs running with the current arguments) to
 * `targetScheme`, saying what each step did; returns the state as recorded afterwards.
 */
export async function migrateIdentities<S extends MigratableState>(
  state: S,
  targetScheme: number,
  say: (message: string) => void,
  steps: Readonly<Record<MigrationStep, () => Promise<string[]>>> = migrationSteps,
): Promise<S> {
  let current: S = { ...state, identityMigration: { completed: [...(state.identityMigration?.completed ?? [])] } };
  const done = (step: MigrationStep): boolean => current.identityMigration?.completed.includes(step) ?? false;
  const record = (next: S): void => {
    writeFileSync(stateFile, JSON.stringify(next, null, 2) + '\n');
    current = next;
  };
  say(
    done('bootstrap-passwords')
      ? `Resuming the identity migration after: ${current.identityMigration?.completed.join(', ') ?? ''}`
      : 'This network was created before random one-time secrets and per-school registration authorities: migrating its identities in place (ledgers, private data and chaincode stay as they are)',
  );
  // Owner-only, as a new network's: it holds every node's and demo user's key, and from now on the CAs' passwords.
  ensureOwnerOnlyDir(dataDir);
  for (const step of MIGRATION_STEPS) {
    if (done(step)) continue;
    for (const line of await steps[step]()) say(`  ${line}`);
    record({
      ...current,
      identityMigration: { completed: [...(current.identityMigration?.completed ?? []), step] },
    });
  }
  const finished: S = { ...current, identityScheme: targetScheme };
  delete finished.identityMigration;
  record(finished);
  say(`Identity migration complete: identity scheme ${targetScheme}`);
  return finished;
}

/**
 * Step 1: each CA's bootstrap registrar gets the random password kept in `secrets/ca.<org>.bootstrap` (created by the
 * CA's start if missing) and one enrollment, which it has used: `ca-adminpw` stops working. The registrar changes its
 * own registration, authenticated by its enrollment certificate. The CA's config file, which repeated the old
 * password, is made to repeat the new one.
 */
async function rotateBootstrapPasswords(): Promise<string[]> {
  const lines: string[] = [];
  for (const org of ORG_KEYS) {
    const { secret } = caBootstrapAdmin(org);
    await modifyIdentity(org, BOOTSTRAP_ID, { secret, maxEnrollments: 1 });
    const configFile = path.join(caHome(org), 'fabric-ca-server-config.yaml');
    if (existsSync(configFile)) {
      const config = readFileSync(configFile, 'utf8');
      const updated = config.replace(/^([ \t]*pass:[ \t]*)ca-adminpw[ \t]*$/m, `$1${secret}`);
      if (updated !== config) writeFileSync(configFile, updated, { mode: 0o600 });
    }
    lines.push(`${orgs[org].ca.name}: bootstrap registrar ${BOOTSTRAP_ID} has a new random password (secrets/)`);
  }
  return lines;
}

/** Whether an identity was registered by the earlier code with a derived secret: anything with more than one enrollment. */
function hasReusableSecret(identity: CaIdentity): boolean {
  return identity.id !== BOOTSTRAP_ID && identity.maxEnrollments !== 1;
}

/**
 * Step 2: every identity registered with more than one enrollment (the org admins, nodes and demo users, whose secret
 * was `<id>-pw`) gets a fresh random secret, which is not kept, and one enrollment, which each has used. Their
 * certificates stay valid; identities registered since with a one-time secret (`network:register`) are left alone.
 * The secret is on fabric-ca-client's command line only for identities that can no longer enroll with it.
 */
async function rotateGuessableSecrets(): Promise<string[]> {
  const lines: string[] = [];
  for (const org of ORG_KEYS) {
    const rotated: string[] = [];
    for (const identity of (await listIdentities(org)).filter(hasReusableSecret)) {
      await modifyIdentity(org, identity.id, { secret: newSecret(), maxEnrollments: 1 });
      rotated.push(identity.id);
    }
    lines.push(
      rotated.length > 0
        ? `${orgs[org].ca.name}: new random secret, one enrollment (used) for ${rotated.join(', ')}`
        : `${orgs[org].ca.name}: no identity with a reusable secret`,
    );
  }
  return lines;
}

/** The school of a School CA registration that carries a `schoolId` attribute (a school admin), else null. */
function schoolOf(identity: CaIdentity): string | null {
  return identity.attributes['schoolId'] ?? null;
}

/** The schools whose admins are on this network: the demo users' and any registered since. */
async function schoolIds(): Promise<string[]> {
  const registered = (await listIdentities('school')).map(schoolOf).filter((id): id is string => id !== null);
  const demo = demoUsers.map((user) => user.schoolId).filter((id): id is string => id !== null);
  return [...new Set([...demo, ...registered])].sort();
}

/** Step 3: the affiliation `school.<schoolId>` and the registration authority of every school. */
async function createSchoolRegistrars(): Promise<string[]> {
  const lines: string[] = [];
  for (const schoolId of await schoolIds()) {
    await schoolRegistrar(schoolId);
    lines.push(`${orgs.school.ca.name}: affiliation ${schoolAffiliation(schoolId)} and its registration authority`);
  }
  return lines;
}

/** The `hf.Affiliation` a certificate carries (Fabric CA's attribute extension, 1.2.3.4.5.6.7.8.1), or null. */
function certificateAffiliation(certPath: string): string | null {
  if (!existsSync(certPath)) return null;
  const der = new X509Certificate(readFileSync(certPath)).raw.toString('latin1');
  return /"hf\.Affiliation":"([^"]*)"/.exec(der)?.[1] ?? null;
}

/**
 * Step 4: every school admin moves into their school's affiliation at the CA (as the bootstrap registrar), so their
 * school's registration authority can renew them. A demo school admin whose certificate does not carry that
 * affiliation is renewed and enrolled again in place, so it keeps working; any other school admin is named, with the
 * command that gives them a new one-time secret (their key is on their own computer, not here).
 */
async function migrateSchoolAdmins(): Promise<string[]> {
  const lines: string[] = [];
  const demoIds = new Set(demoUsers.map((user) => user.uid));
  const toRenew: { id: string; schoolId: string }[] = [];
  for (const identity of await listIdentities('school')) {
    const schoolId = schoolOf(identity);
    if (schoolId === null) continue;
    // A certificate issued before the move carries the root affiliation; a renewal is what fixes it.
    if (!demoIds.has(identity.id) && identity.type === 'client') toRenew.push({ id: identity.id, schoolId });
    if (identity.affiliation === schoolAffiliation(schoolId)) continue;
    await modifyIdentity('school', identity.id, { affiliation: schoolAffiliation(schoolId) });
    lines.push(`${orgs.school.ca.name}: ${identity.id} moved to affiliation ${schoolAffiliation(schoolId)}`);
  }
  for (const user of demoUsers.filter((u): u is DemoUser & { schoolId: string } => u.schoolId !== null)) {
    const certPath = userIdentity(user.org, user.uid).certPath;
    if (certificateAffiliation(certPath) === schoolAffiliation(user.schoolId)) continue;
    await renewDemoUser(user);
    lines.push(
      `${user.uid}: renewed and enrolled again (certificate with hf.Affiliation ${schoolAffiliation(user.schoolId)})`,
    );
  }
  for (const { id, schoolId } of toRenew) {
    lines.push(
      `${id}: a certificate issued before this migration lacks hf.Affiliation ${schoolAffiliation(schoolId)} and is refused; give them a new one-time secret: npm run network:register -- --org school --uid ${id} --role school-admin --school-id ${schoolId} --renew`,
    );
  }
  return lines;
}
