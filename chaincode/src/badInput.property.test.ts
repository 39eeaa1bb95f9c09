import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChaincodeHarness } from './testing/harness';
import {
  type BadCall,
  badCalls,
  badDateTime,
  badDirectoryKind,
  badDisplayName,
  badGestationalAge,
  badId,
  badJson,
  badReason,
  badBookmark,
  badPageSize,
  type CallTemplate,
  notAString,
  PLANTED_VALUE,
} from './testing/badInputs';
import type { DemoUid } from './testing/identities';
import { activeAgreement, medicalHarness, proposal } from './testing/medicalFixtures';
import { admission, envelope, readyReport, reportHarness, transient, UNTIL } from './testing/reportFixtures';

// Throws generated bad input at every transaction and checks that each call is rejected with a coded one-line error
// that repeats none of the caller's text (PLANTED_VALUE, planted in ids, names, reasons, field values, field names and
// broken JSON), and changes nothing: no write was even attempted, and the ledger snapshot is identical.

const CODED_ONE_LINE = /^(NOT_FOUND|FORBIDDEN|INVALID_ARGUMENT|CONFLICT): [^\n]*$/;
const RUNS = 400;

async function expectRejectedWithoutChange(h: ChaincodeHarness, call: BadCall): Promise<void> {
  const before = h.ledger.snapshot();
  h.lastRejectedWrites = [];
  const caller = call.caller as DemoUid;
  const run = call.submit
    ? h.submit(caller, call.fn, call.args, { transient: call.transient })
    : h.evaluate(caller, call.fn, call.args);
  const error: unknown = await run.then(
    (result) => new Error(`${call.fn} accepted bad input: ${result.slice(0, 200)}`),
    (rejection: unknown) => rejection,
  );
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).message).toMatch(CODED_ONE_LINE);
  // The message reaches the client, the chaincode server's log and the peers' logs: ids and rules only.
  expect((error as Error).message).not.toContain(PLANTED_VALUE);
  expect(h.lastRejectedWrites).toEqual([]);
  expect(h.ledger.snapshot()).toBe(before);
}

/** An entry template for one of the five card-writing transactions (all optional fields present, so none is missing). */
function cardEntry(fn: string, valid: Record<string, unknown>, required: string[]): CallTemplate {
  return {
    fn,
    caller: 'ped-alice',
    submit: true,
    args: ['child-a', 'entry-1', JSON.stringify(valid)],
    breakers: [badId, badId, badJson(valid, required)],
  };
}

const read = (fn: string, caller: string, arg: string): CallTemplate => ({
  fn,
  caller,
  submit: false,
  args: [arg],
  breakers: [badId],
});

/** A paged list: page size and bookmark (of `parts` parts) to break. */
const list = (fn: string, caller: string, parts: number): CallTemplate => ({
  fn,
  caller,
  submit: false,
  args: ['10', ''],
  breakers: [badPageSize, badBookmark(parts)],
});

/** ProposeAgreement registering family B's new child, with `gestationalAge` as given. */
function newChildProposal(gestationalAge: unknown): string {
  const child = { givenName: 'Noa', familyName: 'Silva', birthDate: '2025-01-10', sex: 'female', gestationalAge };
  return proposal({ agreementId: 'agr-b', childId: 'child-b', child });
}

const medicalTemplates: CallTemplate[] = [
  {
    fn: 'ProposeAgreement',
    caller: 'parent-carla',
    submit: true,
    args: [proposal({ agreementId: 'agr-2', pediatricianUid: 'ped-bruno', child: undefined })],
    breakers: [
      badJson(JSON.parse(proposal({ agreementId: 'agr-2', child: undefined })) as Record<string, unknown>, [
        'agreementId',
        'childId',
        'pediatricianUid',
        'purpose',
        'validUntil',
      ]),
    ],
  },
  {
    // Registering a new child: its gestational age at birth (optional, 22+0 to 44+6 weeks) must be refused when bad.
    fn: 'ProposeAgreement',
    caller: 'parent-emma',
    submit: true,
    args: [newChildProposal({ weeks: 30, days: 2 })],
    breakers: [badGestationalAge.map(newChildProposal)],
  },
  { fn: 'AcceptAgreement', caller: 'ped-alice', submit: true, args: ['agr-1'], breakers: [badId] },
  { fn: 'DeclineAgreement', caller: 'ped-alice', submit: true, args: ['agr-1', 'Full'], breakers: [badId, badReason] },
  { fn: 'TerminateAgreement', caller: 'parent-carla', submit: true, args: ['agr-1'], breakers: [badId] },
  {
    fn: 'AddGuardian',
    caller: 'parent-carla',
    submit: true,
    args: ['child-a', 'parent-emma'],
    breakers: [badId, badId],
  },
  {
    fn: 'SetGestationalAge',
    caller: 'ped-alice',
    submit: true,
    args: ['child-a', JSON.stringify({ weeks: 30, days: 2 })],
    breakers: [
      badId,
      fc.oneof(
        badGestationalAge.map((value) => JSON.stringify(value)),
        badJson({ weeks: 30, days: 2 }, ['weeks', 'days']),
      ),
    ],
  },
  cardEntry('RecordMeasurement', { date: '2025-02-28', heightCm: 110, weightKg: 19, headCircumferenceCm: 50 }, [
    'date',
  ]),
  cardEntry('RecordImmunization', { vaccine: 'MMR', dose: 2, date: '2024-06-01', lotNumber: 'L1' }, [
    'vaccine',
    'dose',
    'date',
  ]),
  cardEntry('RecordAllergy', { substance: 'Dust', reaction: 'Sneezing', severity: 'mild', notedOn: '2024-01-01' }, [
    'substance',
    'reaction',
    'severity',
  ]),
  cardEntry('RecordCondition', { name: 'Asthma', icd10: 'J45', since: '2024-01-01', notes: 'Mild' }, ['name']),
  cardEntry('AddVisitNote', { date: '2025-02-28', text: 'Check-up' }, ['date', 'text']),
  read('ReadMedicalCard', 'parent-carla', 'child-a'),
  {
    fn: 'GetMedicalCardHistory',
    caller: 'parent-carla',
    submit: false,
    args: ['child-a', '10', ''],
    breakers: [badId, badPageSize, badBookmark(3)],
  },
  { fn: 'ReadCardEntry', caller: 'ped-alice', submit: false, args: ['child-a', 'entry-0'], breakers: [badId, badId] },
  {
    fn: 'GetCardEntryHistory',
    caller: 'parent-diego',
    submit: false,
    args: ['child-a', 'entry-0', '10', ''],
    breakers: [badId, badId, badPageSize, badBookmark(1)],
  },
  list('ListMyChildren', 'parent-carla', 1),
  list('ListMyChildren', 'ped-alice', 1),
  list('ListMyAgreements', 'parent-carla', 2),
  list('ListMyAgreements', 'ped-alice', 1),
  read('ReadChild', 'ped-alice', 'child-a'),
  read('ReadAgreement', 'ped-alice', 'agr-1'),
];

const badDecision = fc.oneof(fc.constantFrom('maybe', 'ACCEPT', 'accepted', '', 'reject '), notAString);
const badSchoolIds = fc.oneof(
  fc.constantFrom('[]', '["oak-primary","oak-primary"]', '[""]', '[1]', '{"a":1}', 'oak-primary', '["a b"]', ''),
  fc.constant(JSON.stringify(Array.from({ length: 11 }, (_, i) => `school-${i}`))),
  notAString,
);
const validEnvelope = envelope() as unknown as Record<string, unknown>;

const reportTemplates: CallTemplate[] = [
  {
    fn: 'CreateAdmissionRequest',
    caller: 'parent-carla',
    submit: true,
    args: [admission({ requestId: 'adm-2', schoolId: 'pine-elementary' })],
    breakers: [
      badJson(JSON.parse(admission({ requestId: 'adm-2' })) as Record<string, unknown>, [
        'requestId',
        'childId',
        'childGivenName',
        'childFamilyName',
        'childBirthDate',
        'schoolId',
      ]),
    ],
  },
  {
    fn: 'DecideAdmissionRequest',
    caller: 'admin-oak',
    submit: true,
    args: ['adm-1', 'accept', ''],
    breakers: [badId, badDecision, badReason.filter((r) => r !== '')],
  },
  { fn: 'WithdrawAdmissionRequest', caller: 'parent-carla', submit: true, args: ['adm-1'], breakers: [badId] },
  {
    fn: 'CreateReportRequest',
    caller: 'admin-oak',
    submit: true,
    args: [JSON.stringify({ reportRequestId: 'rr-3', admissionRequestId: 'adm-1', pediatricianUid: 'ped-alice' })],
    breakers: [
      badJson({ reportRequestId: 'rr-3', admissionRequestId: 'adm-1', pediatricianUid: 'ped-alice' }, [
        'reportRequestId',
        'admissionRequestId',
        'pediatricianUid',
      ]),
    ],
  },
  { fn: 'DeclineReportRequest', caller: 'ped-alice', submit: true, args: ['rr-2', 'No'], breakers: [badId, badReason] },
  {
    fn: 'CreateReport',
    caller: 'ped-alice',
    submit: true,
    args: ['rep-2', 'rr-2'],
    breakers: [badId, badId],
    envelope: { valid: validEnvelope, required: ['salt', 'body'] },
  },
  {
    fn: 'ReplaceReport',
    caller: 'ped-alice',
    submit: true,
    args: ['rep-3', 'rep-1'],
    breakers: [badId, badId],
    envelope: {
      valid: {
        ...validEnvelope,
        body: { ...envelope().body, source: { channel: 'medical', cardVersion: 9, cardTxId: 'e1' } },
      },
      required: ['salt', 'body'],
    },
  },
  {
    fn: 'ApproveReport',
    caller: 'parent-carla',
    submit: true,
    args: ['rep-1', '["pine-elementary"]', UNTIL],
    breakers: [badId, badSchoolIds, badDateTime],
    envelope: { valid: validEnvelope, required: ['salt', 'body'] },
  },
  {
    fn: 'RevokeReportPermission',
    caller: 'parent-carla',
    submit: true,
    args: ['rep-1', 'oak-primary'],
    breakers: [badId, badId],
  },
  { fn: 'OpenReport', caller: 'admin-oak', submit: true, args: ['rep-1'], breakers: [badId] },
  read('ReadReport', 'parent-carla', 'rep-1'),
  read('GetReadReceipts', 'parent-carla', 'rep-1'),
  list('ListMyAdmissionRequests', 'admin-oak', 1),
  list('ListMyReportRequests', 'parent-diego', 1),
  list('ListMyReports', 'ped-alice', 1),
  // WithdrawDirectoryEntry takes no argument, so there is nothing to break; its refusals are in reportContract.test.
  {
    fn: 'PublishDirectoryEntry',
    caller: 'ped-alice',
    submit: true,
    args: ['Dr Alice Moreau'],
    breakers: [badDisplayName],
  },
  { fn: 'PublishDirectoryEntry', caller: 'admin-oak', submit: true, args: ['Oak Primary'], breakers: [badDisplayName] },
  { fn: 'ListDirectory', caller: 'parent-carla', submit: false, args: ['pediatrician'], breakers: [badDirectoryKind] },
];

describe('bad input is rejected with a coded error and changes nothing', () => {
  it(`medical: ${RUNS} generated bad calls`, async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    await h.submit('ped-alice', 'RecordMeasurement', [
      'child-a',
      'entry-0',
      JSON.stringify({ date: '2025-02-28', weightKg: 19 }),
    ]);
    await fc.assert(
      fc.asyncProperty(badCalls(medicalTemplates), (call) => expectRejectedWithoutChange(h, call)),
      { numRuns: RUNS },
    );
  });

  it(`report: ${RUNS} generated bad calls`, async () => {
    const h = reportHarness();
    await readyReport(h);
    await h.submit('parent-carla', 'ApproveReport', ['rep-1', '["oak-primary"]', UNTIL], { transient: transient() });
    const second = { reportRequestId: 'rr-2', admissionRequestId: 'adm-1', pediatricianUid: 'ped-alice' };
    await h.submit('admin-oak', 'CreateReportRequest', [JSON.stringify(second)]);
    await h.submit('ped-alice', 'PublishDirectoryEntry', ['Dr Alice Moreau']);
    await fc.assert(
      fc.asyncProperty(badCalls(reportTemplates), (call) => expectRejectedWithoutChange(h, call)),
      { numRuns: RUNS },
    );
  });
});
