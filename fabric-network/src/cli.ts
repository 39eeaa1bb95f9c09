/**
 * `npm run network:<command>`: build | up [--orderers 1|3] | down | reset | chaincode-restart | status [--json] |
 * register --org <hospital|parents|school> --uid <uid> --role <role> [--school-id <id>] [--renew] |
 * revoke --org <hospital|parents|school> --uid <uid> [--reason <RFC 5280 reason>] |
 * export-profile <hospital|parents|school> (`npm run network:export-profile -- <org>`).
 */
import { parseArgs } from 'node:util';
import { ensureBinaries } from './binaries.ts';
import { registerUser, renewUser } from './identities.ts';
import { down, reset, restartChaincode, up } from './network.ts';
import { REVOCATION_REASONS, revokeIdentity, type RevocationReason } from './revocation.ts';
import { writePortableProfile } from './profiles.ts';
import { collectStatus, formatStatus } from './status.ts';
import { roleOfOrg, type PeerOrgKey, type Role } from './topology.ts';

class UsageError extends Error {}

const idPattern = /^[a-z0-9][a-z0-9._-]{1,62}$/;
/** A school id names one affiliation level (`school.<schoolId>`), so it has no dot. */
const schoolIdPattern = /^[a-z0-9][a-z0-9_-]{1,62}$/;

function parseRegister(args: string[]): {
  org: PeerOrgKey;
  uid: string;
  role: Role;
  schoolId: string | null;
  renew: boolean;
} {
  const { values } = parseArgs({
    args,
    options: {
      org: { type: 'string' },
      uid: { type: 'string' },
      role: { type: 'string' },
      'school-id': { type: 'string' },
      renew: { type: 'boolean', default: false },
    },
  });
  const org = values.org;
  if (org !== 'hospital' && org !== 'parents' && org !== 'school') {
    throw new UsageError('--org must be hospital, parents or school');
  }
  const uid = values.uid ?? '';
  if (!idPattern.test(uid))
    throw new UsageError('--uid must be 2-63 characters: lowercase letters, digits, ".", "_" or "-"');
  const role = values.role;
  if (role !== roleOfOrg[org]) throw new UsageError(`--role for ${org} must be ${roleOfOrg[org]}`);
  const schoolId = values['school-id'] ?? null;
  if (role === 'school-admin' && (schoolId === null || !schoolIdPattern.test(schoolId))) {
    throw new UsageError('a school-admin needs --school-id (2-63 characters: lowercase letters, digits, "_" or "-")');
  }
  if (role !== 'school-admin' && schoolId !== null) throw new UsageError('--school-id is only for school admins');
  return { org, uid, role, schoolId, renew: values.renew };
}

function isReason(value: string): value is RevocationReason {
  return (REVOCATION_REASONS as readonly string[]).includes(value);
}

function parseRevoke(args: string[]): { org: PeerOrgKey; uid: string; reason: RevocationReason } {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, uid: { type: 'string' }, reason: { type: 'string', default: 'unspecified' } },
  });
  const org = values.org;
  if (org !== 'hospital' && org !== 'parents' && org !== 'school') {
    throw new UsageError('--org must be hospital, parents or school');
  }
  const uid = values.uid ?? '';
  if (!idPattern.test(uid))
    throw new UsageError('--uid must be 2-63 characters: lowercase letters, digits, ".", "_" or "-"');
  const reason = values.reason.toLowerCase();
  if (!isReason(reason)) throw new UsageError(`--reason must be one of ${REVOCATION_REASONS.join(', ')}`);
  return { org, uid, reason };
}

/**
 * Revokes a user at their organisation's CA and on the ledger (the CA's CRL in the org's MSP in every channel), and
 * says what it did; revoking again is not an error.
 */
async function revoke(args: string[]): Promise<void> {
  const { org, uid, reason } = parseRevoke(args);
  const started = Date.now();
  const result = await revokeIdentity(org, uid, reason, (line) => {
    console.log(line);
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const where = result.channels.map((channel) => channel.channel).join(' and ');
  console.log(
    result.alreadyRevoked
      ? `${uid} was already revoked: the ${org} CA refuses it and every peer of ${where} refuses its certificates.`
      : `Revoked ${uid} (${reason}) in ${seconds} s: the ${org} CA and every peer of ${where} now refuse its certificates.`,
  );
}

/** Writes `<org>.portable.json` from the running network's certificates (nothing is restarted). */
function exportProfile(args: string[]): void {
  const org = args[0];
  if (args.length !== 1 || (org !== 'hospital' && org !== 'parents' && org !== 'school')) {
    throw new UsageError('export-profile <hospital|parents|school>');
  }
  const file = writePortableProfile(org);
  console.log(`Wrote ${file}`);
  console.log(`Give it to the ${org} users whose computers reach this network; the app's first-run screen imports it.`);
}

/** Registers a user (or, with --renew, registers them again) and prints what to hand over. */
async function register(args: string[]): Promise<void> {
  const user = parseRegister(args);
  const { enrollmentId, secret } = await (user.renew ? renewUser(user) : registerUser(user));
  const by = user.schoolId === null ? `the ${user.org} CA` : `the registration authority of ${user.schoolId}`;
  const school = user.schoolId === null ? '' : `, school ${user.schoolId}`;
  console.log(`${user.renew ? 'Registered again' : 'Registered'} ${user.uid} (${user.role}${school}) with ${by}.`);
  if (user.renew) {
    console.log(
      'Its earlier certificates are revoked at the CA; to have the peers refuse them too, run `npm run network:revoke` before renewing (see README).',
    );
  }
  console.log(`Enrollment ID:   ${enrollmentId}`);
  console.log(`One-time secret: ${secret}`);
  console.log('Give both to the user; the PediLedger app enrolls with them on first run (the secret works once).');
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'build':
      await ensureBinaries();
      return;
    case 'up': {
      const { values } = parseArgs({ args: rest, options: { orderers: { type: 'string', default: '1' } } });
      const ordererCount = Number(values.orderers);
      if (ordererCount !== 1 && ordererCount !== 3) throw new UsageError('--orderers must be 1 or 3');
      await up({ ordererCount });
      return;
    }
    case 'down':
      await down();
      return;
    case 'chaincode-restart':
      await restartChaincode();
      return;
    case 'reset':
      await reset();
      return;
    case 'status': {
      const { values } = parseArgs({ args: rest, options: { json: { type: 'boolean', default: false } } });
      const status = await collectStatus();
      console.log(values.json ? JSON.stringify(status, null, 2) : formatStatus(status));
      return;
    }
    case 'register':
      await register(rest);
      return;
    case 'revoke':
      await revoke(rest);
      return;
    case 'export-profile':
      exportProfile(rest);
      return;
    default:
      throw new UsageError(
        `unknown command ${command ?? '(none)'}: use build, up, down, reset, chaincode-restart, status, register, revoke or export-profile`,
      );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof UsageError ? `usage: ${message}` : `\nnetwork: ${message}`);
  process.exitCode = 1;
});
