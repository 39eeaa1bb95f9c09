import { describe, expect, it } from 'vitest';
import { REPORT_BODIES_COLLECTION, SCHOOL_COLLECTION } from '../shared/collections';
import {
  REPORT_ENDORSERS,
  AdmissionAttempt,
  AdmissionRequest,
  CreateAdmissionResult,
  DirectoryEntry,
  PartyReportRead,
  ReadReceipt,
  Report,
  ReportEnvelope,
  ReportRequest,
  SchoolReportRead,
} from '@pediledger/domain';
import type { ChaincodeHarness } from '../testing/harness';
import { admission, CANARY, envelope, readyReport, reportHarness, transient, UNTIL } from '../testing/reportFixtures';
import { lastTxId, noticesOf } from '../testing/notices';

const DAY = 24 * 60 * 60 * 1000;
const oakOnly = JSON.stringify(['oak-primary']);

/** Expects a rejection with `code` that wrote nothing. */
async function rejects(h: ChaincodeHarness, run: Promise<unknown>, code: string): Promise<void> {
  const before = h.ledger.snapshot();
  await expect(run).rejects.toThrow(new RegExp(`^${code}: `));
  expect(h.ledger.snapshot()).toBe(before);
}

async function approvedForOak(h: ChaincodeHarness): Promise<void> {
  await readyReport(h);
  await h.submit('parent-carla', 'ApproveReport', ['rep-1', oakOnly, UNTIL], { transient: transient() });
}

/** Everything School's peer stores: public state, private hashes, its own implicit collection, events. */
function schoolPeerBytes(h: ChaincodeHarness): string {
  const values = [...h.ledger.state.entries()].map(([k, v]) => k + Buffer.from(v).toString('utf8'));
  const own = [...(h.ledger.privateData.get(SCHOOL_COLLECTION)?.values() ?? [])].map((v) => Buffer.from(v).toString());
  const events = h.ledger.events.map((e) => e.name + Buffer.from(e.payload).toString('utf8'));
  return [...values, ...own, ...events].join('\n');
}

/** The kind of `who`'s notice about the last transaction, or null. */
async function lastNoticeKind(h: ChaincodeHarness, who: Parameters<typeof noticesOf>[1]): Promise<string | null> {
  return (await noticesOf(h, who, [lastTxId(h)]))[0]?.kind ?? null;
}

describe('CreateAdmissionRequest', () => {
  it('records the request with the caller and the named guardian, and tells the school', async () => {
    const h = reportHarness();
    const request = AdmissionRequest.parse(await h.submitJson('parent-carla', 'CreateAdmissionRequest', [admission()]));
    expect(request).toMatchObject({ status: 'submitted', guardianUids: ['parent-carla', 'parent-diego'] });
    const txId = lastTxId(h);
    expect(await noticesOf(h, 'admin-oak', [txId])).toEqual([
      { txId, kind: 'admission-requested', refs: { requestId: 'adm-1' } },
    ]);
    expect(await noticesOf(h, 'admin-pine', [txId])).toEqual([]);
    const forOak = await h.evaluateAllPages('admin-oak', 'ListMyAdmissionRequests');
    expect(forOak).toHaveLength(1);
    expect(await h.evaluateAllPages('admin-pine', 'ListMyAdmissionRequests')).toEqual([]);
    expect(await h.evaluateAllPages('parent-diego', 'ListMyAdmissionRequests')).toHaveLength(1);
    expect(await h.evaluateAllPages('parent-emma', 'ListMyAdmissionRequests')).toEqual([]);
  });

  it('rejects other roles, bad input, duplicates and a third guardian', async () => {
    const h = reportHarness();
    await rejects(h, h.submit('admin-oak', 'CreateAdmissionRequest', [admission()]), 'FORBIDDEN');
    await rejects(h, h.submit('ped-alice', 'CreateAdmissionRequest', [admission()]), 'FORBIDDEN');
    const third = admission({ guardianUids: ['parent-diego', 'parent-emma'] });
    await rejects(h, h.submit('parent-carla', 'CreateAdmissionRequest', [third]), 'INVALID_ARGUMENT');
    await rejects(
      h,
      h.submit('parent-carla', 'CreateAdmissionRequest', [admission({ schoolId: '' })]),
      'INVALID_ARGUMENT',
    );
    const future = admission({ childBirthDate: '2030-01-01' });
    await rejects(h, h.submit('parent-carla', 'CreateAdmissionRequest', [future]), 'INVALID_ARGUMENT');
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]);
    await rejects(h, h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]), 'CONFLICT');
    const sameChild = admission({ requestId: 'adm-2' });
    await rejects(h, h.submit('parent-carla', 'CreateAdmissionRequest', [sameChild]), 'CONFLICT');
  });
});

describe("CreateAdmissionRequest: the guardians are the child's guardians on medical", () => {
  const forged = admission({ requestId: 'adm-x', guardianUids: undefined });

  it("takes the guardians from the child's record and refuses details that differ from it", async () => {
    const h = reportHarness();
    // Carla names nobody: the request still lists both of the child's guardians.
    const request = AdmissionRequest.parse(
      await h.submitJson('parent-carla', 'CreateAdmissionRequest', [admission({ guardianUids: undefined })]),
    );
    expect(request.guardianUids).toEqual(['parent-carla', 'parent-diego']);
    for (const wrong of [
      { childGivenName: 'Mia' },
      { childFamilyName: 'Bianchi' },
      { childBirthDate: '2019-05-05' },
      { guardianUids: ['parent-emma'] },
    ]) {
      const input = admission({ requestId: 'adm-2', schoolId: 'pine-elementary', ...wrong });
      await rejects(h, h.submit('parent-diego', 'CreateAdmissionRequest', [input]), 'INVALID_ARGUMENT');
    }
  });

  it('refuses a parent who is not a guardian there: no request, nothing for the school, the guardians are told', async () => {
    const h = reportHarness();
    const answer = CreateAdmissionResult.parse(await h.submitJson('parent-emma', 'CreateAdmissionRequest', [forged]));
    expect(answer).toMatchObject({ refused: 'FORBIDDEN' });
    expect('message' in answer && answer.message).toMatch(/^only a guardian of child child-a /);
    // Nothing public was written: no request, no index, no notice; School's peer holds only a private hash.
    expect([...h.ledger.state.keys()]).toEqual([]);
    expect(schoolPeerBytes(h)).not.toContain('child-a');
    expect(await h.evaluateAllPages('admin-oak', 'ListMyAdmissionRequests')).toEqual([]);
    expect(await h.evaluateAllPages('parent-emma', 'ListMyAdmissionRequests')).toEqual([]);
    // So the story cannot go on: there is nothing to accept or to ask a report for.
    await rejects(h, h.submit('admin-oak', 'DecideAdmissionRequest', ['adm-x', 'accept', '']), 'NOT_FOUND');
    const request = { reportRequestId: 'rr-x', admissionRequestId: 'adm-x', pediatricianUid: 'ped-alice' };
    await rejects(h, h.submit('admin-oak', 'CreateReportRequest', [JSON.stringify(request)]), 'NOT_FOUND');
    // The child's guardians on medical learn of the attempt; nobody else does.
    const txId = h.ledger.events[0]?.txId ?? '';
    const told = {
      txId,
      kind: 'admission-attempted',
      refs: { childId: 'child-a', schoolId: 'oak-primary', applicantUid: 'parent-emma' },
    };
    expect(await noticesOf(h, 'parent-carla', [txId])).toEqual([told]);
    expect(await noticesOf(h, 'parent-diego', [txId])).toEqual([told]);
    for (const other of ['parent-emma', 'admin-oak', 'ped-alice'] as const) {
      expect(await noticesOf(h, other, [txId])).toEqual([]);
    }
  });

  it('answers and records the same whether or not the child exists, from what the applicant stated only', async () => {
    const h = reportHarness();
    const real = await h.submit('parent-emma', 'CreateAdmissionRequest', [forged]);
    const none = await h.submit('parent-emma', 'CreateAdmissionRequest', [
      admission({ requestId: 'adm-y', childId: 'child-zz', guardianUids: undefined }),
    ]);
    expect(none.replace('child-zz', 'child-a')).toBe(real);
    const attempts = [...(h.ledger.privateData.get(REPORT_BODIES_COLLECTION)?.values() ?? [])].map((bytes) =>
      AdmissionAttempt.parse(JSON.parse(Buffer.from(bytes).toString('utf8'))),
    );
    expect(attempts).toEqual([
      {
        requestId: 'adm-x',
        childId: 'child-a',
        schoolId: 'oak-primary',
        applicantUid: 'parent-emma',
        at: expect.any(String) as string,
      },
      {
        requestId: 'adm-y',
        childId: 'child-zz',
        schoolId: 'oak-primary',
        applicantUid: 'parent-emma',
        at: expect.any(String) as string,
      },
    ]);
    expect([...h.ledger.state.keys()]).toEqual([]);
  });

  it("needs Hospital's and Parents' peers: School's peer has no medical ledger and cannot endorse it", async () => {
    expect(REPORT_ENDORSERS.CreateAdmissionRequest).toEqual(['HospitalMSP', 'ParentsMSP']);
    const h = reportHarness({ ...REPORT_ENDORSERS, CreateAdmissionRequest: ['ParentsMSP', 'SchoolMSP'] });
    await expect(h.submit('parent-carla', 'CreateAdmissionRequest', [admission()])).rejects.toThrow(
      'failed to find ledger for channel: medical',
    );
    expect([...h.ledger.state.keys()]).toEqual([]);
  });

  it('ListMyNotices: refused attempts reach parents only, and only the guardians among them', async () => {
    const h = reportHarness();
    await h.submit('parent-emma', 'CreateAdmissionRequest', [forged]);
    await readyReport(h);
    const kinds = async (who: Parameters<typeof noticesOf>[1]): Promise<string[]> =>
      (await noticesOf(h, who)).map((n) => n.kind);
    expect(await kinds('parent-carla')).toEqual(['admission-attempted', 'report-ready']);
    expect(await kinds('parent-emma')).toEqual([]);
    expect(await kinds('admin-oak')).toEqual(['admission-requested']);
    expect(await kinds('ped-alice')).toEqual(['report-requested']);
    expect(h.ledger.events.map((e) => [e.name, e.payload.length])).toEqual(h.ledger.events.map(() => ['Notice', 0]));
    await rejects(h, h.evaluate('parent-carla', 'ListMyNotices', ['["x"]']), 'INVALID_ARGUMENT');
  });
});

describe('one open admission request per child and school', () => {
  it('holds for every guardian, through the key on child and school, and frees the pair when the request closes', async () => {
    const h = reportHarness();
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]);
    // The other guardian (and anyone else) meets the same key: the check is not per caller any more.
    const byDiego = admission({ requestId: 'adm-2', guardianUids: ['parent-carla'] });
    await rejects(h, h.submit('parent-diego', 'CreateAdmissionRequest', [byDiego]), 'CONFLICT');
    await h.submit('admin-oak', 'DecideAdmissionRequest', ['adm-1', 'accept', '']);
    await rejects(h, h.submit('parent-diego', 'CreateAdmissionRequest', [byDiego]), 'CONFLICT');
    await h.submit('parent-carla', 'WithdrawAdmissionRequest', ['adm-1']);
    await h.submit('parent-diego', 'CreateAdmissionRequest', [byDiego]);
    await h.submit('admin-oak', 'DecideAdmissionRequest', ['adm-2', 'reject', 'No places']);
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission({ requestId: 'adm-3' })]);
    // Another school is another pair.
    await h.submit('parent-carla', 'CreateAdmissionRequest', [
      admission({ requestId: 'adm-4', schoolId: 'pine-elementary' }),
    ]);
  });

  it('reads two keys, no range: requests by one parent for different schools share no key', async () => {
    const h = reportHarness();
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]);
    const first = h.lastCommitted;
    await h.submit('parent-carla', 'CreateAdmissionRequest', [
      admission({ requestId: 'adm-2', schoolId: 'pine-elementary' }),
    ]);
    const second = h.lastCommitted;
    expect(first?.reads.ranges).toEqual([]);
    expect(second?.reads.ranges).toEqual([]);
    expect(first?.reads.keys.size).toBe(2);
    for (const write of second?.writes ?? []) expect(first?.reads.keys.has(write.key)).toBe(false);
    for (const write of first?.writes ?? []) expect(second?.reads.keys.has(write.key)).toBe(false);
  });

  it('closing a request the key does not name (one opened before the key existed) leaves the key alone', async () => {
    const h = reportHarness();
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]);
    // adm-1 as the chaincode before the key stored it: no key; then adm-2 takes the key.
    const key = '\u0000admission~open\u0000child-a\u0000oak-primary\u0000';
    expect(h.ledger.state.has(key)).toBe(true);
    h.ledger.state.delete(key);
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission({ requestId: 'adm-2' })]);
    await h.submit('parent-carla', 'WithdrawAdmissionRequest', ['adm-1']);
    expect(h.ledger.state.has(key)).toBe(true);
    await rejects(
      h,
      h.submit('parent-carla', 'CreateAdmissionRequest', [admission({ requestId: 'adm-3' })]),
      'CONFLICT',
    );
  });
});

describe('paged lists', () => {
  it('walk a party’s whole list with bookmarks, each page within its size', async () => {
    const h = reportHarness();
    // Family A's child (the one on the linked medical ledger) applies to seven schools.
    for (let i = 0; i < 7; i++) {
      await h.submit('parent-carla', 'CreateAdmissionRequest', [
        admission({ requestId: `adm-${i}`, schoolId: `school-${i}` }),
      ]);
    }
    const first = (await h.evaluateJson('parent-carla', 'ListMyAdmissionRequests', ['3', ''])) as {
      items: { requestId: string }[];
      bookmark: string;
    };
    expect(first.items.map((r) => r.requestId)).toEqual(['adm-0', 'adm-1', 'adm-2']);
    expect(first.bookmark).toBe('adm-3');
    const all = (await h.evaluateAllPages('parent-diego', 'ListMyAdmissionRequests', [], 3)) as {
      requestId: string;
    }[];
    expect(all.map((r) => r.requestId)).toEqual(['adm-0', 'adm-1', 'adm-2', 'adm-3', 'adm-4', 'adm-5', 'adm-6']);
    // A bookmark is an id, validated and placed under the caller's own party: it cannot reach another party's list.
    expect(await h.evaluateAllPages('parent-emma', 'ListMyAdmissionRequests')).toEqual([]);
    const emma = (await h.evaluateJson('parent-emma', 'ListMyAdmissionRequests', ['3', 'adm-0'])) as {
      items: unknown[];
    };
    expect(emma.items).toEqual([]);
    for (const bad of ['adm 1', 'a~b', '\u0000']) {
      await rejects(h, h.evaluate('parent-carla', 'ListMyAdmissionRequests', ['3', bad]), 'INVALID_ARGUMENT');
    }
    await rejects(h, h.evaluate('parent-carla', 'ListMyAdmissionRequests', ['0', '']), 'INVALID_ARGUMENT');
  });
});

describe('DecideAdmissionRequest and WithdrawAdmissionRequest', () => {
  it('lets only the requested school decide, once', async () => {
    const h = reportHarness();
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]);
    await rejects(h, h.submit('admin-pine', 'DecideAdmissionRequest', ['adm-1', 'accept', '']), 'FORBIDDEN');
    await rejects(h, h.submit('parent-carla', 'DecideAdmissionRequest', ['adm-1', 'accept', '']), 'FORBIDDEN');
    await rejects(h, h.submit('admin-oak', 'DecideAdmissionRequest', ['adm-1', 'maybe', '']), 'INVALID_ARGUMENT');
    await rejects(h, h.submit('admin-oak', 'DecideAdmissionRequest', ['adm-1', 'reject', '']), 'INVALID_ARGUMENT');
    await rejects(h, h.submit('admin-oak', 'DecideAdmissionRequest', ['adm-9', 'accept', '']), 'NOT_FOUND');
    const accepted = AdmissionRequest.parse(
      await h.submitJson('admin-oak', 'DecideAdmissionRequest', ['adm-1', 'accept', '']),
    );
    expect(accepted.status).toBe('accepted');
    await rejects(h, h.submit('admin-oak', 'DecideAdmissionRequest', ['adm-1', 'reject', 'No places']), 'CONFLICT');
  });

  it('lets a guardian withdraw, but not a stranger, and not twice', async () => {
    const h = reportHarness();
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]);
    await rejects(h, h.submit('parent-emma', 'WithdrawAdmissionRequest', ['adm-1']), 'FORBIDDEN');
    await rejects(h, h.submit('admin-oak', 'WithdrawAdmissionRequest', ['adm-1']), 'FORBIDDEN');
    const withdrawn = AdmissionRequest.parse(await h.submitJson('parent-diego', 'WithdrawAdmissionRequest', ['adm-1']));
    expect(withdrawn.changes.at(-1)).toMatchObject({ status: 'withdrawn', by: 'parent-diego' });
    await rejects(h, h.submit('parent-carla', 'WithdrawAdmissionRequest', ['adm-1']), 'CONFLICT');
    const request = JSON.stringify({
      reportRequestId: 'rr-1',
      admissionRequestId: 'adm-1',
      pediatricianUid: 'ped-alice',
    });
    await rejects(h, h.submit('admin-oak', 'CreateReportRequest', [request]), 'CONFLICT');
  });
});

describe('CreateReportRequest and DeclineReportRequest', () => {
  const request = (overrides: Record<string, unknown> = {}): string =>
    JSON.stringify({
      reportRequestId: 'rr-1',
      admissionRequestId: 'adm-1',
      pediatricianUid: 'ped-alice',
      ...overrides,
    });

  it('asks the named pediatrician, and only for an admission to the caller school', async () => {
    const h = reportHarness();
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]);
    await rejects(h, h.submit('admin-pine', 'CreateReportRequest', [request()]), 'FORBIDDEN');
    await rejects(h, h.submit('parent-carla', 'CreateReportRequest', [request()]), 'FORBIDDEN');
    await rejects(h, h.submit('admin-oak', 'CreateReportRequest', [request({ admissionRequestId: 'x' })]), 'NOT_FOUND');
    await rejects(h, h.submit('admin-oak', 'CreateReportRequest', [request({ extra: true })]), 'INVALID_ARGUMENT');
    const created = ReportRequest.parse(await h.submitJson('admin-oak', 'CreateReportRequest', [request()]));
    expect(created).toMatchObject({ status: 'requested', childId: 'child-a', schoolId: 'oak-primary' });
    expect(await noticesOf(h, 'ped-alice', [lastTxId(h)])).toEqual([
      { txId: lastTxId(h), kind: 'report-requested', refs: { reportRequestId: 'rr-1' } },
    ]);
    expect(await lastNoticeKind(h, 'ped-bruno')).toBeNull();
    await rejects(h, h.submit('admin-oak', 'CreateReportRequest', [request()]), 'CONFLICT');
    expect(await h.evaluateAllPages('ped-alice', 'ListMyReportRequests')).toHaveLength(1);
    expect(await h.evaluateAllPages('ped-alice', 'ListMyAdmissionRequests')).toHaveLength(1);
    expect(await h.evaluateAllPages('ped-bruno', 'ListMyReportRequests')).toEqual([]);
    expect(await h.evaluateAllPages('parent-carla', 'ListMyReportRequests')).toHaveLength(1);
  });

  it('lets only the named pediatrician decline, with a reason, once', async () => {
    const h = reportHarness();
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]);
    await h.submit('admin-oak', 'CreateReportRequest', [request()]);
    await rejects(h, h.submit('ped-bruno', 'DeclineReportRequest', ['rr-1', 'Not my patient']), 'FORBIDDEN');
    await rejects(h, h.submit('ped-alice', 'DeclineReportRequest', ['rr-1', ' ']), 'INVALID_ARGUMENT');
    const declined = ReportRequest.parse(
      await h.submitJson('ped-alice', 'DeclineReportRequest', ['rr-1', 'Not my patient']),
    );
    expect(declined.status).toBe('declined');
    await rejects(h, h.submit('ped-alice', 'DeclineReportRequest', ['rr-1', 'again']), 'CONFLICT');
    await rejects(h, h.submit('ped-alice', 'CreateReport', ['rep-1', 'rr-1'], { transient: transient() }), 'CONFLICT');
  });
});

describe('CreateReport', () => {
  it('stores the body privately, only its salted hash publicly, and nothing on School peer', async () => {
    const h = reportHarness();
    await readyReport(h);
    const report = Report.parse(await h.evaluateAllPages('ped-alice', 'ListMyReports').then((r) => r[0]));
    expect(report).toMatchObject({ status: 'ready', guardianUids: ['parent-carla', 'parent-diego'], permissions: [] });
    expect(report.provenance).toMatchObject({ sourceChannel: 'medical', cardVersion: 4, cardTxId: 'f'.repeat(64) });
    const hash = h.ledger.privateHashes.get(REPORT_BODIES_COLLECTION)?.values().next().value;
    expect(Buffer.from(hash ?? []).toString('hex')).toBe(report.provenance.bodyHash);
    expect(REPORT_ENDORSERS.CreateReport).not.toContain('SchoolMSP');
    expect(schoolPeerBytes(h)).not.toContain(CANARY);
    for (const guardian of ['parent-carla', 'parent-diego'] as const) {
      expect(await noticesOf(h, guardian, [lastTxId(h)])).toEqual([
        { txId: lastTxId(h), kind: 'report-ready', refs: { reportId: 'rep-1' } },
      ]);
    }
    for (const other of ['parent-emma', 'admin-oak', 'ped-alice'] as const) {
      expect(await lastNoticeKind(h, other)).toBeNull();
    }
  });

  it('rejects other callers, missing or malformed bodies, a body for another child, and duplicates', async () => {
    const h = reportHarness();
    await h.submit('parent-carla', 'CreateAdmissionRequest', [admission()]);
    const request = { reportRequestId: 'rr-1', admissionRequestId: 'adm-1', pediatricianUid: 'ped-alice' };
    await h.submit('admin-oak', 'CreateReportRequest', [JSON.stringify(request)]);
    const create = (
      who: 'ped-alice' | 'ped-bruno' | 'parent-carla',
      t: Record<string, string>,
      id = 'rep-1',
    ): Promise<string> => h.submit(who, 'CreateReport', [id, 'rr-1'], { transient: t });
    await rejects(h, create('ped-bruno', transient()), 'FORBIDDEN');
    await rejects(h, create('parent-carla', transient()), 'FORBIDDEN');
    await rejects(h, create('ped-alice', {}), 'INVALID_ARGUMENT');
    await rejects(h, create('ped-alice', { report: '{' }), 'INVALID_ARGUMENT');
    await rejects(h, create('ped-alice', transient({ ...envelope(), salt: 'short' })), 'INVALID_ARGUMENT');
    await rejects(h, create('ped-alice', transient(envelope({ childId: 'child-b' }))), 'INVALID_ARGUMENT');
    await rejects(h, create('ped-alice', transient(), 'bad id'), 'INVALID_ARGUMENT');
    await create('ped-alice', transient());
    await rejects(h, create('ped-alice', transient()), 'CONFLICT');
  });
});

describe('ApproveReport', () => {
  it('copies the body to School implicit collection for the named schools only', async () => {
    const h = reportHarness();
    await readyReport(h);
    const approved = Report.parse(
      await h.submitJson('parent-diego', 'ApproveReport', ['rep-1', oakOnly, UNTIL], { transient: transient() }),
    );
    expect(approved.status).toBe('approved');
    expect(approved.permissions).toEqual([
      { schoolId: 'oak-primary', validUntil: UNTIL, grantedBy: 'parent-diego', grantedAt: '2025-03-01T09:00:00.000Z' },
    ]);
    expect([...(h.ledger.privateData.get(SCHOOL_COLLECTION)?.keys() ?? [])]).toHaveLength(1);
    expect(REPORT_ENDORSERS.ApproveReport).toEqual(['ParentsMSP', 'SchoolMSP']);
    expect(await noticesOf(h, 'admin-oak', [lastTxId(h)])).toEqual([
      { txId: lastTxId(h), kind: 'report-approved', refs: { reportId: 'rep-1' } },
    ]);
    // Pine was not chosen, and learns neither that nor which school was.
    expect(await lastNoticeKind(h, 'admin-pine')).toBeNull();
  });

  it('accepts the envelope in any JSON key order (it is canonicalized before hashing)', async () => {
    const h = reportHarness();
    await readyReport(h);
    const e = envelope();
    const reordered = JSON.stringify({ body: { ...e.body }, salt: e.salt });
    await h.submit('parent-carla', 'ApproveReport', ['rep-1', oakOnly, UNTIL], { transient: { report: reordered } });
  });

  it('rejects strangers, a tampered body, bad schools or dates, and a revoked report', async () => {
    const h = reportHarness();
    await readyReport(h);
    const approve = (
      who: 'parent-carla' | 'parent-emma' | 'admin-oak' | 'ped-alice',
      args: unknown[],
      t = transient(),
    ): Promise<string> => h.submit(who, 'ApproveReport', args, { transient: t });
    await rejects(h, approve('parent-emma', ['rep-1', oakOnly, UNTIL]), 'FORBIDDEN');
    await rejects(h, approve('admin-oak', ['rep-1', oakOnly, UNTIL]), 'FORBIDDEN');
    await rejects(h, approve('ped-alice', ['rep-1', oakOnly, UNTIL]), 'FORBIDDEN');
    await rejects(h, approve('parent-carla', ['rep-9', oakOnly, UNTIL]), 'NOT_FOUND');
    const tampered = transient(envelope({ fitnessForSchool: { fit: false, statement: 'Changed' } }));
    await rejects(h, approve('parent-carla', ['rep-1', oakOnly, UNTIL], tampered), 'INVALID_ARGUMENT');
    await rejects(h, approve('parent-carla', ['rep-1', oakOnly, UNTIL], {}), 'INVALID_ARGUMENT');
    await rejects(h, approve('parent-carla', ['rep-1', '[]', UNTIL]), 'INVALID_ARGUMENT');
    await rejects(h, approve('parent-carla', ['rep-1', '["oak-primary","oak-primary"]', UNTIL]), 'INVALID_ARGUMENT');
    await rejects(h, approve('parent-carla', ['rep-1', oakOnly, '2025-02-01T00:00:00Z']), 'INVALID_ARGUMENT');
    await rejects(h, approve('parent-carla', ['rep-1', oakOnly, 'tomorrow']), 'INVALID_ARGUMENT');
    await approve('parent-carla', ['rep-1', oakOnly, UNTIL]);
    await h.submit('parent-carla', 'RevokeReportPermission', ['rep-1', 'oak-primary']);
    await rejects(h, approve('parent-carla', ['rep-1', oakOnly, UNTIL]), 'CONFLICT');
  });
});

describe('OpenReport, ReadReport and GetReadReceipts', () => {
  it('lets the permitted school open and read the body; the other school cannot', async () => {
    const h = reportHarness();
    await approvedForOak(h);
    await rejects(h, h.evaluate('admin-oak', 'ReadReport', ['rep-1']), 'FORBIDDEN');
    const receipt = ReadReceipt.parse(await h.submitJson('admin-oak', 'OpenReport', ['rep-1']));
    expect(receipt).toMatchObject({ schoolId: 'oak-primary', uid: 'admin-oak' });
    expect(await noticesOf(h, 'parent-carla', [lastTxId(h)])).toEqual([
      { txId: lastTxId(h), kind: 'report-opened', refs: { reportId: 'rep-1', schoolId: 'oak-primary' } },
    ]);
    expect(await lastNoticeKind(h, 'admin-oak')).toBeNull();
    const read = (await h.evaluateJson('admin-oak', 'ReadReport', ['rep-1'])) as { report: unknown; body: unknown };
    expect(read.body).toEqual(envelope().body);
    expect(read.report).not.toHaveProperty('guardianUids');
    await rejects(h, h.submit('admin-pine', 'OpenReport', ['rep-1']), 'FORBIDDEN');
    await rejects(h, h.evaluate('admin-pine', 'ReadReport', ['rep-1']), 'FORBIDDEN');
    expect(await h.evaluateAllPages('admin-pine', 'ListMyReports')).toEqual([]);
    expect(await h.evaluateAllPages('admin-oak', 'ListMyReports')).toHaveLength(1);
  });

  it('gives guardians and the pediatrician the envelope, and guardians the receipts', async () => {
    const h = reportHarness();
    await approvedForOak(h);
    await h.submit('admin-oak', 'OpenReport', ['rep-1']);
    for (const who of ['parent-carla', 'parent-diego', 'ped-alice'] as const) {
      const read = (await h.evaluateJson(who, 'ReadReport', ['rep-1'])) as { envelope: unknown };
      expect(ReportEnvelope.parse(read.envelope)).toEqual(envelope());
    }
    const receipts = (await h.evaluateJson('parent-diego', 'GetReadReceipts', ['rep-1'])) as unknown[];
    expect(receipts).toEqual([expect.objectContaining({ schoolId: 'oak-primary', uid: 'admin-oak' })]);
    for (const who of ['ped-alice', 'admin-oak', 'parent-emma'] as const) {
      await rejects(h, h.evaluate(who, 'GetReadReceipts', ['rep-1']), 'FORBIDDEN');
    }
    for (const who of ['ped-bruno', 'parent-emma'] as const) {
      await rejects(h, h.evaluate(who, 'ReadReport', ['rep-1']), 'FORBIDDEN');
    }
  });

  it('refuses schools once the permission has expired', async () => {
    const h = reportHarness();
    await approvedForOak(h);
    h.now = new Date(Date.parse(UNTIL) + DAY);
    await rejects(h, h.submit('admin-oak', 'OpenReport', ['rep-1']), 'FORBIDDEN');
    await rejects(h, h.evaluate('admin-oak', 'ReadReport', ['rep-1']), 'FORBIDDEN');
  });

  it('refuses a school on a report that is only ready', async () => {
    const h = reportHarness();
    await readyReport(h);
    await rejects(h, h.submit('admin-oak', 'OpenReport', ['rep-1']), 'FORBIDDEN');
  });
});

describe('RevokeReportPermission', () => {
  it('purges the school copy and refuses the school at once', async () => {
    const h = reportHarness();
    await approvedForOak(h);
    await h.submit('admin-oak', 'OpenReport', ['rep-1']);
    await rejects(h, h.submit('parent-emma', 'RevokeReportPermission', ['rep-1', 'oak-primary']), 'FORBIDDEN');
    await rejects(h, h.submit('admin-oak', 'RevokeReportPermission', ['rep-1', 'oak-primary']), 'FORBIDDEN');
    await rejects(h, h.submit('parent-carla', 'RevokeReportPermission', ['rep-1', 'pine-elementary']), 'CONFLICT');
    const revoked = Report.parse(
      await h.submitJson('parent-carla', 'RevokeReportPermission', ['rep-1', 'oak-primary']),
    );
    expect(revoked).toMatchObject({ status: 'revoked', permissions: [] });
    expect(h.ledger.purged).toHaveLength(1);
    expect(h.ledger.privateData.get(SCHOOL_COLLECTION)?.size).toBe(0);
    expect(await lastNoticeKind(h, 'admin-oak')).toBe('report-revoked');
    expect(await lastNoticeKind(h, 'admin-pine')).toBeNull();
    await rejects(h, h.evaluate('admin-oak', 'ReadReport', ['rep-1']), 'FORBIDDEN');
    await rejects(h, h.submit('admin-oak', 'OpenReport', ['rep-1']), 'FORBIDDEN');
    await rejects(h, h.submit('parent-carla', 'RevokeReportPermission', ['rep-1', 'oak-primary']), 'CONFLICT');
  });

  it('keeps the report approved while another school still holds a permission', async () => {
    const h = reportHarness();
    await readyReport(h);
    const both = JSON.stringify(['oak-primary', 'pine-elementary']);
    await h.submit('parent-carla', 'ApproveReport', ['rep-1', both, UNTIL], { transient: transient() });
    const after = Report.parse(await h.submitJson('parent-carla', 'RevokeReportPermission', ['rep-1', 'oak-primary']));
    expect(after.status).toBe('approved');
    expect(after.permissions.map((p) => p.schoolId)).toEqual(['pine-elementary']);
    await h.submit('admin-pine', 'OpenReport', ['rep-1']);
    expect(((await h.evaluateJson('admin-pine', 'ReadReport', ['rep-1'])) as { body: unknown }).body).toEqual(
      envelope().body,
    );
  });
});

describe('PublishDirectoryEntry, WithdrawDirectoryEntry and ListDirectory', () => {
  /** A second admin of Oak Primary (admins of one school share its entry). */
  const oakSecond = {
    mspId: 'SchoolMSP',
    attributes: { uid: 'admin-oak-2', role: 'school-admin', schoolId: 'oak-primary' },
  };

  const list = async (
    h: ChaincodeHarness,
    who: 'parent-carla' | 'ped-bruno' | 'admin-pine',
    kind: string,
  ): Promise<DirectoryEntry[]> => DirectoryEntry.array().parse(await h.evaluateJson(who, 'ListDirectory', [kind]));

  it('publishes a pediatrician under the uid of the certificate, with the transaction time', async () => {
    const h = reportHarness();
    const entry = DirectoryEntry.parse(
      await h.submitJson('ped-alice', 'PublishDirectoryEntry', ['  Dr Alice Moreau ']),
    );
    expect(entry).toEqual({
      kind: 'pediatrician',
      id: 'ped-alice',
      displayName: 'Dr Alice Moreau',
      org: 'hospital',
      updatedAt: '2025-03-01T09:00:00.000Z',
      updatedBy: 'ped-alice',
    });
    // Public, and news to nobody in particular: no notice.
    expect(await lastNoticeKind(h, 'parent-carla')).toBeNull();
    expect(await list(h, 'parent-carla', 'pediatrician')).toEqual([entry]);
    expect(await list(h, 'parent-carla', 'school')).toEqual([]);
  });

  it('publishes a school under the schoolId of the certificate; its admins share the entry, last write wins', async () => {
    const h = reportHarness();
    const first = DirectoryEntry.parse(await h.submitJson('admin-oak', 'PublishDirectoryEntry', ['Oak Primary']));
    expect(first).toMatchObject({ kind: 'school', id: 'oak-primary', org: 'school', updatedBy: 'admin-oak' });
    h.advance(60_000);
    const second = DirectoryEntry.parse(await h.submitJson(oakSecond, 'PublishDirectoryEntry', ['Oak Primary School']));
    expect(second).toMatchObject({ id: 'oak-primary', displayName: 'Oak Primary School', updatedBy: 'admin-oak-2' });
    expect(second.updatedAt).toBe('2025-03-01T09:01:00.000Z');
    expect(await list(h, 'ped-bruno', 'school')).toEqual([second]);
    // The other admin withdraws the shared entry.
    expect(DirectoryEntry.parse(await h.submitJson('admin-oak', 'WithdrawDirectoryEntry', []))).toEqual(second);
    expect(await lastNoticeKind(h, 'ped-bruno')).toBeNull();
    expect(await list(h, 'ped-bruno', 'school')).toEqual([]);
  });

  it("reads the caller's own entry alone (a school admin's: the school's), null while none; parents have none", async () => {
    const h = reportHarness();
    const mine = async (who: 'ped-alice' | 'admin-oak' | typeof oakSecond): Promise<DirectoryEntry | null> =>
      DirectoryEntry.nullable().parse(await h.evaluateJson(who, 'ReadMyDirectoryEntry', []));
    expect(await mine('ped-alice')).toBeNull();
    const alice = DirectoryEntry.parse(await h.submitJson('ped-alice', 'PublishDirectoryEntry', ['Dr Alice Moreau']));
    await h.submit('ped-bruno', 'PublishDirectoryEntry', ['Dr Bruno Keller']);
    const oak = DirectoryEntry.parse(await h.submitJson('admin-oak', 'PublishDirectoryEntry', ['Oak Primary']));
    expect(await mine('ped-alice')).toEqual(alice);
    expect(await mine(oakSecond)).toEqual(oak);
    await rejects(h, h.evaluate('parent-carla', 'ReadMyDirectoryEntry', []), 'FORBIDDEN');
    await h.submit('ped-alice', 'WithdrawDirectoryEntry', []);
    expect(await mine('ped-alice')).toBeNull();
  });

  it('lists one kind, sorted by display name (case-insensitive) then id, to every role', async () => {
    const h = reportHarness();
    await h.submit('ped-bruno', 'PublishDirectoryEntry', ['dr Bruno Keller']);
    await h.submit('ped-alice', 'PublishDirectoryEntry', ['Dr Alice Moreau']);
    await h.submit('admin-pine', 'PublishDirectoryEntry', ['Pine Elementary']);
    await h.submit('admin-oak', 'PublishDirectoryEntry', ['Oak Primary']);
    for (const who of ['parent-carla', 'ped-bruno', 'admin-pine'] as const) {
      expect((await list(h, who, 'pediatrician')).map((e) => e.id)).toEqual(['ped-alice', 'ped-bruno']);
      expect((await list(h, who, 'school')).map((e) => e.id)).toEqual(['oak-primary', 'pine-elementary']);
    }
    // Same name: the id decides.
    await h.submit('ped-bruno', 'PublishDirectoryEntry', ['Dr Alice Moreau']);
    expect((await list(h, 'parent-carla', 'pediatrician')).map((e) => e.id)).toEqual(['ped-alice', 'ped-bruno']);
  });

  it('refuses parents, foreign-MSP roles, bad names and kinds, and withdrawing a missing entry', async () => {
    const h = reportHarness();
    await rejects(h, h.submit('parent-carla', 'PublishDirectoryEntry', ['Carla']), 'FORBIDDEN');
    await rejects(h, h.submit('parent-carla', 'WithdrawDirectoryEntry', []), 'FORBIDDEN');
    // A pediatrician role issued by School's CA is no pediatrician, and cannot list a school either.
    const fakePed = { mspId: 'SchoolMSP', attributes: { uid: 'ped-alice', role: 'pediatrician' } };
    await rejects(h, h.submit(fakePed, 'PublishDirectoryEntry', ['Dr Fake']), 'FORBIDDEN');
    const noSchool = { mspId: 'SchoolMSP', attributes: { uid: 'admin-x', role: 'school-admin' } };
    await rejects(h, h.submit(noSchool, 'PublishDirectoryEntry', ['Nowhere']), 'FORBIDDEN');
    for (const bad of ['', '  ', 'a\u0000b', 'two\nlines', 'x'.repeat(81), 42]) {
      await rejects(h, h.submit('ped-alice', 'PublishDirectoryEntry', [bad]), 'INVALID_ARGUMENT');
    }
    // Arguments are checked before the caller: a parent with a bad name gets INVALID_ARGUMENT.
    await rejects(h, h.submit('parent-carla', 'PublishDirectoryEntry', ['']), 'INVALID_ARGUMENT');
    await rejects(h, h.submit('ped-alice', 'WithdrawDirectoryEntry', []), 'NOT_FOUND');
    // 80 characters is the limit, not beyond it.
    await h.submit('ped-alice', 'PublishDirectoryEntry', ['x'.repeat(80)]);
    await h.submit('ped-alice', 'WithdrawDirectoryEntry', []);
    await rejects(h, h.submit('ped-alice', 'WithdrawDirectoryEntry', []), 'NOT_FOUND');
    await expect(h.evaluate('parent-carla', 'ListDirectory', ['parent'])).rejects.toThrow(/^INVALID_ARGUMENT: /);
    await expect(h.evaluate(fakePed, 'ListDirectory', ['school'])).rejects.toThrow(/^FORBIDDEN: /);
  });

  it('a pediatrician withdraws only their own entry, never a school or a colleague', async () => {
    const h = reportHarness();
    await h.submit('ped-alice', 'PublishDirectoryEntry', ['Dr Alice Moreau']);
    await h.submit('admin-oak', 'PublishDirectoryEntry', ['Oak Primary']);
    await rejects(h, h.submit('ped-bruno', 'WithdrawDirectoryEntry', []), 'NOT_FOUND');
    await h.submit('ped-alice', 'WithdrawDirectoryEntry', []);
    expect(await list(h, 'parent-carla', 'pediatrician')).toEqual([]);
    expect((await list(h, 'parent-carla', 'school')).map((e) => e.id)).toEqual(['oak-primary']);
  });
});

describe('Ping', () => {
  it('reports the channel and the caller', async () => {
    const h = reportHarness();
    expect(await h.evaluateJson('admin-oak', 'Ping')).toEqual({
      channel: 'report',
      caller: { mspId: 'SchoolMSP', uid: 'admin-oak', role: 'school-admin', schoolId: 'oak-primary' },
    });
  });
});

describe('ReplaceReport', () => {
  const newer = (): ReportEnvelope =>
    envelope({
      allergies: [
        { substance: 'Peanuts', reaction: 'Hives', severity: 'severe' },
        { substance: 'Penicillin', reaction: 'Rash', severity: 'moderate' },
      ],
      source: { channel: 'medical', cardVersion: 5, cardTxId: 'e'.repeat(64) },
    });

  it('issues a new ready report for the same request and marks the old one superseded, for schools too', async () => {
    const h = reportHarness();
    await approvedForOak(h);
    const replacement = Report.parse(
      await h.submitJson('ped-alice', 'ReplaceReport', ['rep-2', 'rep-1'], { transient: transient(newer()) }),
    );
    expect(replacement).toMatchObject({
      reportId: 'rep-2',
      reportRequestId: 'rr-1',
      status: 'ready',
      permissions: [],
      replaces: 'rep-1',
      provenance: { cardVersion: 5 },
    });
    expect(REPORT_ENDORSERS.ReplaceReport).not.toContain('SchoolMSP');
    expect(schoolPeerBytes(h)).not.toContain('Penicillin');
    for (const guardian of ['parent-carla', 'parent-diego'] as const) {
      expect(await lastNoticeKind(h, guardian)).toBe('report-ready');
    }
    const old = PartyReportRead.parse(await h.evaluateJson('parent-carla', 'ReadReport', ['rep-1'])).report;
    expect(old.supersededBy).toBe('rep-2');
    expect(old.status).toBe('approved');
    expect(old.changes.at(-1)).toMatchObject({ by: 'ped-alice', reason: 'superseded by rep-2' });
    // Oak keeps what it was allowed to read, and sees that it was replaced.
    await h.submit('admin-oak', 'OpenReport', ['rep-1']);
    const forOak = SchoolReportRead.parse(await h.evaluateJson('admin-oak', 'ReadReport', ['rep-1']));
    expect(forOak.report.supersededBy).toBe('rep-2');
    const request = ReportRequest.parse(
      (await h.evaluateAllPages('ped-alice', 'ListMyReportRequests')).find(
        (r) => (r as ReportRequest).reportRequestId === 'rr-1',
      ),
    );
    expect(request.reportId).toBe('rep-2');
    // The guardians approve the new body for a school; the old one can no longer be approved.
    await rejects(
      h,
      h.submit('parent-carla', 'ApproveReport', ['rep-1', oakOnly, UNTIL], { transient: transient() }),
      'CONFLICT',
    );
    await h.submit('parent-carla', 'ApproveReport', ['rep-2', oakOnly, UNTIL], { transient: transient(newer()) });
  });

  it('refuses other callers, older card versions, other children, revoked or replaced reports, writing nothing', async () => {
    const h = reportHarness();
    await approvedForOak(h);
    const replace = (
      who: 'ped-alice' | 'ped-bruno' | 'parent-carla',
      e: ReportEnvelope,
      id = 'rep-2',
    ): Promise<string> => h.submit(who, 'ReplaceReport', [id, 'rep-1'], { transient: transient(e) });
    await rejects(h, replace('ped-bruno', newer()), 'FORBIDDEN');
    await rejects(h, replace('parent-carla', newer()), 'FORBIDDEN');
    await rejects(h, replace('ped-alice', envelope()), 'CONFLICT');
    await rejects(
      h,
      replace('ped-alice', { ...newer(), body: { ...newer().body, childId: 'child-b' } }),
      'INVALID_ARGUMENT',
    );
    await rejects(h, replace('ped-alice', newer(), 'rep-1'), 'CONFLICT');
    await rejects(
      h,
      h.submit('ped-alice', 'ReplaceReport', ['rep-2', 'rep-9'], { transient: transient(newer()) }),
      'NOT_FOUND',
    );
    await replace('ped-alice', newer());
    await rejects(h, replace('ped-alice', newer(), 'rep-3'), 'CONFLICT');
    const revoked = reportHarness();
    await approvedForOak(revoked);
    await revoked.submit('parent-carla', 'RevokeReportPermission', ['rep-1', 'oak-primary']);
    await rejects(
      revoked,
      revoked.submit('ped-alice', 'ReplaceReport', ['rep-2', 'rep-1'], { transient: transient(newer()) }),
      'CONFLICT',
    );
  });
});
