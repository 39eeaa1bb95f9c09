import { describe, expect, it } from 'vitest';
import { Agreement, CardEntry, Child, MedicalCardSummary, page } from '@pediledger/domain';
import type { ChaincodeHarness } from '../testing/harness';
import { activeAgreement, medicalHarness, proposal } from '../testing/medicalFixtures';
import { lastTxId, noticesOf } from '../testing/notices';

const DAY = 24 * 60 * 60 * 1000;
const measurement = JSON.stringify({ date: '2025-02-28', heightCm: 110.5, weightKg: 19.2 });

async function card(
  h: ChaincodeHarness,
  who: 'parent-carla' | 'ped-alice' = 'parent-carla',
): Promise<MedicalCardSummary> {
  return MedicalCardSummary.parse(await h.evaluateJson(who, 'ReadMedicalCard', ['child-a']));
}

/** Expects a rejection with `code` that wrote nothing. */
async function rejects(h: ChaincodeHarness, run: Promise<unknown>, code: string): Promise<void> {
  const before = h.ledger.snapshot();
  await expect(run).rejects.toThrow(new RegExp(`^${code}: `));
  expect(h.ledger.snapshot()).toBe(before);
}

describe('ProposeAgreement', () => {
  it("keeps a preterm child's gestational age at birth on the child record", async () => {
    const h = medicalHarness();
    const child = {
      givenName: 'Noa',
      familyName: 'Rossi',
      birthDate: '2025-01-10',
      sex: 'female',
      gestationalAge: { weeks: 28, days: 3 },
    };
    await h.submit('parent-carla', 'ProposeAgreement', [proposal({ child })]);
    const stored = Child.parse(await h.evaluateJson('parent-carla', 'ReadChild', ['child-a']));
    expect(stored.gestationalAge).toEqual({ weeks: 28, days: 3 });
  });

  it('registers a new child with the caller as guardian and proposes the agreement', async () => {
    const h = medicalHarness();
    const agreement = Agreement.parse(await h.submitJson('parent-carla', 'ProposeAgreement', [proposal()]));
    expect(agreement).toMatchObject({
      status: 'proposed',
      guardianUids: ['parent-carla'],
      pediatricianUid: 'ped-alice',
    });
    expect(agreement.changes).toEqual([
      { status: 'proposed', by: 'parent-carla', at: '2025-03-01T09:00:00.000Z', txId: expect.any(String) as string },
    ]);
    const child = Child.parse(await h.evaluateJson('parent-carla', 'ReadChild', ['child-a']));
    expect(child.guardianUids).toEqual(['parent-carla']);
    const txId = lastTxId(h);
    expect(await noticesOf(h, 'ped-alice', [txId])).toEqual([
      { txId, kind: 'agreement-proposed', refs: { agreementId: 'agr-1', childId: 'child-a' } },
    ]);
    for (const other of ['ped-bruno', 'parent-carla', 'parent-emma'] as const) {
      expect(await noticesOf(h, other, [txId])).toEqual([]);
    }
  });

  it('lets an existing guardian propose another agreement without child details', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    const second = proposal({ agreementId: 'agr-2', pediatricianUid: 'ped-bruno', child: undefined });
    const agreement = Agreement.parse(await h.submitJson('parent-diego', 'ProposeAgreement', [second]));
    expect(agreement.guardianUids).toEqual(['parent-carla', 'parent-diego']);
  });

  it('rejects non-parents, strangers, duplicates, bad input and stale dates', async () => {
    const h = medicalHarness();
    await rejects(h, h.submit('ped-alice', 'ProposeAgreement', [proposal()]), 'FORBIDDEN');
    await rejects(
      h,
      h.submit('parent-carla', 'ProposeAgreement', [proposal({ child: undefined })]),
      'INVALID_ARGUMENT',
    );
    await rejects(
      h,
      h.submit('parent-carla', 'ProposeAgreement', [proposal({ validUntil: '2025-01-01T00:00:00Z' })]),
      'INVALID_ARGUMENT',
    );
    await rejects(h, h.submit('parent-carla', 'ProposeAgreement', [proposal({ extra: 1 })]), 'INVALID_ARGUMENT');
    await rejects(h, h.submit('parent-carla', 'ProposeAgreement', ['{not json']), 'INVALID_ARGUMENT');
    await rejects(
      h,
      h.submit('parent-carla', 'ProposeAgreement', [proposal({ childId: 'child\u0000a' })]),
      'INVALID_ARGUMENT',
    );
    const future = { givenName: 'Lia', familyName: 'Rossi', birthDate: '2030-01-01', sex: 'female' };
    await rejects(h, h.submit('parent-carla', 'ProposeAgreement', [proposal({ child: future })]), 'INVALID_ARGUMENT');
    await h.submit('parent-carla', 'ProposeAgreement', [proposal()]);
    await rejects(h, h.submit('parent-carla', 'ProposeAgreement', [proposal()]), 'CONFLICT');
    const again = proposal({ agreementId: 'agr-2', child: undefined });
    await rejects(h, h.submit('parent-carla', 'ProposeAgreement', [again]), 'CONFLICT');
    await rejects(h, h.submit('parent-carla', 'ProposeAgreement', [proposal({ agreementId: 'agr-3' })]), 'CONFLICT');
    await rejects(h, h.submit('parent-emma', 'ProposeAgreement', [again]), 'FORBIDDEN');
  });

  it('trusts the role only from the MSP that issues it', async () => {
    const h = medicalHarness();
    const fakeParent = { mspId: 'HospitalMSP', attributes: { uid: 'parent-carla', role: 'parent' } };
    await rejects(h, h.submit(fakeParent, 'ProposeAgreement', [proposal()]), 'FORBIDDEN');
    const noUid = { mspId: 'ParentsMSP', attributes: { role: 'parent' } };
    await rejects(h, h.submit(noUid, 'ProposeAgreement', [proposal()]), 'FORBIDDEN');
  });
});

describe('AcceptAgreement and DeclineAgreement', () => {
  it('activates the agreement and creates the card at version 1', async () => {
    const h = medicalHarness();
    await h.submit('parent-carla', 'ProposeAgreement', [proposal()]);
    const accepted = Agreement.parse(await h.submitJson('ped-alice', 'AcceptAgreement', ['agr-1']));
    expect(accepted.status).toBe('active');
    expect(accepted.changes.map((c) => c.status)).toEqual(['proposed', 'active']);
    expect((await card(h)).version).toBe(1);
    const txId = lastTxId(h);
    expect(await noticesOf(h, 'parent-carla', [txId])).toEqual([
      {
        txId,
        kind: 'agreement-accepted',
        refs: { agreementId: 'agr-1', childId: 'child-a', pediatricianUid: 'ped-alice' },
      },
    ]);
    expect(await noticesOf(h, 'parent-emma', [txId])).toEqual([]);
    expect(await noticesOf(h, 'ped-alice', [txId])).toEqual([]);
  });

  it('lets only the named pediatrician decide, once, before expiry', async () => {
    const h = medicalHarness();
    await h.submit('parent-carla', 'ProposeAgreement', [proposal()]);
    await rejects(h, h.submit('ped-bruno', 'AcceptAgreement', ['agr-1']), 'FORBIDDEN');
    await rejects(h, h.submit('parent-carla', 'AcceptAgreement', ['agr-1']), 'FORBIDDEN');
    await rejects(h, h.submit('ped-alice', 'AcceptAgreement', ['agr-404']), 'NOT_FOUND');
    await rejects(h, h.submit('ped-alice', 'DeclineAgreement', ['agr-1', '']), 'INVALID_ARGUMENT');
    const declined = Agreement.parse(
      await h.submitJson('ped-alice', 'DeclineAgreement', ['agr-1', 'Practice is full']),
    );
    expect(declined.changes.at(-1)).toMatchObject({ status: 'declined', reason: 'Practice is full', by: 'ped-alice' });
    expect((await noticesOf(h, 'parent-carla', [lastTxId(h)])).map((n) => n.kind)).toEqual(['agreement-declined']);
    await rejects(h, h.submit('ped-alice', 'AcceptAgreement', ['agr-1']), 'CONFLICT');
    await rejects(h, h.submit('ped-alice', 'DeclineAgreement', ['agr-1', 'again']), 'CONFLICT');
  });

  it('refuses to accept an expired proposal', async () => {
    const h = medicalHarness();
    await h.submit('parent-carla', 'ProposeAgreement', [proposal({ validUntil: '2025-03-02T00:00:00Z' })]);
    h.advance(2 * DAY);
    await rejects(h, h.submit('ped-alice', 'AcceptAgreement', ['agr-1']), 'CONFLICT');
    await expect(h.submit('ped-alice', 'AcceptAgreement', ['agr-1'])).rejects.toThrow(
      /^CONFLICT: agreement agr-1 has expired$/,
    );
  });
});

describe('TerminateAgreement', () => {
  it('ends access at once, by a guardian or by the pediatrician', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    await rejects(h, h.submit('ped-bruno', 'TerminateAgreement', ['agr-1']), 'FORBIDDEN');
    await rejects(h, h.submit('parent-emma', 'TerminateAgreement', ['agr-1']), 'FORBIDDEN');
    await h.submit('parent-diego', 'TerminateAgreement', ['agr-1']);
    await rejects(h, h.evaluate('ped-alice', 'ReadMedicalCard', ['child-a']), 'FORBIDDEN');
    await rejects(h, h.submit('ped-alice', 'RecordMeasurement', ['child-a', 'e-1', measurement]), 'FORBIDDEN');
    await rejects(h, h.submit('ped-alice', 'TerminateAgreement', ['agr-1']), 'CONFLICT');
    expect((await card(h)).version).toBe(1);
  });
});

describe('AddGuardian', () => {
  it('adds a second guardian, but not a third or a duplicate', async () => {
    const h = medicalHarness();
    await h.submit('parent-carla', 'ProposeAgreement', [proposal()]);
    await rejects(h, h.submit('parent-emma', 'AddGuardian', ['child-a', 'parent-emma']), 'FORBIDDEN');
    await rejects(h, h.submit('parent-carla', 'AddGuardian', ['child-a', 'parent-carla']), 'CONFLICT');
    await rejects(h, h.submit('parent-carla', 'AddGuardian', ['child-a', 'bad uid']), 'INVALID_ARGUMENT');
    await rejects(h, h.submit('parent-carla', 'AddGuardian', ['child-x', 'parent-diego']), 'NOT_FOUND');
    const child = Child.parse(await h.submitJson('parent-carla', 'AddGuardian', ['child-a', 'parent-diego']));
    expect(child.guardianUids).toEqual(['parent-carla', 'parent-diego']);
    await rejects(h, h.submit('parent-diego', 'AddGuardian', ['child-a', 'parent-emma']), 'CONFLICT');
    expect(await h.evaluateAllPages('parent-diego', 'ListMyChildren')).toHaveLength(1);
  });
});

describe('card entries', () => {
  const entries = {
    RecordMeasurement: { date: '2025-02-28', heightCm: 110.5, weightKg: 19.2, headCircumferenceCm: 50 },
    RecordImmunization: { vaccine: 'MMR', dose: 2, date: '2024-06-01', lotNumber: 'LOT-77' },
    RecordAllergy: { substance: 'Peanuts', reaction: 'Hives', severity: 'severe', notedOn: '2023-01-10' },
    RecordCondition: { name: 'Asthma', icd10: 'J45.909', since: '2022-09-01' },
    AddVisitNote: { date: '2025-03-01', text: 'Routine check.\nAll good.' },
  } as const;

  it.each(Object.entries(entries))(
    '%s records the entry under its id, with author and tx time; the card counts it',
    async (fn, entry) => {
      const h = medicalHarness();
      await activeAgreement(h);
      const written = CardEntry.parse(await h.submitJson('ped-alice', fn, ['child-a', 'e-1', JSON.stringify(entry)]));
      expect(written).toEqual({
        ...entry,
        kind: written.kind,
        entryId: 'e-1',
        childId: 'child-a',
        recordedBy: 'ped-alice',
        recordedAt: '2025-03-01T09:00:00.000Z',
        txId: expect.stringMatching(/^[0-9a-f]{64}$/) as string,
      });
      const summary = await card(h);
      expect(summary).toMatchObject({ version: 2, txId: written.txId, updatedBy: 'ped-alice', format: 2 });
      expect(Object.values(summary.counts).reduce((a, b) => a + b)).toBe(1);
      expect(CardEntry.parse(await h.evaluateJson('parent-diego', 'ReadCardEntry', ['child-a', 'e-1']))).toEqual(
        written,
      );
      // The event says nothing (see notices.ts); an entry concerns only the card's readers, who read the card.
      expect(h.ledger.events.at(-1)).toMatchObject({ name: 'Notice', txId: written.txId });
      expect(h.ledger.events.at(-1)?.payload).toHaveLength(0);
    },
  );

  it.each(Object.keys(entries))('%s refuses a second entry with the same id, whatever its content', async (fn) => {
    const h = medicalHarness();
    await activeAgreement(h);
    const ok = JSON.stringify(entries[fn as keyof typeof entries]);
    await h.submit('ped-alice', fn, ['child-a', 'e-1', ok]);
    await rejects(h, h.submit('ped-alice', fn, ['child-a', 'e-1', ok]), 'CONFLICT');
    await rejects(
      h,
      h.submit('ped-alice', 'AddVisitNote', ['child-a', 'e-1', JSON.stringify(entries.AddVisitNote)]),
      'CONFLICT',
    );
    expect((await card(h)).version).toBe(2);
  });

  it.each(Object.keys(entries))('%s rejects other roles, bad entries and unknown children', async (fn) => {
    const h = medicalHarness();
    await activeAgreement(h);
    const ok = JSON.stringify(entries[fn as keyof typeof entries]);
    await rejects(h, h.submit('ped-bruno', fn, ['child-a', 'e-1', ok]), 'FORBIDDEN');
    await rejects(h, h.submit('parent-carla', fn, ['child-a', 'e-1', ok]), 'FORBIDDEN');
    await rejects(h, h.submit('admin-oak', fn, ['child-a', 'e-1', ok]), 'FORBIDDEN');
    await rejects(h, h.submit('ped-alice', fn, ['child-zz', 'e-1', ok]), 'NOT_FOUND');
    await rejects(h, h.submit('ped-alice', fn, ['child-a', 'e-1', '{}']), 'INVALID_ARGUMENT');
    await rejects(h, h.submit('ped-alice', fn, ['child-a', 'e 1', ok]), 'INVALID_ARGUMENT');
    await rejects(
      h,
      h.submit('ped-alice', fn, ['child-a', 'e-1', JSON.stringify({ ...JSON.parse(ok), x: 1 })]),
      'INVALID_ARGUMENT',
    );
  });

  it('rejects dates in the future or before birth, and impossible measurements', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    const bad = [
      { date: '2025-03-02', weightKg: 19 },
      { date: '2019-05-03', weightKg: 3 },
      { date: '2025-02-30', weightKg: 19 },
      { date: '2025-02-01' },
      { date: '2025-02-01', weightKg: -1 },
      { date: '2025-02-01', heightCm: 1e9 },
    ];
    for (const entry of bad) {
      await rejects(
        h,
        h.submit('ped-alice', 'RecordMeasurement', ['child-a', 'e-1', JSON.stringify(entry)]),
        'INVALID_ARGUMENT',
      );
    }
  });

  it('names the date field and the rule, never the date or the birth date', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    const future = h.submit('ped-alice', 'RecordAllergy', [
      'child-a',
      'e-1',
      JSON.stringify({ substance: 'Dust', reaction: 'Sneezing', severity: 'mild', notedOn: '2025-03-02' }),
    ]);
    await expect(future).rejects.toThrow(/^INVALID_ARGUMENT: entryJson\.notedOn: is in the future$/);
    const beforeBirth = h.submit('ped-alice', 'RecordMeasurement', [
      'child-a',
      'e-2',
      JSON.stringify({ date: '2019-05-03', weightKg: 3 }),
    ]);
    await expect(beforeBirth).rejects.toThrow(/^INVALID_ARGUMENT: entryJson\.date: is before the child's birth date$/);
  });

  it('stops at the agreement expiry', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    h.now = new Date('2026-03-01T00:00:00.000Z');
    await rejects(h, h.submit('ped-alice', 'RecordMeasurement', ['child-a', 'e-1', measurement]), 'FORBIDDEN');
  });
});

describe('reads', () => {
  it('ReadMedicalCard and ReadChild: guardians and the pediatrician in force only', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    expect((await card(h, 'ped-alice')).childId).toBe('child-a');
    expect((await card(h, 'parent-carla')).childId).toBe('child-a');
    for (const who of ['ped-bruno', 'parent-emma', 'admin-oak'] as const) {
      await rejects(h, h.evaluate(who, 'ReadMedicalCard', ['child-a']), 'FORBIDDEN');
      await rejects(h, h.evaluate(who, 'ReadChild', ['child-a']), 'FORBIDDEN');
      await rejects(h, h.evaluate(who, 'GetMedicalCardHistory', ['child-a', '10', '']), 'FORBIDDEN');
      await rejects(h, h.evaluate(who, 'ReadCardEntry', ['child-a', 'e-1']), 'FORBIDDEN');
      await rejects(h, h.evaluate(who, 'GetCardEntryHistory', ['child-a', 'e-1', '10', '']), 'FORBIDDEN');
    }
    await rejects(h, h.evaluate('parent-carla', 'ReadMedicalCard', ['child-none']), 'NOT_FOUND');
  });

  it('GetMedicalCardHistory lists the entries newest first with tx id, time and author', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    h.advance(1000);
    await h.submit('ped-alice', 'RecordMeasurement', ['child-a', 'm-1', measurement]);
    h.advance(1000);
    await h.submit('ped-alice', 'RecordAllergy', [
      'child-a',
      'a-1',
      JSON.stringify({ substance: 'Dust', reaction: 'Sneezing', severity: 'mild' }),
    ]);
    const history = page(CardEntry).parse(
      await h.evaluateJson('parent-diego', 'GetMedicalCardHistory', ['child-a', '10', '']),
    );
    expect(history.items.map((e) => [e.entryId, e.kind, e.recordedAt, e.recordedBy])).toEqual([
      ['a-1', 'allergy', '2025-03-01T09:00:02.000Z', 'ped-alice'],
      ['m-1', 'measurement', '2025-03-01T09:00:01.000Z', 'ped-alice'],
    ]);
    expect(history.bookmark).toBe('');
    expect((await card(h)).created).toEqual({
      by: 'ped-alice',
      at: '2025-03-01T09:00:00.000Z',
      txId: expect.any(String) as string,
    });
  });

  it('ListMyChildren and ListMyAgreements are scoped to the caller', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    await h.submit('parent-emma', 'ProposeAgreement', [
      proposal({ agreementId: 'agr-b', childId: 'child-b', pediatricianUid: 'ped-bruno' }),
    ]);
    const ids = async (
      who: Parameters<ChaincodeHarness['evaluate']>[0],
      fn: string,
      field: string,
    ): Promise<unknown[]> => ((await h.evaluateAllPages(who, fn)) as Record<string, unknown>[]).map((r) => r[field]);
    expect(await ids('parent-carla', 'ListMyChildren', 'childId')).toEqual(['child-a']);
    expect(await ids('parent-emma', 'ListMyChildren', 'childId')).toEqual(['child-b']);
    expect(await ids('ped-alice', 'ListMyChildren', 'childId')).toEqual(['child-a']);
    expect(await ids('ped-bruno', 'ListMyChildren', 'childId')).toEqual([]);
    expect(await ids('ped-bruno', 'ListMyAgreements', 'agreementId')).toEqual(['agr-b']);
    expect(await ids('parent-diego', 'ListMyAgreements', 'agreementId')).toEqual(['agr-1']);
    await rejects(h, h.evaluate('admin-oak', 'ListMyChildren', ['10', '']), 'FORBIDDEN');
    await rejects(h, h.evaluate('admin-oak', 'ListMyAgreements', ['10', '']), 'FORBIDDEN');
  });

  it('ReadAgreement: the parties only', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    expect(Agreement.parse(await h.evaluateJson('ped-alice', 'ReadAgreement', ['agr-1'])).status).toBe('active');
    expect(Agreement.parse(await h.evaluateJson('parent-diego', 'ReadAgreement', ['agr-1'])).status).toBe('active');
    await rejects(h, h.evaluate('ped-bruno', 'ReadAgreement', ['agr-1']), 'FORBIDDEN');
    await rejects(h, h.evaluate('parent-emma', 'ReadAgreement', ['agr-1']), 'FORBIDDEN');
    await rejects(h, h.evaluate('parent-emma', 'ReadAgreement', ['agr-404']), 'NOT_FOUND');
  });
});

describe('notices', () => {
  it('every transaction emits the same empty event; each party is told only its own news', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    await h.submit('ped-alice', 'RecordMeasurement', ['child-a', 'e-1', measurement]);
    await h.submit('parent-carla', 'ProposeAgreement', [
      proposal({ agreementId: 'agr-2', pediatricianUid: 'ped-bruno', child: undefined }),
    ]);
    expect(h.ledger.events.map((e) => [e.name, e.payload.length])).toEqual(h.ledger.events.map(() => ['Notice', 0]));
    const kinds = async (who: Parameters<typeof noticesOf>[1]): Promise<string[]> =>
      (await noticesOf(h, who)).map((n) => n.kind);
    expect(await kinds('ped-alice')).toEqual(['agreement-proposed']);
    expect(await kinds('ped-bruno')).toEqual(['agreement-proposed']);
    // Both current guardians hear of the acceptance (parent-diego was added before it).
    expect(await kinds('parent-carla')).toEqual(['agreement-accepted']);
    expect(await kinds('parent-diego')).toEqual(['agreement-accepted']);
    expect(await kinds('parent-emma')).toEqual([]);
  });

  it('ListMyNotices takes 1 to 100 distinct transaction ids, from parents and pediatricians only', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    const txId = lastTxId(h);
    for (const bad of [
      '',
      '[]',
      '["not-a-tx-id"]',
      JSON.stringify([txId, txId]),
      JSON.stringify(Array(101).fill(txId)),
    ]) {
      await rejects(h, h.evaluate('parent-carla', 'ListMyNotices', [bad]), 'INVALID_ARGUMENT');
    }
    await rejects(h, h.evaluate('admin-oak', 'ListMyNotices', [JSON.stringify([txId])]), 'FORBIDDEN');
    // An id no transaction has gets the same answer as one without a notice for the caller.
    expect(await noticesOf(h, 'parent-carla', ['0'.repeat(64)])).toEqual([]);
  });
});

describe('Ping', () => {
  it('reports the channel and the caller', async () => {
    const h = medicalHarness();
    expect(await h.evaluateJson('ped-alice', 'Ping')).toEqual({
      channel: 'medical',
      caller: { mspId: 'HospitalMSP', uid: 'ped-alice', role: 'pediatrician', schoolId: null },
    });
  });
});

describe('SetGestationalAge', () => {
  const ga = (weeks: number, days: number): string => JSON.stringify({ weeks, days });

  it('lets the pediatrician under an agreement in force record it after registration, in the child history', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    const child = Child.parse(await h.submitJson('ped-alice', 'SetGestationalAge', ['child-a', ga(30, 2)]));
    expect(child.gestationalAge).toEqual({ weeks: 30, days: 2 });
    expect(child.changes.at(-1)).toEqual({
      status: 'gestational-age-set',
      gestationalAge: { weeks: 30, days: 2 },
      by: 'ped-alice',
      at: '2025-03-01T09:00:00.000Z',
      txId: lastTxId(h),
    });
    const corrected = Child.parse(await h.submitJson('ped-alice', 'SetGestationalAge', ['child-a', ga(31, 0)]));
    expect(corrected.gestationalAge).toEqual({ weeks: 31, days: 0 });
    expect(corrected.changes.filter((c) => c.status === 'gestational-age-set')).toHaveLength(2);
    expect(Child.parse(await h.evaluateJson('parent-carla', 'ReadChild', ['child-a'])).gestationalAge).toEqual({
      weeks: 31,
      days: 0,
    });
  });

  it('refuses parents, other pediatricians, bad values and the value already recorded, writing nothing', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    await rejects(h, h.submit('parent-carla', 'SetGestationalAge', ['child-a', ga(30, 2)]), 'FORBIDDEN');
    await rejects(h, h.submit('ped-bruno', 'SetGestationalAge', ['child-a', ga(30, 2)]), 'FORBIDDEN');
    await rejects(h, h.submit('ped-alice', 'SetGestationalAge', ['child-a', ga(21, 6)]), 'INVALID_ARGUMENT');
    await rejects(h, h.submit('ped-alice', 'SetGestationalAge', ['child-a', ga(45, 0)]), 'INVALID_ARGUMENT');
    await rejects(h, h.submit('ped-alice', 'SetGestationalAge', ['child-a', ga(30, 7)]), 'INVALID_ARGUMENT');
    await rejects(h, h.submit('ped-alice', 'SetGestationalAge', ['child-a', '{"weeks":30}']), 'INVALID_ARGUMENT');
    await rejects(h, h.submit('ped-alice', 'SetGestationalAge', ['child-x', ga(30, 2)]), 'NOT_FOUND');
    await h.submit('ped-alice', 'SetGestationalAge', ['child-a', ga(30, 2)]);
    await rejects(h, h.submit('ped-alice', 'SetGestationalAge', ['child-a', ga(30, 2)]), 'CONFLICT');
    await h.submit('ped-alice', 'TerminateAgreement', ['agr-1']);
    await rejects(h, h.submit('ped-alice', 'SetGestationalAge', ['child-a', ga(32, 0)]), 'FORBIDDEN');
  });
});
