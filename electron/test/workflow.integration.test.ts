// The whole story through the app's services on the real network: agreement → card updates → history → admission →
// accept → report request → report → approval for Oak Primary → Oak opens it, Pine cannot → receipt → revoke →
// refused. Fresh ids per run, so the test reruns on the same ledger.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toSerializableError } from '../../shared/errors.ts';
import { EndorsementRefusedError } from '../main/fabric/errors.ts';
import { filesWithKeyMaterial } from '../main/identity/testing/scanForKeyMaterial.ts';
import type { TxProgress } from '../main/workflow/txProgress.ts';
import { INVALID_INPUT } from '../main/util/validateInput.ts';
import { connectDemoUser, removeAllIdentities, type DemoSession } from './demoSession.ts';
import { callAs } from './workflowRouter.ts';

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`;
const ids = {
  childId: `child-${run}`,
  agreementId: `agr-${run}`,
  agreement2Id: `agr2-${run}`,
  admissionId: `adm-${run}`,
  reportRequestId: `rr-${run}`,
  reportRequest2Id: `rr2-${run}`,
  reportId: `rep-${run}`,
};
const today = new Date().toISOString().slice(0, 10);
const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString();

let dataDir: string;
const progress: TxProgress[] = [];
const sessions: Record<string, DemoSession> = {};

function as(uid: string): DemoSession {
  const session = sessions[uid];
  if (session === undefined) throw new Error(`no session for ${uid}`);
  return session;
}

/**
 * The ids `list` answers once `id` is among them, or after two minutes whatever it answers. A school reads on its own
 * organisation's peer, which may commit a write made through another organisation's gateway (a guardian's request or
 * approval) a moment after that gateway answered; on a busy machine that moment can be seconds.
 */
async function idsOnceListed<T>(list: () => Promise<T[]>, idOf: (item: T) => string, id: string): Promise<string[]> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const ids = (await list()).map(idOf);
    if (ids.includes(id) || Date.now() > deadline) return ids;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

async function refusal(promise: Promise<unknown>): Promise<EndorsementRefusedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EndorsementRefusedError);
  return error as EndorsementRefusedError;
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pediledger-workflow-'));
  const keychainService = `PediLedger-test-${run}`;
  for (const uid of ['ped-alice', 'ped-bruno', 'parent-carla', 'parent-diego', 'admin-oak', 'admin-pine']) {
    sessions[uid] = await connectDemoUser(uid, {
      dataDir,
      keychainService,
      onProgress: (p) => progress.push(p),
    });
  }
});

afterAll(async () => {
  const identities = sessions['ped-alice']?.identities;
  for (const session of Object.values(sessions)) session.close();
  if (identities !== undefined) await removeAllIdentities(identities);
  // No private key may be left in the app data folder the services wrote (checkpoints, profiles, identity list).
  expect(await filesWithKeyMaterial(dataDir)).toEqual([]);
  await rm(dataDir, { recursive: true, force: true });
});

describe('workflow API on the real network', () => {
  it('runs the agreement and card story on medical', async () => {
    const proposed = await as('parent-carla').agreements.proposeAgreement({
      agreementId: ids.agreementId,
      childId: ids.childId,
      pediatricianUid: 'ped-alice',
      purpose: 'Primary pediatric care',
      validUntil: inAYear,
      child: { givenName: 'Lia', familyName: 'Rossi', birthDate: '2019-05-04', sex: 'female' },
    });
    expect(proposed.value.status).toBe('proposed');
    expect(proposed.txId).toMatch(/^[0-9a-f]{64}$/);
    const stages = progress.filter((p) => p.txId === proposed.txId).map((p) => p.stage);
    expect(stages).toEqual(['endorsing', 'endorsed', 'submitted', 'committed']);

    await as('parent-carla').children.addGuardian(ids.childId, 'parent-diego');
    expect((await as('ped-alice').agreements.acceptAgreement(ids.agreementId)).value.status).toBe('active');

    const alice = as('ped-alice');
    await alice.cards.recordMeasurement(ids.childId, { date: today, heightCm: 110.5, weightKg: 19.2 });
    const childId = ids.childId;
    await alice.cards.recordEntry({
      kind: 'immunization',
      childId,
      entry: { vaccine: 'MMR', dose: 2, date: '2024-06-01' },
    });
    await alice.cards.recordEntry({
      kind: 'allergy',
      childId,
      entry: { substance: 'Peanuts', reaction: 'Hives', severity: 'severe' },
    });
    await alice.cards.recordEntry({
      kind: 'condition',
      childId,
      entry: { name: 'Asthma', icd10: 'J45.909', notes: 'mild, seasonal' },
    });
    const note = await alice.cards.recordEntry({
      kind: 'visitNote',
      childId,
      entry: { date: today, text: 'Routine check.\nAll well.' },
    });
    expect(note.value).toMatchObject({ kind: 'visitNote', childId: ids.childId, recordedBy: 'ped-alice' });
    expect(note.value.txId).toBe(note.txId);

    // Diego is a guardian too: he reads the same card.
    const seen = await as('parent-diego').cards.readMedicalCard(ids.childId);
    expect(seen.allergies.map((a) => a.substance)).toEqual(['Peanuts']);
    expect(seen).toMatchObject({ version: 6, txId: note.txId, format: 2 });
    const history = await as('parent-carla').cards.getMedicalCardHistory(ids.childId, { pageSize: 3 });
    expect(history.items.map((e) => e.kind)).toEqual(['visitNote', 'condition', 'allergy']);
    expect(history.items.every((e) => e.txId.length === 64)).toBe(true);
    const rest = await as('parent-carla').cards.getMedicalCardHistory(ids.childId, { bookmark: history.bookmark });
    expect(rest.items.map((e) => e.kind)).toEqual(['immunization', 'measurement']);
    expect(rest.bookmark).toBe('');

    expect((await as('parent-diego').children.listMyChildren()).map((c) => c.childId)).toContain(ids.childId);
    expect((await alice.agreements.listMyAgreements()).map((a) => a.agreementId)).toContain(ids.agreementId);
    expect((await as('ped-alice').children.listMyChildren()).map((c) => c.childId)).toContain(ids.childId);
  });

  it('commits six concurrent writers of one card, each entry exactly once', async () => {
    const alice = as('ped-alice');
    const before = (await alice.cards.readMedicalCard(ids.childId)).measurements.length;
    // Six writes endorsed at the same moment. Entries are their own records, so none reads what another writes: all
    // six commit (a transient conflict, if one happens at all, is retried by the submitter).
    const dates = ['2025-01-10', '2025-02-10', '2025-03-10', '2025-04-10', '2025-05-10', '2025-06-10'];
    const seenBefore = progress.length;
    const results = await Promise.all(
      dates.map((date, index) => alice.cards.recordMeasurement(ids.childId, { date, weightKg: 19.5 + index })),
    );
    const card = await alice.cards.readMedicalCard(ids.childId);
    expect(card.measurements.length).toBe(before + 6);
    expect(card.measurements.map((m) => m.date)).toEqual(expect.arrayContaining(dates));
    expect(new Set(results.map((r) => r.value.entryId)).size).toBe(6);
    const conflicts = progress
      .slice(seenBefore)
      .filter((p) => p.stage === 'failed' && p.error?.details?.['validationCodeName'] === 'MVCC_READ_CONFLICT');
    expect(conflicts).toEqual([]);
    for (const result of results) {
      expect(progress).toContainEqual(expect.objectContaining({ txId: result.txId, stage: 'committed' }));
    }
  });

  it('records an entry once when its write is repeated with the same id', async () => {
    const alice = as('ped-alice');
    const entryId = `entry-${run}`;
    const latex = { substance: 'Latex', reaction: 'Rash', severity: 'mild' } as const;
    const first = await alice.cards.recordEntry({ kind: 'allergy', childId: ids.childId, entry: latex, entryId });
    // The same write again (an earlier try whose outcome the app lost): the chaincode refuses the duplicate id, and
    // reconcile finds the same content under it, so the answer is the entry already recorded.
    const again = await alice.cards.recordEntry({ kind: 'allergy', childId: ids.childId, entry: latex, entryId });
    expect(again.value).toEqual(first.value);
    const card = await alice.cards.readMedicalCard(ids.childId);
    expect(card.allergies.filter((a) => a.entryId === entryId)).toHaveLength(1);
    // Other content under the same id is a real conflict.
    const other = await refusal(
      alice.cards.recordEntry({
        kind: 'allergy',
        childId: ids.childId,
        entry: { substance: 'Pollen', reaction: 'Rash', severity: 'mild' },
        entryId,
      }),
    );
    expect(other.chaincodeCode).toBe('CONFLICT');
  });

  it('refuses what the chaincode refuses, with its code, and bad input before signing', async () => {
    const bruno = await refusal(as('ped-bruno').cards.readMedicalCard(ids.childId));
    expect(bruno.chaincodeCode).toBe('FORBIDDEN');
    expect(toSerializableError(bruno)).toMatchObject({
      code: 'ENDORSEMENT_REFUSED',
      details: { chaincodeCode: 'FORBIDDEN' },
    });
    const noMeasure = { kind: 'measurement', childId: ids.childId, entry: { date: today } };
    expect(await callAs(as('ped-alice'), 'card:recordEntry', noMeasure)).toMatchObject({
      ok: false,
      error: { code: INVALID_INPUT },
    });

    // A second agreement, declined by Bruno, and a third one terminated by its parent.
    await as('parent-carla').agreements.proposeAgreement({
      agreementId: ids.agreement2Id,
      childId: ids.childId,
      pediatricianUid: 'ped-bruno',
      purpose: 'Second opinion',
      validUntil: inAYear,
    });
    const declined = await as('ped-bruno').agreements.declineAgreement(ids.agreement2Id, 'No capacity');
    expect(declined.value.status).toBe('declined');
    const third = `agr3-${run}`;
    await as('parent-diego').agreements.proposeAgreement({
      agreementId: third,
      childId: ids.childId,
      pediatricianUid: 'ped-bruno',
      purpose: 'Allergy follow-up',
      validUntil: inAYear,
    });
    expect((await as('parent-diego').agreements.terminateAgreement(third)).value.status).toBe('terminated');
  });

  it('runs admission, report request, report, approval, opening, receipts and revocation on report', async () => {
    const carla = as('parent-carla');
    const admission = await carla.admissions.createAdmissionRequest({
      requestId: ids.admissionId,
      childId: ids.childId,
      childGivenName: 'Lia',
      childFamilyName: 'Rossi',
      childBirthDate: '2019-05-04',
      schoolId: 'oak-primary',
      guardianUids: ['parent-diego'],
    });
    expect(admission.value.guardianUids).toEqual(['parent-carla', 'parent-diego']);
    const oak = as('admin-oak');
    const admissionIds = await idsOnceListed(
      () => oak.admissions.listMyAdmissionRequests(),
      (r) => r.requestId,
      ids.admissionId,
    );
    expect(admissionIds).toContain(ids.admissionId);
    expect((await oak.admissions.decideAdmissionRequest(ids.admissionId, 'accept')).value.status).toBe('accepted');

    await oak.reportRequests.createReportRequest({
      reportRequestId: ids.reportRequestId,
      admissionRequestId: ids.admissionId,
      pediatricianUid: 'ped-alice',
    });
    await oak.reportRequests.createReportRequest({
      reportRequestId: ids.reportRequest2Id,
      admissionRequestId: ids.admissionId,
      pediatricianUid: 'ped-bruno',
    });
    expect(
      (await as('ped-bruno').reportRequests.declineReportRequest(ids.reportRequest2Id, 'Not my patient')).value.status,
    ).toBe('declined');

    const alice = as('ped-alice');
    expect((await alice.reportRequests.listMyReportRequests()).map((r) => r.reportRequestId)).toContain(
      ids.reportRequestId,
    );
    const created = await alice.reports.createReport({
      reportId: ids.reportId,
      reportRequestId: ids.reportRequestId,
      fitness: { fit: true, statement: 'Fit for school; carries an epinephrine pen.' },
    });
    expect(created.value.status).toBe('ready');

    const read = await carla.reports.readReport(ids.reportId);
    expect('envelope' in read && read.envelope?.body.allergies).toEqual([
      { substance: 'Peanuts', reaction: 'Hives', severity: 'severe' },
      { substance: 'Latex', reaction: 'Rash', severity: 'mild' },
    ]);
    // The body names the card state it was built from: the card's version and newest write then.
    const card = await as('ped-alice').cards.readMedicalCard(ids.childId);
    expect('envelope' in read && read.envelope?.body.source).toEqual({
      channel: 'medical',
      cardVersion: card.version,
      cardTxId: card.txId,
    });
    if ('envelope' in read) {
      // Only the minimal body: no visit notes, no condition notes.
      expect(JSON.stringify(read.envelope)).not.toContain('Routine check');
      expect(JSON.stringify(read.envelope)).not.toContain('seasonal');
      expect(read.envelope?.body.latestMeasurement).toEqual({ date: today, heightCm: 110.5, weightKg: 19.2 });
    }
    expect((await carla.reports.listMyReports()).map((r) => r.reportId)).toContain(ids.reportId);

    // Before approval, Oak may not open it.
    expect((await refusal(oak.reports.openReport(ids.reportId))).chaincodeCode).toBe('FORBIDDEN');

    const approved = await as('parent-diego').reports.approveReport({
      reportId: ids.reportId,
      schoolIds: ['oak-primary'],
      validUntil: inAYear,
    });
    expect(approved.value.status).toBe('approved');

    expect(
      await idsOnceListed(
        () => oak.reports.listMyReports(),
        (r) => r.reportId,
        ids.reportId,
      ),
    ).toContain(ids.reportId);
    const receipt = await oak.reports.openReport(ids.reportId);
    expect(receipt.value).toMatchObject({ reportId: ids.reportId, schoolId: 'oak-primary', uid: 'admin-oak' });
    const oakRead = await oak.reports.readReport(ids.reportId);
    expect('body' in oakRead && oakRead.body?.fitnessForSchool.fit).toBe(true);

    const pine = as('admin-pine');
    expect((await refusal(pine.reports.openReport(ids.reportId))).chaincodeCode).toBe('FORBIDDEN');
    expect((await refusal(pine.reports.readReport(ids.reportId))).chaincodeCode).toBe('FORBIDDEN');

    const receipts = await carla.reports.getReadReceipts(ids.reportId);
    expect(receipts.map((r) => r.uid)).toEqual(['admin-oak']);

    const revoked = await carla.reports.revokeReportPermission(ids.reportId, 'oak-primary');
    expect(revoked.value.status).toBe('revoked');
    expect((await refusal(oak.reports.readReport(ids.reportId))).chaincodeCode).toBe('FORBIDDEN');
    expect((await refusal(oak.reports.openReport(ids.reportId))).chaincodeCode).toBe('FORBIDDEN');

    const withdrawn = await as('parent-diego').admissions.withdrawAdmissionRequest(ids.admissionId);
    expect(withdrawn.value.status).toBe('withdrawn');
  });
});
