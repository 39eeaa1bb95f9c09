// On the real network: a card's entries are records (concurrent writers all commit, first time), its history comes
// in pages bounded in bytes, the open-request key holds for every guardian while one parent's requests for several
// schools commit together, and both chaincodes answer org.hyperledger.fabric:GetMetadata.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CardEntry, CardHistoryPage, LIMITS, MedicalCardSummary } from '@pediledger/domain';
import { refused, runIds, type Session, sessionsOf } from './session';
import { careStarted, storyIds } from './story';

const id = runIds('scale');
const ids = storyIds(id);
let users: Record<'ped-alice' | 'parent-carla' | 'parent-diego', Session>;

beforeAll(async () => {
  users = await sessionsOf('ped-alice', 'parent-carla', 'parent-diego');
  await careStarted(ids, users['parent-carla'], users['ped-alice']);
  // The Parents peer has committed the card too (Carla evaluates there), so both endorsers read the same state.
  MedicalCardSummary.parse(await users['parent-carla'].evaluate('medical', 'ReadMedicalCard', [ids.childId]));
});

afterAll(() => {
  for (const session of Object.values(users)) session.close();
});

/** Records `count` entries, `parallel` at a time; every submit must commit on its first try. */
async function recordMany(
  prefix: string,
  count: number,
  parallel: number,
  entry: (i: number) => [string, object],
): Promise<void> {
  for (let start = 0; start < count; start += parallel) {
    await Promise.all(
      Array.from({ length: Math.min(parallel, count - start) }, async (_, offset) => {
        const [fn, value] = entry(start + offset);
        await users['ped-alice'].submit('medical', fn, [
          ids.childId,
          id(`${prefix}${start + offset}`),
          JSON.stringify(value),
        ]);
      }),
    );
  }
}

/**
 * The card's summary once both endorsing peers agree on it: a submit waits for its commit on the submitter's own
 * peer only, and the tests read on the Parents peer.
 */
async function summary(): Promise<MedicalCardSummary> {
  const read = async (uid: 'ped-alice' | 'parent-diego'): Promise<MedicalCardSummary> =>
    MedicalCardSummary.parse(await users[uid].evaluate('medical', 'ReadMedicalCard', [ids.childId]));
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [hospital, parents] = await Promise.all([read('ped-alice'), read('parent-diego')]);
    if (hospital.version === parents.version || Date.now() > deadline) return parents;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('a card whose entries are records', () => {
  it('takes six concurrent writers, every one committing on its first try (no MVCC conflict to retry)', async () => {
    const before = (await summary()).version;
    await recordMany('six', 6, 6, (i) => ['RecordMeasurement', { date: '2024-03-01', weightKg: 16 + i / 10 }]);
    expect((await summary()).version).toBe(before + 6);
  });

  it('pages its history newest first, every page within 256 KiB, however long its entries', async () => {
    // Visit notes of 4000 quotes: each about 8 KiB of JSON, so 40 of them cannot fit one page.
    const longText = `${'"'.repeat(3999)}x`;
    await recordMany('note', 40, 10, () => ['AddVisitNote', { date: '2024-03-02', text: longText }]);
    const total = (await summary()).version - 1;
    const seen: CardEntry[] = [];
    let bookmark = '';
    let pages = 0;
    do {
      const raw = await users['parent-carla'].evaluate('medical', 'GetMedicalCardHistory', [
        ids.childId,
        String(LIMITS.pageEntries),
        bookmark,
      ]);
      expect(Buffer.byteLength(JSON.stringify(raw))).toBeLessThanOrEqual(LIMITS.pageBytes);
      const page = CardHistoryPage.parse(raw);
      seen.push(...page.items);
      bookmark = page.bookmark;
      pages += 1;
    } while (bookmark !== '');
    expect(pages).toBeGreaterThan(1);
    expect(seen).toHaveLength(total);
    expect(new Set(seen.map((e) => e.entryId)).size).toBe(total);
    const times = seen.map((e) => e.recordedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('refuses a second entry with an id the card already has', async () => {
    const entry = JSON.stringify({ date: '2024-03-03', weightKg: 17 });
    await refused(
      users['ped-alice'].submit('medical', 'RecordMeasurement', [ids.childId, id('six0'), entry]),
      'CONFLICT',
    );
  });
});

describe('one open admission request per child and school', () => {
  const admission = (requestId: string, schoolId: string, guardian: string): string =>
    JSON.stringify({
      requestId,
      childId: ids.childId,
      childGivenName: 'Lia',
      childFamilyName: 'Rossi',
      childBirthDate: '2019-05-04',
      schoolId,
      guardianUids: [guardian],
    });

  it('holds for both guardians; one parent’s requests to two schools commit together', async () => {
    await Promise.all([
      users['parent-carla'].submit('report', 'CreateAdmissionRequest', [
        admission(id('adm-oak'), 'oak-primary', 'parent-diego'),
      ]),
      users['parent-carla'].submit('report', 'CreateAdmissionRequest', [
        admission(id('adm-pine'), 'pine-elementary', 'parent-diego'),
      ]),
    ]);
    await refused(
      users['parent-diego'].submit('report', 'CreateAdmissionRequest', [
        admission(id('adm-oak-2'), 'oak-primary', 'parent-carla'),
      ]),
      'CONFLICT',
    );
    await users['parent-diego'].submit('report', 'WithdrawAdmissionRequest', [id('adm-oak')]);
    await users['parent-diego'].submit('report', 'CreateAdmissionRequest', [
      admission(id('adm-oak-2'), 'oak-primary', 'parent-carla'),
    ]);
  });
});

describe('contract metadata', () => {
  it('org.hyperledger.fabric:GetMetadata answers on both chaincodes', async () => {
    for (const channel of ['medical', 'report'] as const) {
      const metadata = (await users['parent-carla'].evaluate(channel, 'org.hyperledger.fabric:GetMetadata')) as {
        contracts: Record<string, { transactions: { name: string }[] }>;
      };
      const names = Object.values(metadata.contracts).flatMap((c) => c.transactions.map((t) => t.name));
      expect(names).toContain(channel === 'medical' ? 'RecordMeasurement' : 'CreateAdmissionRequest');
    }
  });
});
