// The directory on the real network: a pediatrician and a school admin publish, every role lists, an update replaces
// the entry, and withdrawing removes it. The entries are shared ledger state (other tests and the E2E story publish
// too), so this test checks its own entries only and leaves none behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryEntry } from '@pediledger/domain';
import { refused, runIds, type Session, sessionsOf } from './session';

const id = runIds('dir');
let users: Record<'ped-bruno' | 'parent-emma' | 'admin-pine', Session>;

async function listed(who: Session, kind: 'pediatrician' | 'school'): Promise<DirectoryEntry[]> {
  return DirectoryEntry.array().parse(await who.evaluate('report', 'ListDirectory', [kind]));
}

beforeAll(async () => {
  users = await sessionsOf('ped-bruno', 'parent-emma', 'admin-pine');
  // Start from no entry for the two publishers, whatever earlier runs left.
  for (const who of [users['ped-bruno'], users['admin-pine']]) {
    await who.submit('report', 'WithdrawDirectoryEntry').catch(() => undefined);
  }
});

afterAll(() => {
  for (const session of Object.values(users)) session.close();
});

describe('directory', () => {
  it('publish → list → update → withdraw', async () => {
    const bruno = `Dr Bruno Keller ${id('a')}`;
    const pine = `Pine Elementary ${id('a')}`;
    const published = DirectoryEntry.parse(await users['ped-bruno'].submit('report', 'PublishDirectoryEntry', [bruno]));
    expect(published).toMatchObject({ kind: 'pediatrician', id: 'ped-bruno', displayName: bruno, org: 'hospital' });
    expect(Date.parse(published.updatedAt)).toBeGreaterThan(Date.now() - 5 * 60_000);
    await users['admin-pine'].submit('report', 'PublishDirectoryEntry', [pine]);

    // Parents (the ones who pick) see both; the lists are sorted by display name, then id.
    const pediatricians = await listed(users['parent-emma'], 'pediatrician');
    expect(pediatricians).toContainEqual(published);
    const names = pediatricians.map((e) => [e.displayName.toLowerCase(), e.id].join('\u0000'));
    expect(names).toEqual([...names].sort());
    expect((await listed(users['parent-emma'], 'school')).find((e) => e.id === 'pine-elementary')?.displayName).toBe(
      pine,
    );

    const renamed = `Dr B. Keller ${id('b')}`;
    await users['ped-bruno'].submit('report', 'PublishDirectoryEntry', [renamed]);
    const mine = (await listed(users['admin-pine'], 'pediatrician')).filter((e) => e.id === 'ped-bruno');
    expect(mine.map((e) => e.displayName)).toEqual([renamed]);

    // Each publisher reads its own entry alone; a parent has none to read.
    const own = DirectoryEntry.nullable().parse(await users['ped-bruno'].evaluate('report', 'ReadMyDirectoryEntry'));
    expect(own?.displayName).toBe(renamed);
    expect(
      DirectoryEntry.nullable().parse(await users['admin-pine'].evaluate('report', 'ReadMyDirectoryEntry')),
    ).toMatchObject({ kind: 'school', id: 'pine-elementary', displayName: pine });
    await refused(users['parent-emma'].evaluate('report', 'ReadMyDirectoryEntry'), 'FORBIDDEN');

    const withdrawn = DirectoryEntry.parse(await users['ped-bruno'].submit('report', 'WithdrawDirectoryEntry'));
    expect(withdrawn.displayName).toBe(renamed);
    await users['admin-pine'].submit('report', 'WithdrawDirectoryEntry');
    expect((await listed(users['parent-emma'], 'pediatrician')).map((e) => e.id)).not.toContain('ped-bruno');
    expect((await listed(users['parent-emma'], 'school')).map((e) => e.id)).not.toContain('pine-elementary');
    expect(await users['ped-bruno'].evaluate('report', 'ReadMyDirectoryEntry')).toBeNull();
    await refused(users['ped-bruno'].submit('report', 'WithdrawDirectoryEntry'), 'NOT_FOUND');
    await refused(users['ped-bruno'].submit('report', 'PublishDirectoryEntry', ['Dr\nBruno']), 'INVALID_ARGUMENT');
  });
});
