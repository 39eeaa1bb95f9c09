/**
 * `npm run network:<command>`: build | up [--orderers 1|3] | down | reset | chaincode-restart | status [--json] |
 * register --org <hospital|parents|school> --uid <uid> --role <role> [--school-id <id>] [--renew] |
 * revoke --org <hospital|parents|school> --uid <uid> [--reason <RFC 5280 reason>] |
 * export-profile <hospital|parents|school> (`npm run network:export-profile -- <org>`) |
 * raft evict|rejoin <orderer> <channel> (the README's runbook for a consenter that stopped following a channel).
 *
 * One organisation's host in a multi-host deployment (`org.ts`; README "Each organisation on its own host"):
 * org init --org <org> --hosts <deployment.json> [--orderers 1|3] | org export --out <file> |
 * org import <definition files…> | org join | org profile | org wait | org info |
 * channel create --definitions <definition files…> | chaincode approve | chaincode commit.
 */
import { parseArgs } from 'node:util';
import { ensureBinaries } from './binaries.ts';
import { registerUser, renewUser } from './identities.ts';
import { down, reset, restartChaincode, up } from './network.ts';
import {
  approveChaincode,
  channelInfo,
  commitChaincode,
  createChannels,
  exportDefinition,
  importDefinitions,
  initOrg,
  joinChannels,
  OrgStepError,
  waitUntilReady,
  writeOrgProfiles,
} from './org.ts';
import { DeploymentFileError } from './hosts.ts';
import { evictConsenter, rejoinConsenter } from './raftRepair.ts';
import { REVOCATION_REASONS, revokeIdentity, type RevocationReason } from './revocation.ts';
import { writePortableProfile } from './profiles.ts';
import { collectStatus, formatStatus } from './status.ts';
import { roleOfOrg, type PeerOrgKey, type Role } from './topology.ts';

class UsageError extends Error {}

const idPattern = /^[a-z0-9][a-z0-9._-]{1,62}$/;
/** The user a command names: `--org` (a peer organisation) and `--uid` (an enrollment id). */
function parseUser(values: { org?: string | undefined; uid?: string | undefined }): { org: PeerOrgKey; uid: string } {
  const org = values.org;
  if (org !== 'hospital' && org !== 'parents' && org !== 'school') {
    throw new UsageError('--org must be hospital, parents or school');
  }
  const uid = values.uid ?? '';
  if (!idPattern.test(uid))
    throw new UsageError('--uid must be 2-63 characters: lowercase letters, digits, ".", "_" or "-"');
  return { org, uid };
}

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
  const { org, uid } = parseUser(values);
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
  const { org, uid } = parseUser(values);
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

/** `network:org init --org <org> --hosts <deployment.json> [--orderers 1|3]`. */
async function orgInit(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { org: { type: 'string' }, hosts: { type: 'string' }, orderers: { type: 'string', default: '3' } },
  });
  const org = values.org;
  if (org !== 'orderer' && org !== 'hospital' && org !== 'parents' && org !== 'school') {
    throw new UsageError('org init --org <orderer|hospital|parents|school> --hosts <deployment.json>');
  }
  if (values.hosts === undefined) throw new UsageError('org init needs --hosts <deployment.json>');
  const ordererCount = Number(values.orderers);
  if (ordererCount !== 1 && ordererCount !== 3) throw new UsageError('--orderers must be 1 or 3');
  await initOrg({ org, hostsFile: values.hosts, ordererCount });
}

/** `network:channel create --definitions <files…>`: the orderer org admin builds the channels. */
async function channelStep(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { definitions: { type: 'string', multiple: true } },
  });
  const files = [...(values.definitions ?? []), ...positionals.slice(1)];
  if (positionals[0] !== 'create' || files.length === 0) {
    throw new UsageError('channel create --definitions <definition files…>');
  }
  importDefinitions(files);
  await createChannels();
}

/** `network:chaincode approve|commit`. */
async function chaincodeStep(args: string[]): Promise<void> {
  if (args[0] === 'approve') await approveChaincode();
  else if (args[0] === 'commit') await commitChaincode();
  else throw new UsageError('chaincode <approve|commit>');
}

/** `network:org <step>`: the org admin's steps on the org's own host. */
async function orgStep(args: string[]): Promise<void> {
  const [step, ...rest] = args;
  switch (step) {
    case 'init':
      await orgInit(rest);
      return;
    case 'export': {
      const { values } = parseArgs({ args: rest, options: { out: { type: 'string' } } });
      if (values.out === undefined) throw new UsageError('org export --out <file>');
      const definition = exportDefinition(values.out);
      console.log(
        `Wrote ${values.out}: ${definition.mspId}'s public definition (no private key). Send it to the others.`,
      );
      return;
    }
    case 'import': {
      if (rest.length === 0) throw new UsageError('org import <definition files…>');
      for (const d of importDefinitions(rest)) console.log(`Imported ${d.mspId} (${d.host.name})`);
      return;
    }
    case 'join':
      await joinChannels();
      return;
    case 'profile':
      for (const file of writeOrgProfiles()) console.log(`Wrote ${file}`);
      return;
    case 'wait':
      await waitUntilReady();
      return;
    case 'info':
      console.log(JSON.stringify(await channelInfo()));
      return;
    default:
      throw new UsageError('org <init|export|import|join|profile|wait|info>');
  }
}

/** `raft evict|rejoin <orderer> <channel>`: the two steps of the runbook in raftRepair.ts. */
async function raftStep(args: string[]): Promise<void> {
  const [step, orderer, channel] = args;
  if ((step !== 'evict' && step !== 'rejoin') || orderer === undefined || channel === undefined) {
    throw new UsageError('raft <evict|rejoin> <orderer> <channel>, e.g. raft evict orderer2 report');
  }
  await (step === 'evict' ? evictConsenter(orderer, channel) : rejoinConsenter(orderer, channel));
}

/** Commands that parse their own arguments: identities, profiles and the per-org steps of a multi-host deployment. */
const commandsWithArgs: Readonly<Record<string, (args: string[]) => Promise<void>>> = {
  register,
  revoke,
  'export-profile': (args) => {
    exportProfile(args);
    return Promise.resolve();
  },
  org: orgStep,
  channel: channelStep,
  chaincode: chaincodeStep,
  raft: raftStep,
};

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  const withArgs = command === undefined ? undefined : commandsWithArgs[command];
  if (withArgs !== undefined) {
    await withArgs(rest);
    return;
  }
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
    default:
      throw new UsageError(
        `unknown command ${command ?? '(none)'}: use build, up, down, reset, chaincode-restart, status, register, ` +
          'revoke, export-profile, org, channel, chaincode or raft',
      );
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const plain = error instanceof OrgStepError || error instanceof DeploymentFileError;
  console.error(
    error instanceof UsageError ? `usage: ${message}` : plain ? `network: ${message}` : `\nnetwork: ${message}`,
  );
  process.exitCode = 1;
});
