// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useConnectionStore } from '../stores/connection.ts';
import { testChild } from '../../../domain/src/testing/child.ts';
import { cardEntryRecord, cardRecord, connectedState, installFakeApi, tx, type FakeApi } from '../testing/fake-api.ts';
import { useAdmissionsStore } from './admissions/admissions-store.ts';
import { useAgreementsStore } from './agreements/agreements-store.ts';
import { useCardStore } from './card/card-store.ts';
import { useChildrenStore } from './children/children-store.ts';
import { useReportRequestsStore } from './report-requests/report-requests-store.ts';
import { useReportsStore } from './reports/reports-store.ts';

let fake: FakeApi;
const at = '2026-01-02T10:00:00.000Z';
const agreement = (status: string): Record<string, unknown> => ({
  agreementId: 'agr-1',
  childId: 'child-1',
  pediatricianUid: 'ped-alice',
  guardianUids: ['parent-carla'],
  purpose: 'Care',
  validUntil: '2027-01-01T00:00:00.000Z',
  status,
  changes: [{ status, by: 'parent-carla', at, txId: tx(1) }],
});
const report = (status: string, permissions: unknown[] = []): Record<string, unknown> => ({
  reportId: 'rep-1',
  reportRequestId: 'rrq-1',
  admissionRequestId: 'adm-1',
  childId: 'child-1',
  pediatricianUid: 'ped-alice',
  guardianUids: ['parent-carla'],
  status,
  permissions,
  provenance: { sourceChannel: 'medical', cardVersion: 3, cardTxId: 'abc', bodyHash: 'f'.repeat(64) },
  changes: [{ status: 'ready', by: 'ped-alice', at, txId: tx(2) }],
});

beforeEach(() => {
  setActivePinia(createPinia());
  fake = installFakeApi();
  useConnectionStore().state = connectedState;
});

describe('agreements store', () => {
  it('lists, splits by status and replaces an agreement with the committed one', async () => {
    fake.answer('agreements:listMine', [agreement('proposed')]);
    const agreements = useAgreementsStore();
    await agreements.load();
    expect(agreements.proposed).toHaveLength(1);
    fake.answer('agreement:accept', { txId: tx(3), value: agreement('active') });
    const result = await agreements.accept('agr-1');
    expect(result.txId).toBe(tx(3));
    expect(agreements.proposed).toHaveLength(0);
    expect(agreements.active).toHaveLength(1);
    expect(fake.calls.at(-1)).toEqual({ channel: 'agreement:accept', args: { agreementId: 'agr-1' } });
  });

  it('refuses writes while offline without calling main', async () => {
    useConnectionStore().state = { status: 'disconnected' };
    await expect(useAgreementsStore().decline('agr-1', 'No capacity')).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(fake.calls).toHaveLength(0);
  });

  it('keeps the error DTO of a failed list and rejects records the schema does not accept', async () => {
    const agreements = useAgreementsStore();
    fake.fail('agreements:listMine', { code: 'NOT_CONNECTED', message: 'No identity is connected' });
    await agreements.load();
    expect(agreements.error?.code).toBe('NOT_CONNECTED');
    // A record outside the domain schema never reaches the renderer: main's router answers IPC_INVALID_RESULT
    // (router.test.ts), and the store keeps that error instead of a list.
    fake.fail('agreements:listMine', { code: 'IPC_INVALID_RESULT', message: 'invalid reply' });
    await agreements.load();
    expect(agreements.error?.code).toBe('IPC_INVALID_RESULT');
  });
});

describe('children and card stores', () => {
  it('loads the card, records entries and reloads history', async () => {
    fake.answer('children:listMine', [testChild({ createdAt: at, changes: [] })]);
    const children = useChildrenStore();
    await children.load();
    expect(children.byId.get('child-1')?.givenName).toBe('Mia');

    const measurement = cardEntryRecord('measurement', { date: '2025-01-01', weightKg: 12 }, 2);
    fake.answer(
      'card:read',
      cardRecord({
        version: 2,
        txId: tx(2),
        measurements: [measurement],
        counts: { allergies: 0, conditions: 0, immunizations: 0, measurements: 1, visitNotes: 0 },
      }),
    );
    fake.answer('card:history', { items: [measurement], bookmark: 'next-page' });
    const card = useCardStore();
    await card.load('child-1');
    await card.loadHistory('child-1');
    expect(card.history).toHaveLength(1);
    expect(card.historyBookmark).toBe('next-page');
    fake.answer('card:history', { items: [], bookmark: '' });
    await card.loadMoreHistory();
    expect(card.historyBookmark).toBe('');
    expect(fake.calls.filter((call) => call.channel === 'card:history').at(-1)?.args).toEqual({
      childId: 'child-1',
      bookmark: 'next-page',
    });
    const allergy = { substance: 'Peanut', reaction: 'Hives', severity: 'severe' };
    fake.answer('card:recordEntry', { txId: tx(4), value: cardEntryRecord('allergy', allergy, 4) });
    expect(await card.record('allergy', 'child-1', allergy, 'entry-4')).toBe(tx(4));
    expect(fake.calls.at(-1)?.args).toEqual({
      kind: 'allergy',
      childId: 'child-1',
      entryId: 'entry-4',
      entry: allergy,
    });
    // The committed entry joins the shown card and the history without reading either again.
    expect(card.card).toMatchObject({ version: 3, txId: tx(4), counts: { allergies: 1 } });
    expect(card.card?.allergies.map((a) => a.entryId)).toEqual(['entry-4']);
    expect(card.history.map((e) => e.entryId)).toEqual(['entry-4', 'entry-2']);
  });
});

describe('admissions, report requests and reports stores', () => {
  it('applies, decides and requests a report', async () => {
    const admission = {
      requestId: 'adm-1',
      childId: 'child-1',
      childGivenName: 'Mia',
      childFamilyName: 'Rossi',
      childBirthDate: '2021-03-14',
      schoolId: 'oak-primary',
      guardianUids: ['parent-carla'],
      status: 'submitted',
      changes: [{ status: 'submitted', by: 'parent-carla', at, txId: tx(1) }],
    };
    fake.answer('admission:create', { txId: tx(5), value: admission });
    const admissions = useAdmissionsStore();
    await admissions.apply({
      requestId: 'adm-1',
      childId: 'child-1',
      childGivenName: 'Mia',
      childFamilyName: 'Rossi',
      childBirthDate: '2021-03-14',
      schoolId: 'oak-primary',
    });
    expect(admissions.submitted).toHaveLength(1);
    fake.answer('admission:decide', { txId: tx(6), value: { ...admission, status: 'rejected' } });
    await admissions.decide('adm-1', 'reject', 'Class is full');
    expect(fake.calls.at(-1)?.args).toEqual({ requestId: 'adm-1', decision: 'reject', reason: 'Class is full' });
    expect(admissions.submitted).toHaveLength(0);

    const request = {
      reportRequestId: 'rrq-1',
      admissionRequestId: 'adm-1',
      childId: 'child-1',
      schoolId: 'oak-primary',
      pediatricianUid: 'ped-alice',
      status: 'requested',
      changes: [{ status: 'requested', by: 'admin-oak', at, txId: tx(7) }],
    };
    fake.answer('reportRequest:create', { txId: tx(7), value: request });
    const requests = useReportRequestsStore();
    await requests.create({ reportRequestId: 'rrq-1', admissionRequestId: 'adm-1', pediatricianUid: 'ped-alice' });
    expect(requests.open).toHaveLength(1);
    requests.markFulfilled('rrq-1', 'rep-1');
    expect(requests.open).toHaveLength(0);
  });

  it('approves, revokes, opens with a read receipt and loads receipts', async () => {
    const reports = useReportsStore();
    fake.answer('report:approve', {
      txId: tx(8),
      value: report('approved', [
        { schoolId: 'oak-primary', validUntil: '2027-01-01T00:00:00.000Z', grantedBy: 'parent-carla', grantedAt: at },
      ]),
    });
    await reports.approve('rep-1', ['oak-primary'], '2027-01-01T23:59:59.000Z');
    expect(reports.items[0]?.status).toBe('approved');
    fake.answer('report:revoke', { txId: tx(9), value: report('revoked') });
    await reports.revoke('rep-1', 'oak-primary');
    expect(reports.items[0]?.status).toBe('revoked');

    fake.answer('report:open', {
      txId: tx(10),
      value: { reportId: 'rep-1', schoolId: 'oak-primary', uid: 'admin-oak', at, txId: tx(10) },
    });
    fake.answer('report:read', {
      report: {
        reportId: 'rep-1',
        childId: 'child-1',
        status: 'approved',
        provenance: report('approved').provenance,
        permission: {
          schoolId: 'oak-primary',
          validUntil: '2027-01-01T00:00:00.000Z',
          grantedBy: 'parent-carla',
          grantedAt: at,
        },
      },
      body: null,
    });
    const opened = await reports.open('rep-1', { recordRead: true });
    expect(opened?.openTxId).toBe(tx(10));
    expect(fake.calls.slice(-2).map((call) => call.channel)).toEqual(['report:open', 'report:read']);

    fake.fail('report:read', { code: 'ENDORSEMENT_REFUSED', message: 'permission revoked' });
    expect(await reports.open('rep-1', { recordRead: false })).toBeNull();
    expect(reports.openError?.message).toBe('permission revoked');

    fake.answer('report:receipts', [
      { reportId: 'rep-1', schoolId: 'oak-primary', uid: 'admin-oak', at, txId: tx(10) },
    ]);
    await reports.loadReceipts('rep-1');
    expect(reports.receipts['rep-1']).toHaveLength(1);
  });
});
