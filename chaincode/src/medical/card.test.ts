import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CardEntry,
  CardEntryHistoryPage,
  CardHistoryPage,
  type LegacyMedicalCard,
  LIMITS,
  MedicalCardSummary,
} from '@pediledger/domain';
import { toBytes } from '../shared/serialization';
import type { ChaincodeHarness } from '../testing/harness';
import { activeAgreement, medicalHarness, proposal } from '../testing/medicalFixtures';
import type { MemoryStub } from '../testing/memoryStub';

// The card's storage: entries as records (constant-cost writes that concurrent writers never share), newest-first
// pages bounded in bytes, bookmarks that cannot leave the card, and format-1 cards read as they are and converted by
// their next write.

const measurement = (weightKg: number): string => JSON.stringify({ date: '2025-02-20', weightKg });

async function record(
  h: ChaincodeHarness,
  entryId: string,
  json = measurement(15),
  fn = 'RecordMeasurement',
): Promise<CardEntry> {
  h.advance(1000);
  return CardEntry.parse(await h.submitJson('ped-alice', fn, ['child-a', entryId, json]));
}

async function summary(h: ChaincodeHarness): Promise<MedicalCardSummary> {
  return MedicalCardSummary.parse(await h.evaluateJson('parent-carla', 'ReadMedicalCard', ['child-a']));
}

async function historyPage(h: ChaincodeHarness, pageSize: number, bookmark: string): Promise<CardHistoryPage> {
  return CardHistoryPage.parse(
    await h.evaluateJson('parent-carla', 'GetMedicalCardHistory', ['child-a', String(pageSize), bookmark]),
  );
}

/** Every page of the card's history, and the JSON size of each answer. */
async function wholeHistory(h: ChaincodeHarness, pageSize: number): Promise<{ entries: CardEntry[]; sizes: number[] }> {
  const entries: CardEntry[] = [];
  const sizes: number[] = [];
  let bookmark = '';
  do {
    const answer = await h.evaluate('parent-carla', 'GetMedicalCardHistory', ['child-a', String(pageSize), bookmark]);
    sizes.push(Buffer.byteLength(answer));
    const page = CardHistoryPage.parse(JSON.parse(answer));
    entries.push(...page.items);
    bookmark = page.bookmark;
  } while (bookmark !== '');
  return { entries, sizes };
}

/** Keys a committed transaction read or wrote, for conflict checks. */
function footprint(stub: MemoryStub | undefined): { reads: Set<string>; ranges: number; writes: string[] } {
  if (stub === undefined) throw new Error('nothing committed');
  return { reads: stub.reads.keys, ranges: stub.reads.ranges.length, writes: stub.writes.map((w) => w.key) };
}

describe('entries as records', () => {
  it('a write touches the same keys on the 1st and the 300th entry, and none another writer touches', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    await record(h, 'first');
    const early = footprint(h.lastCommitted);
    for (let i = 0; i < 300; i++) await record(h, `fill-${i}`);
    await record(h, 'late');
    const late = footprint(h.lastCommitted);
    expect(early.writes).toHaveLength(2);
    expect(late.writes).toHaveLength(2);
    expect(late.reads.size).toBe(early.reads.size);
    expect(late.ranges).toBe(early.ranges);
    // Two writers of different entries: neither reads nor writes what the other writes (no MVCC or phantom conflict).
    const sizes = new Set(h.lastCommitted?.writes.map((w) => w.value?.length ?? 0));
    expect(Math.max(...sizes)).toBeLessThan(400);
    for (const key of late.writes) expect(early.reads.has(key)).toBe(false);
    for (const key of early.writes) expect(late.reads.has(key)).toBe(false);
    expect(late.writes.some((key) => early.writes.includes(key))).toBe(false);
    expect((await summary(h)).version).toBe(1 + 302);
  });

  it('has no list limit: the card keeps counting past the former 500 per list', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    for (let i = 0; i < 520; i++) await record(h, `m-${i}`);
    expect((await summary(h)).counts.measurements).toBe(520);
  });
});

describe('GetMedicalCardHistory pages', () => {
  it('returns every entry once, newest first, across pages', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    const written: string[] = [];
    for (let i = 0; i < 23; i++) written.push((await record(h, `m-${String(i).padStart(2, '0')}`)).entryId);
    const { entries, sizes } = await wholeHistory(h, 10);
    expect(sizes).toHaveLength(3);
    expect(entries.map((e) => e.entryId)).toEqual(written.reverse());
    const first = await historyPage(h, 10, '');
    expect(first.items).toHaveLength(10);
    expect(first.bookmark).toMatch(/^[0-9]{13}~measurement~m-12$/);
  });

  it('keeps every page under 256 KiB even when 100 of the longest entries would not fit', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    // Quotes double in JSON: the worst case for a page's bytes.
    const longNote = JSON.stringify({ date: '2025-02-20', text: `${'"'.repeat(3999)}x` });
    for (let i = 0; i < 60; i++) await record(h, `n-${i}`, longNote, 'AddVisitNote');
    const { entries, sizes } = await wholeHistory(h, LIMITS.pageEntries);
    expect(entries).toHaveLength(60);
    expect(sizes.length).toBeGreaterThan(1);
    for (const size of sizes) expect(size).toBeLessThanOrEqual(LIMITS.pageBytes);
  });

  it('never leaves the card: a bookmark only positions within the caller’s child', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    await h.submit('parent-emma', 'ProposeAgreement', [
      proposal({ agreementId: 'agr-b', childId: 'child-0', child: undefined }).replace(
        '"childId":"child-0"',
        '"childId":"child-0","child":{"givenName":"Ada","familyName":"Bo","birthDate":"2019-01-01","sex":"female"}',
      ),
    ]);
    await h.submit('ped-alice', 'AcceptAgreement', ['agr-b']);
    h.advance(1000);
    await h.submit('ped-alice', 'RecordMeasurement', ['child-0', 'other-child', measurement(12)]);
    await record(h, 'mine');
    // The smallest possible position sorts before every key of child-a (and after child-0's): it must still yield
    // child-a's entries only.
    const lowest = await historyPage(h, 10, '0000000000000~allergy~0');
    expect(lowest.items.map((e) => [e.childId, e.entryId])).toEqual([['child-a', 'mine']]);
    for (const bad of ['x', '1~2~3~4', '0000000000000~parent~x', '123~measurement~m', 'a\u0000b', 'a'.repeat(201)]) {
      await expect(h.evaluate('parent-carla', 'GetMedicalCardHistory', ['child-a', '10', bad])).rejects.toThrow(
        /^INVALID_ARGUMENT: bookmark/,
      );
    }
    for (const bad of ['0', '101', '1.5', '-1', ' 5', '']) {
      await expect(h.evaluate('parent-carla', 'GetMedicalCardHistory', ['child-a', bad, ''])).rejects.toThrow(
        /^INVALID_ARGUMENT: pageSize/,
      );
    }
  });
});

describe('GetCardEntryHistory', () => {
  it('returns the entry key’s one version, and NOT_FOUND for an id the card does not have', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    const written = await record(h, 'e-1');
    const history = CardEntryHistoryPage.parse(
      await h.evaluateJson('ped-alice', 'GetCardEntryHistory', ['child-a', 'e-1', '10', '']),
    );
    expect(history).toEqual({
      items: [{ txId: written.txId, time: written.recordedAt, isDelete: false, entry: written }],
      bookmark: '',
    });
    await expect(h.evaluate('ped-alice', 'GetCardEntryHistory', ['child-a', 'e-2', '10', ''])).rejects.toThrow(
      /^NOT_FOUND: /,
    );
    await expect(h.evaluate('ped-alice', 'ReadCardEntry', ['child-a', 'e-2'])).rejects.toThrow(/^NOT_FOUND: /);
  });
});

/** A format-1 card as the chaincode before entries-as-records stored it, put straight into the ledger. */
function legacyCard(h: ChaincodeHarness): LegacyMedicalCard {
  const tx = (n: number): string => createHash('sha256').update(`legacy-${n}`).digest('hex');
  const by = { recordedBy: 'ped-alice' };
  const card: LegacyMedicalCard = {
    childId: 'child-a',
    allergies: [
      {
        substance: 'Peanuts',
        reaction: 'Hives',
        severity: 'severe',
        ...by,
        recordedAt: '2024-05-01T10:00:00.000Z',
        txId: tx(2),
      },
    ],
    conditions: [],
    immunizations: [
      { vaccine: 'MMR', dose: 1, date: '2024-04-01', ...by, recordedAt: '2024-04-01T10:00:00.000Z', txId: tx(1) },
    ],
    measurements: [
      { date: '2024-06-01', weightKg: 14, ...by, recordedAt: '2024-06-01T10:00:00.000Z', txId: tx(3) },
      { date: '2024-07-01', heightCm: 98, ...by, recordedAt: '2024-07-01T10:00:00.000Z', txId: tx(4) },
    ],
    visitNotes: [],
    version: 5,
    updatedBy: 'ped-alice',
    updatedAt: '2024-07-01T10:00:00.000Z',
    txId: tx(4),
  };
  h.ledger.state.set('\u0000card\u0000child-a\u0000', toBytes(card));
  return card;
}

describe('format-1 cards (one value, before entries became records)', () => {
  it('read as they were: summary, history pages, entries by the id of the transaction that recorded them', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    const legacy = legacyCard(h);
    expect(await summary(h)).toEqual({
      childId: 'child-a',
      format: 1,
      created: null,
      version: 5,
      txId: legacy.txId,
      updatedBy: 'ped-alice',
      updatedAt: legacy.updatedAt,
      counts: { allergies: 1, conditions: 0, immunizations: 1, measurements: 2, visitNotes: 0 },
    });
    const first = await historyPage(h, 3, '');
    const second = await historyPage(h, 3, first.bookmark);
    expect(second.bookmark).toBe('');
    expect([...first.items, ...second.items].map((e) => [e.kind, e.recordedAt])).toEqual([
      ['measurement', '2024-07-01T10:00:00.000Z'],
      ['measurement', '2024-06-01T10:00:00.000Z'],
      ['allergy', '2024-05-01T10:00:00.000Z'],
      ['immunization', '2024-04-01T10:00:00.000Z'],
    ]);
    const peanuts = legacy.allergies[0];
    const read = CardEntry.parse(await h.evaluateJson('parent-diego', 'ReadCardEntry', ['child-a', peanuts?.txId]));
    expect(read).toEqual({ ...peanuts, kind: 'allergy', entryId: peanuts?.txId, childId: 'child-a' });
    const versions = CardEntryHistoryPage.parse(
      await h.evaluateJson('parent-diego', 'GetCardEntryHistory', ['child-a', peanuts?.txId, '5', '']),
    );
    expect(versions.items).toEqual([{ txId: peanuts?.txId, time: peanuts?.recordedAt, isDelete: false, entry: read }]);
  });

  it('are converted by their next write, which reads the same afterwards and refuses a legacy id again', async () => {
    const h = medicalHarness();
    await activeAgreement(h);
    const legacy = legacyCard(h);
    const before = await wholeHistory(h, 100);
    await expect(h.submit('ped-alice', 'RecordMeasurement', ['child-a', legacy.txId, measurement(16)])).rejects.toThrow(
      /^CONFLICT: /,
    );
    const added = await record(h, 'after-conversion');
    const after = await wholeHistory(h, 100);
    expect(after.entries).toEqual([added, ...before.entries]);
    const converted = await summary(h);
    expect(converted).toMatchObject({ format: 2, version: 6, txId: added.txId, created: null });
    expect(converted.counts).toEqual({ allergies: 1, conditions: 0, immunizations: 1, measurements: 3, visitNotes: 0 });
    // Converted once: the next write is an ordinary two-key write again.
    await record(h, 'next');
    expect(h.lastCommitted?.writes).toHaveLength(2);
  });
});
