// The log canary: unique markers go into a child's name, an allergy, a visit note and a report body, then the cases
// that make the components log are driven — an endorsement mismatch between two peers at different heights, refused
// writes, bad input carrying a marker (through the app and straight to the chaincode), chaincode errors, app-side
// failures, failed enrollments — and every node's log (peers, orderer, CAs, chaincode servers), both app shells'
// logs and the test log so far are searched: no marker may appear, in any encoding. The whole test log is searched
// again after the run (scripts/check-log-canaries.ts, from scripts/test-in-keyring-session.sh).
//
// This test never prints a marker itself: assertions compare codes and counts, never records or messages.
//
// Proving that it can fail: PEDILEDGER_CANARY_LEGACY_LOGSPEC=1 sets every peer back to the spec it ran with before the
// logging policy (`info`, so the gateway's response checker prints both write sets on a mismatch) for the duration of
// the test, through the peers' `PUT /logspec`, and restores the policy afterwards:
//   PEDILEDGER_KEEP_NETWORK=1 PEDILEDGER_CANARY_LEGACY_LOGSPEC=1 \
//     npx vitest run --project integration electron/test/logCanary.integration.test.ts
// fails: the allergy and visit note markers are found in peer0.hospital/node.log (the card's write sets).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCard, reportEnvelopeFrom, type StoryIds } from '../../chaincode/test/story.ts';
import { sessionOf, type Session } from '../../chaincode/test/session.ts';
import { connectAs, loadNetworkStatus, userByUid, type UserConnection } from '../../fabric-network/test/fabric.ts';
import { ordererLoggingSpec, peerLoggingSpec, runningLogSpec, setLogSpec } from '../../fabric-network/src/logging.ts';
import { nodesDir, profilesDir } from '../../fabric-network/src/paths.ts';
import { logFileOf, readPid } from '../../fabric-network/src/processes.ts';
import { orderers, peerOrgKeys, peers } from '../../fabric-network/src/topology.ts';
import type { IpcResult } from '../../shared/ipc/result.ts';
import { startBrowserShellApp, type BrowserShellApp } from '../browser-shell/app.ts';
import { KeytarSecretStore } from '../main/identity/keytarSecretStore.ts';
import { createAppLog } from '../main/util/appLog.ts';
import { countMarkers, markersFileIn, newMarkers, MARKER_FIELDS } from './logCanary.ts';
import { registerUser } from './registerUser.ts';
import { createTestAppDataDir, testAppRoot } from './testAppData.ts';
import { eventually } from './eventually.ts';

const legacy = process.env['PEDILEDGER_CANARY_LEGACY_LOGSPEC'] === '1';
/** The peers' spec before the logging policy. */
const LEGACY_PEER_SPEC = 'info';
const networkProfilesDir = profilesDir;

const markers = newMarkers();
const run = randomBytes(4).toString('hex');
const ids: StoryIds = {
  childId: `child-canary-${run}`,
  agreementId: `agr-canary-${run}`,
  admissionId: `adm-canary-${run}`,
  reportRequestId: `rr-canary-${run}`,
  reportId: `rep-canary-${run}`,
};
const today = new Date().toISOString().slice(0, 10);
const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString();

/** What a component printed: its name and the text written during this test. */
interface LogText {
  readonly where: string;
  readonly text: string;
}

/** One user's browser shell, composed as `npm start` composes it, with its log kept in memory. */
interface CanaryShell {
  readonly app: BrowserShellApp;
  readonly lines: string[];
  call(channel: string, args?: unknown): Promise<IpcResult<unknown>>;
  close(): Promise<void>;
}

const secrets = new KeytarSecretStore();

async function startShell(name: string): Promise<CanaryShell> {
  const dataDir = await createTestAppDataDir(`canary-${name}`);
  const keychainService = `PediLedger-canary-${name}-${run}`;
  const lines: string[] = [];
  const app = await startBrowserShellApp({
    services: { dataDir, networkProfilesDir, secrets, keychainService },
    // The shell's own log, formatted exactly as its default (stderr) would be, kept for the search.
    log: createAppLog('[browser-shell]', (line) => lines.push(line)),
  });
  // The launch URL sets the session cookie; every call then carries it with the shell's own Origin, as the page does.
  const launch = await fetch(app.launchUrl, { redirect: 'manual' });
  const cookie = (launch.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return {
    app,
    lines,
    async call(channel, args) {
      const response = await fetch(`${app.origin}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { cookie, origin: app.origin, 'content-type': 'application/json' },
        body: JSON.stringify({ args }),
      });
      return (await response.json()) as IpcResult<unknown>;
    },
    async close() {
      await app.close();
      for (const service of [keychainService, `${keychainService}.lock`]) {
        for (const account of await secrets.list(service)) await secrets.delete(service, account);
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** `ok`, or the error code: what an assertion may print about a reply. */
function outcome(result: IpcResult<unknown>): string {
  return result.ok ? 'ok' : result.error.code;
}

/** The coded prefix of a rejected direct chaincode call (`FORBIDDEN`, `INVALID_ARGUMENT`, …), or `ok`. */
async function chaincodeOutcome(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'ok';
  } catch (error) {
    const texts = [
      ...((error as { details?: { message: string }[] }).details ?? []).map((d) => d.message),
      error instanceof Error ? error.message : '',
    ];
    for (const text of texts) {
      const coded = /\b(NOT_FOUND|FORBIDDEN|INVALID_ARGUMENT|CONFLICT): /.exec(text);
      if (coded?.[1] !== undefined) return coded[1];
    }
    return 'uncoded';
  }
}

async function importDemoUser(shell: CanaryShell, uid: string): Promise<void> {
  const user = await userByUid(uid);
  const result = await shell.call('enrollment:importPem', {
    org: user.org,
    label: uid,
    certificatePem: await readFile(user.certPath, 'utf8'),
    privateKeyPem: await readFile(user.keyPath, 'utf8'),
  });
  expect(outcome(result)).toBe('ok');
}

/** Every node's log, and where this test started reading it. */
function nodeLogs(): string[] {
  return existsSync(nodesDir) ? readdirSync(nodesDir).filter((name) => existsSync(logFileOf(name))) : [];
}

const startOffsets = new Map<string, number>();

/** What a node wrote to its log since the test began. */
function writtenSinceStart(node: string): string {
  const file = logFileOf(node);
  const start = startOffsets.get(node) ?? 0;
  const text = readFileSync(file);
  return text.subarray(start <= text.length ? start : 0).toString('utf8');
}

function occurrences(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

function stopPeer(pid: number): void {
  process.kill(pid, 'SIGSTOP');
}

function continuePeer(pid: number): void {
  try {
    process.kill(pid, 'SIGCONT');
  } catch {
    // Already gone: nothing to resume.
  }
}

/** The same for an app call: retried while its endorsement is refused or fails. */
async function eventuallyOk(shell: CanaryShell, channel: string, args: unknown): Promise<string> {
  return eventually(async () => {
    const result = outcome(await shell.call(channel, args));
    if (result === 'ENDORSEMENT_REFUSED' || result === 'GATEWAY_FAILURE') throw new Error(`${channel}: ${result}`);
    return result;
  });
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  // Bounded generously for a busy machine; each check is a cheap read of one log file.
  const deadline = Date.now() + 120_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let parent: CanaryShell;
let pediatrician: CanaryShell;
let sessions: Record<'carla' | 'alice' | 'bruno' | 'oak', Session>;
let carlaGateway: UserConnection;
let pineGateway: UserConnection;
let parentsPeerPid: number;

beforeAll(async () => {
  await loadNetworkStatus();
  for (const node of nodeLogs()) startOffsets.set(node, statSync(logFileOf(node)).size);
  const pid = readPid(peers.parents.name);
  if (pid === null) throw new Error(`${peers.parents.name} is not running`);
  parentsPeerPid = pid;
  // The after-run check of the whole test log reads the markers from here.
  mkdirSync(testAppRoot(), { recursive: true, mode: 0o700 });
  writeFileSync(markersFileIn(testAppRoot()), JSON.stringify(markers));
  if (legacy) for (const org of peerOrgKeys) await setLogSpec(peers[org].opsPort, LEGACY_PEER_SPEC);
  parent = await startShell('parent');
  pediatrician = await startShell('pediatrician');
  await importDemoUser(parent, 'parent-carla');
  await importDemoUser(pediatrician, 'ped-alice');
  sessions = {
    carla: await sessionOf('parent-carla'),
    alice: await sessionOf('ped-alice'),
    bruno: await sessionOf('ped-bruno'),
    oak: await sessionOf('admin-oak'),
  };
  // Through peer0.hospital's gateway: peer0.parents is paused while W1 commits.
  carlaGateway = await connectAs('parent-carla', 'hospital');
  pineGateway = await connectAs('admin-pine', 'hospital');
}, 600_000);

afterAll(async () => {
  continuePeer(parentsPeerPid);
  if (legacy) for (const org of peerOrgKeys) await setLogSpec(peers[org].opsPort, peerLoggingSpec);
  carlaGateway.close();
  pineGateway.close();
  for (const session of Object.values(sessions)) session.close();
  await parent.close();
  await pediatrician.close();
}, 120_000);

describe('no health data in any log', () => {
  it('runs every peer and orderer with the logging policy’s spec', async () => {
    for (const org of peerOrgKeys) {
      expect(await runningLogSpec(peers[org].opsPort)).toBe(legacy ? LEGACY_PEER_SPEC : peerLoggingSpec);
    }
    expect(await runningLogSpec(orderers[0]?.opsPort ?? 0)).toBe(ordererLoggingSpec);
  });

  it('keeps every marker out of every node’s, chaincode server’s, app’s and the test’s log', async () => {
    // 1. Records with markers, through the app: a child registered by name, an allergy, a visit note.
    const proposed = await parent.call('agreement:propose', {
      input: {
        agreementId: ids.agreementId,
        childId: ids.childId,
        pediatricianUid: 'ped-alice',
        purpose: 'Primary pediatric care',
        validUntil: inAYear,
        child: { givenName: markers.childName, familyName: 'Canary', birthDate: '2019-05-04', sex: 'female' },
      },
    });
    expect(outcome(proposed)).toBe('ok');
    expect(await eventuallyOk(pediatrician, 'agreement:accept', { agreementId: ids.agreementId })).toBe('ok');
    const allergy = { substance: markers.allergy, reaction: 'Hives', severity: 'severe' };
    expect(
      await eventuallyOk(pediatrician, 'card:recordEntry', { kind: 'allergy', childId: ids.childId, entry: allergy }),
    ).toBe('ok');
    const note = { date: today, text: `Seen for a check-up. ${markers.visitNote}` };
    expect(
      await eventuallyOk(pediatrician, 'card:recordEntry', { kind: 'visitNote', childId: ids.childId, entry: note }),
    ).toBe('ok');

    // 2. A report body with a marker (and the card's), approved for Oak Primary and read there: private data on the
    // report channel, gossiped between peers. Each step runs through its user's own organisation's gateway.
    const { carla, alice: aliceSession, oak } = sessions;
    const card = await readCard(aliceSession, ids.childId);
    const admission = {
      requestId: ids.admissionId,
      childId: ids.childId,
      childGivenName: markers.childName,
      childFamilyName: 'Canary',
      childBirthDate: '2019-05-04',
      schoolId: 'oak-primary',
    };
    await carla.submit('report', 'CreateAdmissionRequest', [JSON.stringify(admission)]);
    await eventually(() => oak.submit('report', 'DecideAdmissionRequest', [ids.admissionId, 'accept', '']));
    const request = {
      reportRequestId: ids.reportRequestId,
      admissionRequestId: ids.admissionId,
      pediatricianUid: 'ped-alice',
    };
    await eventually(() => oak.submit('report', 'CreateReportRequest', [JSON.stringify(request)]));
    const transient = { report: JSON.stringify(reportEnvelopeFrom(card, markers.reportBody)) };
    await eventually(() =>
      aliceSession.submit('report', 'CreateReport', [ids.reportId, ids.reportRequestId], transient),
    );
    const approval = [ids.reportId, '["oak-primary"]', inAYear];
    await eventually(() => carla.submit('report', 'ApproveReport', approval, transient));
    await eventually(() => oak.submit('report', 'OpenReport', [ids.reportId]));
    await oak.evaluate('report', 'ReadReport', [ids.reportId]);

    // 3. Endorsement mismatch on a record that carries a marker: an admission request holds the child's name. W1 (the
    // school accepting a fresh request) is ordered, then peer0.parents is paused, so only peer0.hospital commits it;
    // W2 (the guardian withdrawing that request, which rewrites the whole record) is simulated on peer0.hospital's new
    // state, and peer0.parents resumes with W2's proposal waiting, which it answers from the old state: the two
    // endorsers write different records. Repeated until peer0.hospital's gateway logs a mismatch (a round where
    // peer0.parents commits first is not one). Both go through peer0.hospital's gateway, since peer0.parents pauses.
    const hospitalLog = peers.hospital.name;
    const mismatches = (): number =>
      occurrences(writtenSinceStart(hospitalLog), 'ProposalResponsePayloads do not match');
    const asPine = pineGateway.network('report').getContract('report');
    const asCarla = carlaGateway.network('report').getContract('report');
    for (let round = 0; round < 10 && mismatches() === 0; round++) {
      const requestId = `${ids.admissionId}-m${String(round)}`;
      await sessions.carla.submit('report', 'CreateAdmissionRequest', [
        JSON.stringify({ ...admission, requestId, schoolId: 'pine-elementary' }),
      ]);
      const w1 = await asPine.submitAsync('DecideAdmissionRequest', {
        arguments: [requestId, 'accept', ''],
        endorsingOrganizations: ['HospitalMSP', 'SchoolMSP'],
      });
      stopPeer(parentsPeerPid);
      let withdrawn = false;
      try {
        expect((await w1.getStatus()).successful).toBe(true);
        const w2 = asCarla.newProposal('WithdrawAdmissionRequest', {
          arguments: [requestId],
          endorsingOrganizations: ['HospitalMSP', 'ParentsMSP'],
        });
        const endorsed = w2.endorse().then(
          (transaction) => transaction,
          () => null,
        );
        // peer0.hospital logs each simulation with the short transaction id; after that the gateway asks the paused
        // peer, and a moment later the proposal is waiting in its socket.
        await waitFor(
          () => writtenSinceStart(hospitalLog).includes(`txID=${w2.getTransactionId().slice(0, 8)}`),
          'peer0.hospital to simulate the second write',
        );
        await new Promise((resolve) => setTimeout(resolve, 300));
        continuePeer(parentsPeerPid);
        // Either the mismatch (the gateway refuses to assemble the transaction) or, if peer0.parents committed W1
        // first, an endorsed transaction, which is submitted so the pair of child and school is free again.
        const transaction = await endorsed;
        if (transaction !== null) withdrawn = (await (await transaction.submit()).getStatus()).successful;
      } finally {
        continuePeer(parentsPeerPid);
      }
      if (!withdrawn) await sessions.carla.submit('report', 'WithdrawAdmissionRequest', [requestId]);
    }
    expect(mismatches()).toBeGreaterThan(0);

    // 4. Refused writes with markers: a parent writing a card (through the app), a pediatrician without an agreement.
    const refused = await parent.call('card:recordEntry', { kind: 'allergy', childId: ids.childId, entry: allergy });
    expect(outcome(refused)).toBe('ENDORSEMENT_REFUSED');
    const stranger = sessions.bruno.submit('medical', 'RecordAllergy', [
      ids.childId,
      `${ids.childId}-bruno`,
      JSON.stringify(allergy),
    ]);
    expect(await chaincodeOutcome(stranger)).toBe('FORBIDDEN');

    // 5. Bad input with a marker, through the app: a control character, an unknown field named by the marker, a name
    // over the limit, a form key over the IPC limit.
    const bad = markers.badInput;
    for (const entry of [
      { ...allergy, substance: `${bad}\u0007` },
      { ...allergy, [bad]: bad },
      { ...allergy, substance: bad.repeat(20) },
    ]) {
      expect(
        outcome(await pediatrician.call('card:recordEntry', { kind: 'allergy', childId: ids.childId, entry })),
      ).toBe('INVALID_INPUT');
    }
    const longKey = await pediatrician.call('card:recordEntry', {
      kind: 'allergy',
      childId: ids.childId,
      entry: { [bad.repeat(4)]: 1 },
    });
    expect(outcome(longKey)).toBe('IPC_INVALID_ARGS');
    const badChild = await parent.call('agreement:propose', {
      input: {
        agreementId: `agr-bad-${run}`,
        childId: `child-bad-${run}`,
        pediatricianUid: 'ped-alice',
        purpose: 'Care',
        validUntil: inAYear,
        child: { givenName: `${bad}\u0000`, familyName: bad, birthDate: '2019-05-04', sex: 'female' },
      },
    });
    expect(outcome(badChild)).toBe('INVALID_INPUT');

    // ... and straight to the chaincode: the same kinds, broken JSON, an unknown transaction, a wrong argument count,
    // a broken report envelope in transient data, and a date the rules refuse.
    const direct: [Session, 'medical' | 'report', string, string[], Record<string, string>?][] = [
      [
        sessions.alice,
        'medical',
        'RecordAllergy',
        [ids.childId, `${ids.childId}-bad1`, JSON.stringify({ ...allergy, substance: `${bad}\u0000` })],
      ],
      [
        sessions.alice,
        'medical',
        'RecordAllergy',
        [ids.childId, `${ids.childId}-bad2`, JSON.stringify({ ...allergy, [bad]: 1 })],
      ],
      [
        sessions.alice,
        'medical',
        'AddVisitNote',
        [ids.childId, `${ids.childId}-bad3`, `{"date":"${today}","text":"${bad}`],
      ],
      [sessions.alice, 'medical', 'NoSuchTransaction', [ids.childId, bad]],
      [sessions.alice, 'medical', 'RecordAllergy', [ids.childId, `${ids.childId}-bad4`, JSON.stringify(allergy), bad]],
      [
        sessions.alice,
        'report',
        'CreateReport',
        [`rep-bad-${run}`, ids.reportRequestId],
        { report: `{"salt":"${bad}` },
      ],
      [sessions.carla, 'report', 'PublishDirectoryEntry', [`${bad}\u0000`]],
    ];
    for (const [session, channel, fn, args, transientData] of direct) {
      expect(await chaincodeOutcome(session.submit(channel, fn, args, transientData))).not.toBe('ok');
    }

    // 6. Chaincode errors: a conflict, a missing record, an entry dated before the child's birth.
    expect(await chaincodeOutcome(sessions.alice.submit('medical', 'AcceptAgreement', [ids.agreementId]))).toBe(
      'CONFLICT',
    );
    expect(await chaincodeOutcome(sessions.alice.evaluate('medical', 'ReadMedicalCard', [`nobody-${run}`]))).toBe(
      'NOT_FOUND',
    );
    const beforeBirth = { ...allergy, substance: bad, notedOn: '2019-05-03' };
    const early = sessions.alice.submit('medical', 'RecordAllergy', [
      ids.childId,
      `${ids.childId}-early`,
      JSON.stringify(beforeBirth),
    ]);
    expect(await chaincodeOutcome(early)).toBe('INVALID_ARGUMENT');

    // 7. Failed enrollments: an unknown enrollment ID, and a registered one with the wrong secret (both the marker).
    const unknown = await parent.call('enrollment:enroll', {
      org: 'parents',
      label: 'Canary',
      enrollmentId: markers.enrollment,
      secret: markers.enrollment,
    });
    expect(outcome(unknown)).toBe('ENROLLMENT_FAILED');
    const registered = await registerUser('parents', `canary-${run}`, 'parent');
    const wrongSecret = await parent.call('enrollment:enroll', {
      org: 'parents',
      label: 'Canary',
      enrollmentId: registered.enrollmentId,
      secret: markers.enrollment,
    });
    expect(outcome(wrongSecret)).toBe('ENROLLMENT_FAILED');

    // The components did log these cases (so finding nothing below means something) ...
    const logs: LogText[] = [
      ...nodeLogs().map((node) => ({ where: `${node}/node.log`, text: writtenSinceStart(node) })),
      { where: 'parent browser shell', text: parent.lines.join('\n') },
      { where: 'pediatrician browser shell', text: pediatrician.lines.join('\n') },
    ];
    const testLog = path.join(testAppRoot(), 'logs', 'tests.log');
    if (existsSync(testLog)) logs.push({ where: 'test log (so far)', text: readFileSync(testLog, 'utf8') });
    const text = (where: string): string => logs.find((log) => log.where === where)?.text ?? '';
    const evidence = {
      gatewayMismatches: mismatches(),
      chaincodeErrors: occurrences(text('chaincode.medical/node.log'), 'returned error response'),
      refusedEnrollments: occurrences(text('ca.parents/node.log'), '/api/v1/enroll 401'),
      appFailures: occurrences(`${text('parent browser shell')}\n${text('pediatrician browser shell')}`, ' failed: '),
    };
    expect(
      Object.values(evidence).every((count) => count > 0),
      JSON.stringify(evidence),
    ).toBe(true);
    // ... the response checker, which would print the write sets, did not ...
    const payloadLines = occurrences(text(`${hospitalLog}/node.log`), 'Proposal response mismatch');
    if (!legacy) expect(payloadLines).toBe(0);

    // ... and no marker is anywhere, in any form. Only where and how often is printed.
    const leaks: string[] = [];
    for (const log of logs) {
      const found = countMarkers(log.text, markers);
      for (const field of MARKER_FIELDS) {
        const count = found[field];
        if (count !== undefined) leaks.push(`${log.where}: ${String(count)} × the ${field} marker`);
      }
    }
    expect(leaks).toEqual([]);
  }, 900_000);
});
