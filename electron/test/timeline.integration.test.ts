// Issue 15's timeline, stale reports and gestational age through the app's services on the real network: a report
// is approved and opened by Oak; the child's timeline shows the read to the guardians, not to the pediatrician, and
// a school's timeline holds nothing from `medical`. A new allergy makes the report stale for guardians and the
// pediatrician (a school is refused), the pediatrician replaces it in one step, Oak sees the old one superseded and
// the guardians approve the new one. Fresh ids per run, so the test reruns on the same ledger.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EndorsementRefusedError } from '../main/fabric/errors.ts';
import { childTimeline } from '../main/workflow/childTimeline.ts';
import { timelineSources } from '../main/workflow/children.ts';
import { NotAPartyError } from '../main/workflow/partyErrors.ts';
import type { TimelineEvent } from '../main/workflow/schemas.ts';
import { INVALID_INPUT } from '../main/util/validateInput.ts';
import { connectDemoUser, removeAllIdentities, type DemoSession } from './demoSession.ts';
import { eventually } from './eventually.ts';
import { callAs } from './workflowRouter.ts';

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const ids = {
  childId: `tl-child-${run}`,
  agreementId: `tl-agr-${run}`,
  admissionId: `tl-adm-${run}`,
  reportRequestId: `tl-rr-${run}`,
  reportId: `tl-rep-${run}`,
  replacementId: `tl-rep2-${run}`,
};
const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString();

let dataDir: string;
const sessions: Record<string, DemoSession> = {};

function as(uid: string): DemoSession {
  const session = sessions[uid];
  if (session === undefined) throw new Error(`no session for ${uid}`);
  return session;
}

function timelineOf(uid: string): Promise<TimelineEvent[]> {
  const session = as(uid);
  return childTimeline(timelineSources(session), ids.childId);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pediledger-timeline-'));
  const keychainService = `PediLedger-test-${run}`;
  for (const uid of ['ped-alice', 'parent-carla', 'admin-oak']) {
    sessions[uid] = await connectDemoUser(uid, { dataDir, keychainService });
  }
});

afterAll(async () => {
  const identities = sessions['ped-alice']?.identities;
  for (const session of Object.values(sessions)) session.close();
  if (identities !== undefined) await removeAllIdentities(identities);
  await rm(dataDir, { recursive: true, force: true });
});

describe('timeline, stale reports and gestational age on the real network', () => {
  it('records gestational age after registration, refusing bad values before anything is sent', async () => {
    await as('parent-carla').agreements.proposeAgreement({
      agreementId: ids.agreementId,
      childId: ids.childId,
      pediatricianUid: 'ped-alice',
      purpose: 'Primary pediatric care',
      validUntil: inAYear,
      child: { givenName: 'Noa', familyName: 'Rossi', birthDate: '2024-01-10', sex: 'female' },
    });
    await eventually(() => as('ped-alice').agreements.acceptAgreement(ids.agreementId));
    const tooLate = { childId: ids.childId, gestationalAge: { weeks: 45, days: 0 } };
    expect(await callAs(as('ped-alice'), 'child:setGestationalAge', tooLate)).toMatchObject({
      ok: false,
      error: { code: INVALID_INPUT },
    });
    const set = await as('ped-alice').children.setGestationalAge(ids.childId, { weeks: 30, days: 2 });
    expect(set.value.gestationalAge).toEqual({ weeks: 30, days: 2 });
    await eventually(async () => {
      const child = await as('parent-carla').children.readChild(ids.childId);
      expect(child.changes.at(-1)).toMatchObject({ status: 'gestational-age-set', by: 'ped-alice', txId: set.txId });
    });
    const parentRefused = await as('parent-carla')
      .children.setGestationalAge(ids.childId, { weeks: 31, days: 0 })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(parentRefused).toBeInstanceOf(EndorsementRefusedError);
    expect((parentRefused as EndorsementRefusedError).chaincodeCode).toBe('FORBIDDEN');
  });

  it("merges both channels into one timeline per reader: the school's read for guardians, nothing medical for schools", async () => {
    await as('ped-alice').cards.recordEntry({
      kind: 'allergy',
      childId: ids.childId,
      entry: { substance: 'Peanuts', reaction: 'Hives', severity: 'severe' },
    });
    const carla = as('parent-carla');
    await eventually(() =>
      carla.admissions.createAdmissionRequest({
        requestId: ids.admissionId,
        childId: ids.childId,
        childGivenName: 'Noa',
        childFamilyName: 'Rossi',
        childBirthDate: '2024-01-10',
        schoolId: 'oak-primary',
      }),
    );
    const oak = as('admin-oak');
    await eventually(() => oak.admissions.decideAdmissionRequest(ids.admissionId, 'accept'));
    await oak.reportRequests.createReportRequest({
      reportRequestId: ids.reportRequestId,
      admissionRequestId: ids.admissionId,
      pediatricianUid: 'ped-alice',
    });
    await eventually(() =>
      as('ped-alice').reports.createReport({
        reportId: ids.reportId,
        reportRequestId: ids.reportRequestId,
        fitness: { fit: true, statement: 'Fit for school.' },
      }),
    );
    await eventually(() =>
      carla.reports.approveReport({ reportId: ids.reportId, schoolIds: ['oak-primary'], validUntil: inAYear }),
    );
    const receipt = await eventually(() => oak.reports.openReport(ids.reportId));

    const forCarla = await eventually(async () => {
      const events = await timelineOf('parent-carla');
      expect(events[0]?.txId).toBe(receipt.txId);
      return events;
    });
    const kinds = new Set(forCarla.map((e) => e.kind));
    for (const kind of ['child', 'agreement', 'card', 'admission', 'reportRequest', 'report', 'permission', 'read']) {
      expect(kinds).toContain(kind);
    }
    expect(forCarla[0]).toMatchObject({ kind: 'read', by: 'admin-oak', schoolId: 'oak-primary', txId: receipt.txId });
    const instants = forCarla.map((e) => Date.parse(e.at));
    expect(instants).toEqual([...instants].sort((a, b) => b - a));
    expect(forCarla.every((e) => e.txId.length === 64)).toBe(true);

    const forAlice = await timelineOf('ped-alice');
    expect(forAlice.some((e) => e.kind === 'read')).toBe(false);
    expect(forAlice.some((e) => e.kind === 'card')).toBe(true);

    const forOak = await timelineOf('admin-oak');
    expect(forOak.length).toBeGreaterThan(0);
    expect(forOak.every((e) => e.channel === 'report')).toBe(true);
    expect(new Set(forOak.map((e) => e.kind))).toEqual(new Set(['admission', 'reportRequest']));
    // And the medical channel itself refuses the school, whatever path it takes.
    const refused = await as('admin-oak')
      .children.readChild(ids.childId)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(refused).toBeInstanceOf(Error);
    expect(JSON.stringify(forOak)).not.toContain('Peanuts');
  });

  it('flags the report stale after a new allergy, and replaces it in one step', async () => {
    expect((await as('parent-carla').reports.reportStaleness(ids.reportId)).stale).toBe(false);
    await eventually(() =>
      as('ped-alice').cards.recordEntry({
        kind: 'allergy',
        childId: ids.childId,
        entry: { substance: 'Penicillin', reaction: 'Rash', severity: 'moderate' },
      }),
    );
    for (const uid of ['parent-carla', 'ped-alice']) {
      const staleness = await eventually(async () => {
        const answer = await as(uid).reports.reportStaleness(ids.reportId);
        expect(answer.stale).toBe(true);
        return answer;
      });
      expect(staleness).toMatchObject({ stale: true, changes: [{ kind: 'allergy' }] });
      expect(staleness.cardVersion).toBe(staleness.reportCardVersion + 1);
      expect(JSON.stringify(staleness)).not.toContain('Penicillin');
    }
    await expect(as('admin-oak').reports.reportStaleness(ids.reportId)).rejects.toThrow(NotAPartyError);
    await expect(
      as('admin-oak').reports.replaceReport({ reportId: ids.replacementId, replacedReportId: ids.reportId }),
    ).rejects.toThrow(NotAPartyError);

    const replaced = await as('ped-alice').reports.replaceReport({
      reportId: ids.replacementId,
      replacedReportId: ids.reportId,
    });
    expect(replaced.value).toMatchObject({ status: 'ready', replaces: ids.reportId, permissions: [] });
    const read = await eventually(() => as('parent-carla').reports.readReport(ids.replacementId));
    expect('envelope' in read && read.envelope?.body.allergies.map((a) => a.substance)).toEqual([
      'Peanuts',
      'Penicillin',
    ]);
    expect('envelope' in read && read.envelope?.body.fitnessForSchool.statement).toBe('Fit for school.');
    expect((await as('parent-carla').reports.reportStaleness(ids.replacementId)).stale).toBe(false);

    // Oak keeps reading the old body it was allowed, marked superseded, and cannot read the new one yet.
    await eventually(async () => {
      const oakView = (await as('admin-oak').reports.listMyReports()).find((r) => r.reportId === ids.reportId);
      expect(oakView).toMatchObject({ supersededBy: ids.replacementId });
    });
    expect((await as('admin-oak').reports.listMyReports()).some((r) => r.reportId === ids.replacementId)).toBe(false);
    await eventually(() =>
      as('parent-carla').reports.approveReport({
        reportId: ids.replacementId,
        schoolIds: ['oak-primary'],
        validUntil: inAYear,
      }),
    );
    await eventually(async () => {
      expect((await as('admin-oak').reports.listMyReports()).some((r) => r.reportId === ids.replacementId)).toBe(true);
    });

    const forCarla = await eventually(async () => {
      const events = await timelineOf('parent-carla');
      expect(events.some((e) => e.recordId === ids.replacementId)).toBe(true);
      return events;
    });
    expect(forCarla.find((e) => e.recordId === ids.replacementId && e.action === 'ready')).toMatchObject({
      reason: `replaces ${ids.reportId}`,
      txId: replaced.txId,
    });
  });
});
