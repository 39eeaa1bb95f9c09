// The attack suite: confidential at the Fabric layer. Two families' records carry unique markers (a visit note on the
// card, the fitness statement of the report). Then every client identity of every role tries every read path Fabric
// 2.5 offers besides PediLedger's chaincode: the system chaincodes (qscc, cscc, _lifecycle, lscc) through every peer of
// each channel, the peers' Deliver, DeliverFiltered and DeliverWithPrivateData on every peer and channel, the
// orderers' Deliver, discovery, and chaincode events (with ListMyNotices on every event). Each call must be refused or
// carry nothing about a record the caller is not party to: no marker, no id. The org admins' deliveries, as a control,
// do carry the markers, so the search would find a leak. The forged-guardian story is then played from the
// attacker's side: refused at the first step, and the real guardians are told.
import { common } from '@hyperledger/fabric-protos';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminIdentity } from '../../fabric-network/src/identities.ts';
import { activeOrderers, readState } from '../../fabric-network/src/network.ts';
import { channels, orgs, peerOrgKeys, type ChannelName, type PeerOrgKey } from '../../fabric-network/src/topology.ts';
import { userByUid } from '../../fabric-network/test/fabric.ts';
import {
  chaincodeEvents,
  deliverFromOrderer,
  deliverFromPeer,
  discover,
  evaluateAs,
  gatewayAs,
  leaksIn,
  systemChaincodeReads,
  type Caller,
  type PeerDelivery,
  type Probe,
} from '../../fabric-network/test/readPaths.ts';
import {
  MEDICAL_ENDORSERS,
  REPORT_ENDORSERS,
  AdmissionRequest,
  CreateAdmissionResult,
  Notice,
} from '@pediledger/domain';
import { commitWatcherOf, sessionOf } from './session';
import { readCard, reportEnvelopeFrom } from './story';

const CLIENTS = ['ped-alice', 'ped-bruno', 'parent-carla', 'parent-diego', 'parent-emma', 'admin-oak', 'admin-pine'];
const DELIVERIES: PeerDelivery[] = ['Deliver', 'DeliverFiltered', 'DeliverWithPrivateData'];
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const validUntil = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
const today = new Date().toISOString().slice(0, 10);
const decoder = new TextDecoder();

/** One family's story: who is party to what, and the strings that must reach nobody else. */
interface Family {
  key: 'A' | 'B';
  guardians: string[];
  pediatrician: string;
  school: { admin: string; schoolId: string };
  child: { givenName: string; familyName: string; birthDate: string };
  ids: { child: string; agreement: string; admission: string; reportRequest: string; report: string };
  markers: { card: string; report: string };
}

function family(key: 'A' | 'B'): Family {
  const id = (name: string): string => `conf-${name}-${key.toLowerCase()}-${run}`;
  const a = key === 'A';
  return {
    key,
    guardians: a ? ['parent-carla', 'parent-diego'] : ['parent-emma'],
    pediatrician: a ? 'ped-alice' : 'ped-bruno',
    school: a ? { admin: 'admin-oak', schoolId: 'oak-primary' } : { admin: 'admin-pine', schoolId: 'pine-elementary' },
    child: a
      ? { givenName: 'Lia', familyName: 'Rossi', birthDate: '2019-05-04' }
      : { givenName: 'Noor', familyName: 'Haddad', birthDate: '2018-09-12' },
    ids: {
      child: id('child'),
      agreement: id('agr'),
      admission: id('adm'),
      reportRequest: id('rr'),
      report: id('rep'),
    },
    markers: { card: `CARD-MARKER-${key}-${run}`, report: `REPORT-MARKER-${key}-${run}` },
  };
}

const families = [family('A'), family('B')];

/** What `uid` must never receive about `f`: markers and ids of the records of `f` it is not party to. */
function forbiddenFor(uid: string, f: Family): string[] {
  const card = [...f.guardians, f.pediatrician];
  const report = [...card, f.school.admin];
  const forbidden: string[] = [];
  // The card and the agreement: guardians and the pediatrician.
  if (!card.includes(uid)) forbidden.push(f.markers.card, f.ids.agreement);
  // The child, the admission, the report request and the report: also the school it was approved for.
  if (!report.includes(uid))
    forbidden.push(f.markers.report, f.ids.child, f.ids.admission, f.ids.reportRequest, f.ids.report);
  return forbidden;
}

function forbidden(uid: string): string[] {
  return families.flatMap((f) => forbiddenFor(uid, f));
}

const callers = new Map<string, Caller>();

async function callerOf(uid: string): Promise<Caller> {
  const known = callers.get(uid);
  if (known !== undefined) return known;
  const user = await userByUid(uid);
  const caller = { label: uid, mspId: user.mspId, certPath: user.certPath, keyPath: user.keyPath };
  callers.set(uid, caller);
  return caller;
}

function adminCaller(org: PeerOrgKey): Caller {
  const admin = adminIdentity(org);
  return {
    label: `${orgs[org].mspId} admin`,
    mspId: orgs[org].mspId,
    certPath: admin.certPath,
    keyPath: admin.keyPath,
  };
}

/** Submits as `uid` (endorsers from the chaincode's table, as the app does) and returns the answer and tx id. */
async function submit(
  uid: string,
  channel: ChannelName,
  fn: string,
  args: string[],
  transient?: Record<string, string>,
): Promise<{ value: unknown; txId: string }> {
  const user = await userByUid(uid);
  const { gateway, close } = gatewayAs(await callerOf(uid), user.org);
  try {
    const endorsers: Readonly<Record<string, readonly string[] | null>> =
      channel === 'medical' ? MEDICAL_ENDORSERS : REPORT_ENDORSERS;
    const orgsToAsk = endorsers[fn] ?? null;
    const submitted = await gateway
      .getNetwork(channel)
      .getContract(channel)
      .submitAsync(fn, {
        arguments: args,
        ...(transient === undefined ? {} : { transientData: transient }),
        ...(orgsToAsk === null ? {} : { endorsingOrganizations: [...orgsToAsk] }),
      });
    const commits = await commitWatcherOf(uid);
    try {
      await commits.committedEverywhere(channel, submitted);
    } finally {
      commits.close();
    }
    firstTx[channel] ??= submitted.getTransactionId();
    return { value: JSON.parse(decoder.decode(submitted.getResult())) as unknown, txId: submitted.getTransactionId() };
  } finally {
    close();
  }
}

/** Evaluates as `uid` through its own org's peer. */
async function evaluate(uid: string, channel: ChannelName, fn: string, args: string[]): Promise<unknown> {
  const probe = await evaluateAs(await callerOf(uid), (await userByUid(uid)).org, channel, channel, fn, args);
  if (probe.refused) throw new Error(`${fn} by ${uid} refused: ${probe.detail}`);
  return JSON.parse(decoder.decode(probe.received[0])) as unknown;
}

/** Care, a marked visit note, admission, report request, a marked report approved for the family's school. */
async function playStory(f: Family): Promise<string> {
  const [guardian] = f.guardians;
  if (guardian === undefined) throw new Error('a family needs a guardian');
  const agreement = {
    agreementId: f.ids.agreement,
    childId: f.ids.child,
    pediatricianUid: f.pediatrician,
    purpose: 'Primary pediatric care',
    validUntil,
    child: { ...f.child, sex: 'unknown' },
  };
  await submit(guardian, 'medical', 'ProposeAgreement', [JSON.stringify(agreement)]);
  for (const other of f.guardians.slice(1)) await submit(guardian, 'medical', 'AddGuardian', [f.ids.child, other]);
  await submit(f.pediatrician, 'medical', 'AcceptAgreement', [f.ids.agreement]);
  await submit(f.pediatrician, 'medical', 'RecordAllergy', [
    f.ids.child,
    `${f.ids.child}-allergy`,
    JSON.stringify({ substance: 'Peanuts', reaction: 'Hives', severity: 'severe' }),
  ]);
  await submit(f.pediatrician, 'medical', 'AddVisitNote', [
    f.ids.child,
    `${f.ids.child}-note`,
    JSON.stringify({ date: today, text: `Routine check. ${f.markers.card}` }),
  ]);
  const reader = await sessionOf(f.pediatrician);
  const card = await readCard(reader, f.ids.child).finally(() => {
    reader.close();
  });

  const admission = {
    requestId: f.ids.admission,
    childId: f.ids.child,
    childGivenName: f.child.givenName,
    childFamilyName: f.child.familyName,
    childBirthDate: f.child.birthDate,
    schoolId: f.school.schoolId,
  };
  AdmissionRequest.parse(
    (await submit(guardian, 'report', 'CreateAdmissionRequest', [JSON.stringify(admission)])).value,
  );
  await submit(f.school.admin, 'report', 'DecideAdmissionRequest', [f.ids.admission, 'accept', '']);
  const request = {
    reportRequestId: f.ids.reportRequest,
    admissionRequestId: f.ids.admission,
    pediatricianUid: f.pediatrician,
  };
  await submit(f.school.admin, 'report', 'CreateReportRequest', [JSON.stringify(request)]);
  const built = reportEnvelopeFrom(card, f.markers.report);
  const envelope = { ...built, body: { ...built.body, child: f.child } };
  await submit(f.pediatrician, 'report', 'CreateReport', [f.ids.report, f.ids.reportRequest], {
    report: JSON.stringify(envelope),
  });
  const approved = await submit(
    guardian,
    'report',
    'ApproveReport',
    [f.ids.report, JSON.stringify([f.school.schoolId]), validUntil],
    {
      report: JSON.stringify(envelope),
    },
  );
  return approved.txId;
}

/**
 * The first and last transaction of the setup on each channel: event streams are read up to the last; every event
 * from the first on must be the empty Notice. (Blocks are immutable: on a network created before notices existed,
 * older events keep the payloads they were committed with, ids only; SECURITY.md says so.)
 */
const firstTx: Partial<Record<ChannelName, string>> = {};
const lastTx: Partial<Record<ChannelName, string>> = {};
/** A real transaction and block of each channel, for the qscc lookups (family A's visit note). */
const known: Partial<Record<ChannelName, { txId: string; blockHash: Uint8Array }>> = {};
/** The forged admission request's transaction. */
let attempt: { txId: string; answer: CreateAdmissionResult };

beforeAll(async () => {
  for (const f of families) await playStory(f);

  // The forged-guardian story, from the attacker's side: parent-emma applies for family A's child at her school.
  const forged = {
    requestId: `conf-forged-${run}`,
    childId: families[0]?.ids.child ?? '',
    childGivenName: 'Lia',
    childFamilyName: 'Rossi',
    childBirthDate: '2019-05-04',
    schoolId: 'pine-elementary',
    guardianUids: [],
  };
  const attempted = await submit('parent-emma', 'report', 'CreateAdmissionRequest', [JSON.stringify(forged)]);
  attempt = { txId: attempted.txId, answer: CreateAdmissionResult.parse(attempted.value) };

  // A last write on each channel, so every event stream below knows where the setup ends.
  lastTx.medical = (
    await submit('ped-alice', 'medical', 'RecordMeasurement', [
      families[0]?.ids.child ?? '',
      `conf-last-${run}`,
      JSON.stringify({ date: today, weightKg: 19.5 }),
    ])
  ).txId;
  lastTx.report = (await submit('admin-pine', 'report', 'PublishDirectoryEntry', [`Pine Elementary ${run}`])).txId;

  // Real lookups for qscc (a refused call must not be refused merely for pointing at nothing), read by an admin.
  for (const channel of ['medical', 'report'] as const) {
    const admin = adminCaller('hospital');
    const txId = lastTx[channel] ?? '';
    const block = await evaluateAs(admin, 'hospital', channel, 'qscc', 'GetBlockByNumber', [channel, '2']);
    const header = common.Block.deserializeBinary(block.received[0] ?? new Uint8Array()).getHeader();
    known[channel] = { txId, blockHash: header?.getPreviousHash_asU8() ?? new Uint8Array() };
  }
}, 600_000);

afterAll(async () => {
  // The ledger is shared with the other test files: take the schools' access back (and purge their copies), as a
  // family would, so no school is left with a report of this run.
  for (const f of families) {
    const [guardian] = f.guardians;
    if (guardian !== undefined) {
      await submit(guardian, 'report', 'RevokeReportPermission', [f.ids.report, f.school.schoolId]);
    }
  }
  callers.clear();
});

/** Every read path for `caller`, on every peer, orderer and channel. */
type EventsProbe = Awaited<ReturnType<typeof chaincodeEvents>>;

async function everyReadPath(
  caller: Caller,
): Promise<{ refusedPaths: Probe[]; answering: Probe[]; events: EventsProbe[] }> {
  const state = readState();
  const orderers = activeOrderers(state?.ordererCount ?? 1);
  const mustRefuse: Promise<Probe>[] = [];
  const mayAnswer: Promise<Probe>[] = [];
  const eventProbes: Promise<EventsProbe>[] = [];
  for (const channel of ['medical', 'report'] as const) {
    for (const peerOrg of peerOrgKeys) {
      for (const kind of DELIVERIES) mustRefuse.push(deliverFromPeer(caller, peerOrg, channel, kind));
      mayAnswer.push(discover(caller, peerOrg, channel));
    }
    for (const node of orderers) mustRefuse.push(deliverFromOrderer(caller, node, channel));
    const lookup = known[channel] ?? { txId: '', blockHash: new Uint8Array() };
    for (const peerOrg of channels[channel].members) {
      for (const read of systemChaincodeReads(channel, lookup)) {
        mustRefuse.push(evaluateAs(caller, peerOrg, channel, read.chaincode, read.fn, read.args));
      }
      eventProbes.push(chaincodeEvents(caller, peerOrg, channel, lastTx[channel] ?? ''));
    }
  }
  return {
    refusedPaths: await Promise.all(mustRefuse),
    answering: await Promise.all(mayAnswer),
    events: await Promise.all(eventProbes),
  };
}

describe('confidential at the Fabric layer: every client, every read path', () => {
  it.each(CLIENTS)(
    '%s is refused blocks, transactions, configuration and private data, and learns nothing',
    async (uid) => {
      const caller = await callerOf(uid);
      const banned = forbidden(uid);
      expect(banned.length).toBeGreaterThan(0);
      const { refusedPaths, answering, events } = await everyReadPath(caller);

      // Blocks, transactions, configuration, definitions, private data: refused on every peer and orderer.
      const served = refusedPaths.filter((probe) => !probe.refused).map((probe) => `${probe.path}: ${probe.detail}`);
      expect(served).toEqual([]);
      // Discovery answers clients (Fabric 2.5 admits /Channel/Application/Writers there), with membership and
      // configuration only; events answer the channel's members. None of it names a record of someone else.
      for (const probe of [...refusedPaths, ...answering, ...events])
        expect(leaksIn(probe, banned), probe.path).toEqual([]);

      // Every event the caller received is the same empty Notice; asking about all of them returns only the caller's
      // own notices, which name nothing the caller is not party to.
      for (const probe of events) {
        if (probe.refused) continue;
        const first = probe.events.findIndex((e) => e.txId === firstTx[probe.channel]);
        expect(first, `${probe.path}: the setup's first event`).toBeGreaterThanOrEqual(0);
        for (const event of probe.events.slice(first)) {
          expect([event.name, event.payload.length], probe.path).toEqual(['Notice', 0]);
        }
      }
      const user = await userByUid(uid);
      for (const channel of ['medical', 'report'] as const) {
        if (!channels[channel].members.includes(user.org)) continue;
        const received = events.filter((probe) => probe.channel === channel).flatMap((probe) => probe.events);
        const txIds = [...new Set(received.map((e) => e.txId))];
        expect(txIds).toContain(lastTx[channel]);
        const notices: Notice[] = [];
        for (let start = 0; start < txIds.length; start += 100) {
          const batch = JSON.stringify(txIds.slice(start, start + 100));
          notices.push(...Notice.array().parse(await evaluate(uid, channel, 'ListMyNotices', [batch])));
        }
        const text = JSON.stringify(notices);
        for (const needle of banned) expect(text, `${channel} notices of ${uid}`).not.toContain(needle);
      }
    },
  );

  it('the org admins, as a control, read the markers from the same paths: the search finds what is there', async () => {
    const [a, b] = families;
    if (a === undefined || b === undefined) throw new Error('two families');
    const hospital = adminCaller('hospital');
    const medicalBlocks = await deliverFromPeer(hospital, 'hospital', 'medical', 'Deliver');
    expect(medicalBlocks.refused).toBe(false);
    expect(leaksIn(medicalBlocks, [a.markers.card, b.markers.card])).toEqual([a.markers.card, b.markers.card]);
    for (const node of activeOrderers(readState()?.ordererCount ?? 1)) {
      const fromOrderer = await deliverFromOrderer(hospital, node, 'medical');
      expect(leaksIn(fromOrderer, [a.markers.card])).toEqual([a.markers.card]);
    }
    // Report bodies travel only as private data: not in blocks, but in DeliverWithPrivateData to a member's admin.
    const reportBlocks = await deliverFromPeer(hospital, 'hospital', 'report', 'Deliver');
    expect(leaksIn(reportBlocks, [a.markers.report])).toEqual([]);
    const withPrivate = await deliverFromPeer(hospital, 'hospital', 'report', 'DeliverWithPrivateData');
    expect(leaksIn(withPrivate, [a.markers.report, b.markers.report])).toEqual([a.markers.report, b.markers.report]);
    // School's peer holds the bodies approved for any of its schools: its admin reads both (SECURITY.md, residual risks).
    const school = await deliverFromPeer(adminCaller('school'), 'school', 'report', 'DeliverWithPrivateData');
    expect(leaksIn(school, [a.markers.report, b.markers.report])).toEqual([a.markers.report, b.markers.report]);
  });
});

describe("the forged guardian, from the attacker's side", () => {
  it('is refused at the first step: no request, nothing for any school, the same answer as for no child at all', async () => {
    const [a] = families;
    if (a === undefined) throw new Error('family A');
    expect(attempt.answer).toMatchObject({ refused: 'FORBIDDEN' });
    const requests = (uid: string): Promise<AdmissionRequest[]> =>
      evaluate(uid, 'report', 'ListMyAdmissionRequests', ['100', '']).then((page) =>
        AdmissionRequest.array().parse((page as { items: unknown }).items),
      );
    for (const uid of ['parent-emma', 'admin-pine', 'admin-oak']) {
      expect((await requests(uid)).map((r) => r.requestId)).not.toContain(`conf-forged-${run}`);
    }
    expect((await requests('parent-emma')).map((r) => r.childId)).not.toContain(a.ids.child);
    // So there is nothing to accept, and no report to ask for, read or approve.
    await expect(
      submit('admin-pine', 'report', 'DecideAdmissionRequest', [`conf-forged-${run}`, 'accept', '']),
    ).rejects.toThrow();
    for (const fn of ['ReadChild', 'ReadMedicalCard']) {
      await expect(evaluate('parent-emma', 'medical', fn, [a.ids.child])).rejects.toThrow(/FORBIDDEN/);
    }
    await expect(evaluate('parent-emma', 'report', 'ReadReport', [a.ids.report])).rejects.toThrow(/FORBIDDEN/);
    // An id that names no child gets the very same answer (evaluated: nothing is recorded for it).
    const none = CreateAdmissionResult.parse(
      await evaluate('parent-emma', 'report', 'CreateAdmissionRequest', [
        JSON.stringify({
          requestId: `conf-none-${run}`,
          childId: `conf-no-such-child-${run}`,
          childGivenName: 'Lia',
          childFamilyName: 'Rossi',
          childBirthDate: '2019-05-04',
          schoolId: 'pine-elementary',
        }),
      ]),
    );
    expect(JSON.stringify(none).replace(`conf-no-such-child-${run}`, a.ids.child)).toBe(JSON.stringify(attempt.answer));
  });

  it('tells the real guardians that someone else applied, and nobody else', async () => {
    const [a] = families;
    if (a === undefined) throw new Error('family A');
    const told = async (uid: string): Promise<Notice[]> =>
      Notice.array().parse(await evaluate(uid, 'report', 'ListMyNotices', [JSON.stringify([attempt.txId])]));
    for (const guardian of a.guardians) {
      expect(await told(guardian)).toEqual([
        {
          txId: attempt.txId,
          kind: 'admission-attempted',
          refs: { childId: a.ids.child, schoolId: 'pine-elementary', applicantUid: 'parent-emma' },
        },
      ]);
    }
    for (const uid of ['parent-emma', 'ped-alice', 'admin-pine', 'admin-oak']) expect(await told(uid)).toEqual([]);
  });
});
