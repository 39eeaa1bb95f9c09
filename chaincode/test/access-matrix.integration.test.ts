// The negative access matrix on the real network: for every read and write, each other role and each unrelated
// user of the same role is refused. Refusals come from the chaincode (FORBIDDEN), except that School users cannot
// reach the medical channel at all (their peer never joined it).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryEntry } from '@pediledger/domain';
import { refused, runIds, type Session, sessionsOf } from './session';
import { careStarted, reportEnvelopeFrom, reportReady, storyIds } from './story';

const UIDS = [
  'ped-alice',
  'ped-bruno',
  'parent-carla',
  'parent-diego',
  'parent-emma',
  'admin-oak',
  'admin-pine',
] as const;
type Uid = (typeof UIDS)[number];

const id = runIds('acl');
const ids = storyIds(id);
const pending = { agreementId: id('agr-pending'), admissionId: id('adm-pine'), reportRequestId: id('rr-pending') };
const validUntil = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
let users: Record<Uid, Session>;
let envelopeJson: string;

/** One row of the matrix: a call, and who must be refused. */
interface Row {
  channel: 'medical' | 'report';
  fn: string;
  args: () => string[];
  refused: Uid[];
  submit: boolean;
  transient?: () => Record<string, string>;
}

const PEDIATRICIANS: Uid[] = ['ped-alice', 'ped-bruno'];
const PARENTS: Uid[] = ['parent-carla', 'parent-diego', 'parent-emma'];
const SCHOOLS: Uid[] = ['admin-oak', 'admin-pine'];
/** A valid entry per card transaction, so a refusal can only come from the access rule, never from validation. */
const validEntries: Record<string, string> = {
  RecordMeasurement: JSON.stringify({ date: '2024-01-10', weightKg: 15 }),
  RecordImmunization: JSON.stringify({ vaccine: 'DTaP', dose: 1, date: '2024-01-10' }),
  RecordAllergy: JSON.stringify({ substance: 'Penicillin', reaction: 'Rash', severity: 'mild' }),
  RecordCondition: JSON.stringify({ name: 'Asthma', icd10: 'J45' }),
  AddVisitNote: JSON.stringify({ date: '2024-01-10', text: 'Routine check' }),
};

const rows: Row[] = [
  // medical writes
  {
    channel: 'medical',
    fn: 'ProposeAgreement',
    submit: true,
    refused: [...PEDIATRICIANS, 'parent-emma', ...SCHOOLS],
    args: () => [
      JSON.stringify({
        agreementId: id('agr-x'),
        childId: ids.childId,
        pediatricianUid: 'ped-bruno',
        purpose: 'Second opinion',
        validUntil,
      }),
    ],
  },
  {
    channel: 'medical',
    fn: 'AcceptAgreement',
    submit: true,
    refused: ['ped-alice', ...PARENTS, ...SCHOOLS],
    args: () => [pending.agreementId],
  },
  {
    channel: 'medical',
    fn: 'DeclineAgreement',
    submit: true,
    refused: ['ped-alice', ...PARENTS, ...SCHOOLS],
    args: () => [pending.agreementId, 'No'],
  },
  {
    channel: 'medical',
    fn: 'TerminateAgreement',
    submit: true,
    refused: ['ped-bruno', 'parent-emma', ...SCHOOLS],
    args: () => [ids.agreementId],
  },
  {
    channel: 'medical',
    fn: 'AddGuardian',
    submit: true,
    refused: [...PEDIATRICIANS, 'parent-emma', ...SCHOOLS],
    args: () => [ids.childId, 'parent-emma'],
  },
  ...['RecordMeasurement', 'RecordImmunization', 'RecordAllergy', 'RecordCondition', 'AddVisitNote'].map((fn): Row => ({
    channel: 'medical',
    fn,
    submit: true,
    refused: ['ped-bruno', ...PARENTS, ...SCHOOLS],
    args: () => [ids.childId, id(`entry-${fn}`), validEntries[fn] ?? ''],
  })),
  // medical reads: the card, its history (a page), one entry and its history, the child
  ...(
    [
      ['ReadMedicalCard', () => [ids.childId]],
      ['GetMedicalCardHistory', () => [ids.childId, '10', '']],
      ['ReadCardEntry', () => [ids.childId, `${ids.childId}-e0`]],
      ['GetCardEntryHistory', () => [ids.childId, `${ids.childId}-e0`, '10', '']],
      ['ReadChild', () => [ids.childId]],
    ] as const
  ).map(([fn, args]): Row => ({
    channel: 'medical',
    fn,
    submit: false,
    refused: ['ped-bruno', 'parent-emma', ...SCHOOLS],
    args: () => [...args()],
  })),
  {
    channel: 'medical',
    fn: 'ReadAgreement',
    submit: false,
    refused: ['ped-bruno', 'parent-emma', ...SCHOOLS],
    args: () => [ids.agreementId],
  },
  // report writes
  {
    channel: 'report',
    fn: 'CreateAdmissionRequest',
    submit: true,
    refused: [...PEDIATRICIANS, ...SCHOOLS],
    args: () => [
      JSON.stringify({
        requestId: id('adm-x'),
        childId: ids.childId,
        childGivenName: 'Lia',
        childFamilyName: 'Rossi',
        childBirthDate: '2019-05-04',
        schoolId: 'pine-elementary',
      }),
    ],
  },
  {
    channel: 'report',
    fn: 'DecideAdmissionRequest',
    submit: true,
    refused: [...PEDIATRICIANS, ...PARENTS, 'admin-oak'],
    args: () => [pending.admissionId, 'accept', ''],
  },
  {
    channel: 'report',
    fn: 'WithdrawAdmissionRequest',
    submit: true,
    refused: [...PEDIATRICIANS, 'parent-emma', ...SCHOOLS],
    args: () => [pending.admissionId],
  },
  {
    channel: 'report',
    fn: 'CreateReportRequest',
    submit: true,
    refused: [...PEDIATRICIANS, ...PARENTS, 'admin-pine'],
    args: () => [
      JSON.stringify({
        reportRequestId: id('rr-x'),
        admissionRequestId: ids.admissionId,
        pediatricianUid: 'ped-alice',
      }),
    ],
  },
  {
    channel: 'report',
    fn: 'DeclineReportRequest',
    submit: true,
    refused: ['ped-bruno', ...PARENTS, ...SCHOOLS],
    args: () => [pending.reportRequestId, 'No'],
  },
  {
    channel: 'report',
    fn: 'CreateReport',
    submit: true,
    refused: ['ped-bruno', ...PARENTS, ...SCHOOLS],
    args: () => [id('rep-x'), pending.reportRequestId],
    transient: () => ({ report: envelopeJson }),
  },
  {
    channel: 'report',
    fn: 'ApproveReport',
    submit: true,
    refused: [...PEDIATRICIANS, 'parent-emma', ...SCHOOLS],
    args: () => [ids.reportId, '["pine-elementary"]', validUntil],
    transient: () => ({ report: envelopeJson }),
  },
  {
    channel: 'report',
    fn: 'RevokeReportPermission',
    submit: true,
    refused: [...PEDIATRICIANS, 'parent-emma', ...SCHOOLS],
    args: () => [ids.reportId, 'oak-primary'],
  },
  {
    channel: 'report',
    fn: 'OpenReport',
    submit: true,
    refused: [...PEDIATRICIANS, ...PARENTS, 'admin-pine'],
    args: () => [ids.reportId],
  },
  // report reads
  {
    channel: 'report',
    fn: 'ReadReport',
    submit: false,
    refused: ['ped-bruno', 'parent-emma', 'admin-pine'],
    args: () => [ids.reportId],
  },
  {
    channel: 'report',
    fn: 'GetReadReceipts',
    submit: false,
    refused: [...PEDIATRICIANS, 'parent-emma', ...SCHOOLS],
    args: () => [ids.reportId],
  },
  // the directory: parents have nothing to publish or withdraw (ListDirectory is open to every role, see below)
  {
    channel: 'report',
    fn: 'PublishDirectoryEntry',
    submit: true,
    refused: PARENTS,
    args: () => ['Parent Practice'],
  },
  {
    channel: 'report',
    fn: 'WithdrawDirectoryEntry',
    submit: true,
    refused: PARENTS,
    args: () => [],
  },
];

beforeAll(async () => {
  users = await sessionsOf(...UIDS);
  const carla = users['parent-carla'];
  const card = await careStarted(ids, carla, users['ped-alice']);
  const issued = await reportReady(ids, card, 'acl', { carla, alice: users['ped-alice'], oak: users['admin-oak'] });
  await carla.submit('report', 'ApproveReport', [ids.reportId, '["oak-primary"]', validUntil], {
    report: JSON.stringify(issued),
  });
  envelopeJson = JSON.stringify(issued);
  // Open items the matrix needs: a proposal to ped-bruno, an admission to Pine, a second request to ped-alice.
  const proposal = {
    agreementId: pending.agreementId,
    childId: ids.childId,
    pediatricianUid: 'ped-bruno',
    purpose: 'Allergy consult',
    validUntil,
  };
  await carla.submit('medical', 'ProposeAgreement', [JSON.stringify(proposal)]);
  const admission = {
    requestId: pending.admissionId,
    childId: ids.childId,
    childGivenName: 'Lia',
    childFamilyName: 'Rossi',
    childBirthDate: '2019-05-04',
    schoolId: 'pine-elementary',
  };
  await carla.submit('report', 'CreateAdmissionRequest', [JSON.stringify(admission)]);
  const request = {
    reportRequestId: pending.reportRequestId,
    admissionRequestId: ids.admissionId,
    pediatricianUid: 'ped-alice',
  };
  await users['admin-oak'].submit('report', 'CreateReportRequest', [JSON.stringify(request)]);
  envelopeJson = JSON.stringify(reportEnvelopeFrom(card, 'acl-second'));
  await users['admin-oak'].submit('report', 'OpenReport', [ids.reportId]);
});

afterAll(() => {
  for (const session of Object.values(users)) session.close();
});

const cases = rows.flatMap((row) =>
  row.refused.map((uid) => [`${row.channel} ${row.fn} by ${uid}`, row, uid] as const),
);

describe('access matrix: refusals', () => {
  it.each(cases)('%s', async (_, row, uid) => {
    const session = users[uid];
    const call = row.submit
      ? session.submit(row.channel, row.fn, row.args(), row.transient?.())
      : session.evaluate(row.channel, row.fn, row.args());
    // School users are refused on medical by the network (no channel); every other refusal is the chaincode's.
    await refused(call, row.channel === 'medical' && uid.startsWith('admin-') ? undefined : 'FORBIDDEN');
  });
});

describe('access matrix: a bookmark never reaches beyond the caller’s own list', () => {
  it('a stranger’s page starting at another family’s keys holds nothing of theirs', async () => {
    // Emma has no child of family A and no agreement with it; bookmarks naming their ids still page within her own.
    const children = (await users['parent-emma'].evaluate('medical', 'ListMyChildren', ['10', ids.childId])) as {
      items: { childId: string }[];
    };
    expect(children.items.map((c) => c.childId)).not.toContain(ids.childId);
    const agreements = (await users['parent-emma'].evaluate('medical', 'ListMyAgreements', [
      '10',
      `${ids.childId}~${ids.agreementId}`,
    ])) as { items: { childId: string }[] };
    expect(agreements.items.every((a) => a.childId !== ids.childId)).toBe(true);
    const pine = (await users['admin-pine'].evaluate('report', 'ListMyAdmissionRequests', ['10', ids.admissionId])) as {
      items: { schoolId: string }[];
    };
    expect(pine.items.every((r) => r.schoolId === 'pine-elementary')).toBe(true);
    const bruno = (await users['ped-bruno'].evaluate('report', 'ListMyReports', ['10', ids.reportId])) as {
      items: { reportId: string }[];
    };
    expect(bruno.items.map((r) => r.reportId)).not.toContain(ids.reportId);
    // A raw composite key as bookmark is refused outright.
    await refused(
      users['parent-carla'].evaluate('medical', 'GetMedicalCardHistory', [ids.childId, '10', `\u0000card~log\u0000x`]),
      'INVALID_ARGUMENT',
    );
  });
});

describe('access matrix: the directory names whoever the certificate says', () => {
  const listed = async (uid: Uid, kind: string): Promise<DirectoryEntry[]> =>
    DirectoryEntry.array().parse(await users[uid].evaluate('report', 'ListDirectory', [kind]));

  it('a school admin publishes the school of its certificate, never itself', async () => {
    const name = `Oak Primary ${id('acl')}`;
    const entry = DirectoryEntry.parse(await users['admin-oak'].submit('report', 'PublishDirectoryEntry', [name]));
    expect(entry).toMatchObject({ kind: 'school', id: 'oak-primary', org: 'school', updatedBy: 'admin-oak' });
    expect((await listed('parent-carla', 'school')).find((e) => e.id === 'oak-primary')?.displayName).toBe(name);
    expect((await listed('parent-carla', 'pediatrician')).map((e) => e.id)).not.toContain('admin-oak');
  });

  it('a pediatrician publishes only itself: there is no argument that names a school', async () => {
    const name = `Dr Bruno ${id('acl')}`;
    // The kind (or an id) cannot be passed: the contract takes exactly one argument.
    await refused(users['ped-bruno'].submit('report', 'PublishDirectoryEntry', [name, 'school']));
    await refused(users['ped-bruno'].submit('report', 'PublishDirectoryEntry', [name, 'oak-primary']));
    const entry = DirectoryEntry.parse(await users['ped-bruno'].submit('report', 'PublishDirectoryEntry', [name]));
    expect(entry).toMatchObject({ kind: 'pediatrician', id: 'ped-bruno', org: 'hospital' });
    expect((await listed('admin-pine', 'school')).map((e) => e.displayName)).not.toContain(name);
    expect((await listed('admin-pine', 'pediatrician')).find((e) => e.id === 'ped-bruno')?.displayName).toBe(name);
  });

  it('every role may read both lists; a parent may not publish even a valid name', async () => {
    for (const uid of UIDS) {
      expect(Array.isArray(await listed(uid, 'pediatrician'))).toBe(true);
      expect(Array.isArray(await listed(uid, 'school'))).toBe(true);
    }
    await refused(users['parent-emma'].evaluate('report', 'ListDirectory', ['parent']), 'INVALID_ARGUMENT');
    const before = await listed('ped-alice', 'pediatrician');
    await refused(users['parent-carla'].submit('report', 'PublishDirectoryEntry', ['Dr Carla']), 'FORBIDDEN');
    expect(await listed('ped-alice', 'pediatrician')).toEqual(before);
  });
});
