// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useConnectionStore } from '../../stores/connection.ts';
import { connectedState, installFakeApi, tx, type FakeApi } from '../../testing/fake-api.ts';
import { useDirectoryStore } from './directory-store.ts';
import { directoryEntry } from '../../testing/fixtures.ts';

let fake: FakeApi;
const pediatrician = (id: string, displayName: string): Record<string, unknown> =>
  directoryEntry('pediatrician', id, displayName);
const school = (id: string, displayName: string): Record<string, unknown> => directoryEntry('school', id, displayName);

beforeEach(() => {
  setActivePinia(createPinia());
  fake = installFakeApi();
  useConnectionStore().state = connectedState;
});

describe('directory store', () => {
  it('loads each kind and offers "Display name (id)" choices whose value is the id', async () => {
    fake.answer('directory:list', (args: unknown) =>
      (args as { kind: string }).kind === 'pediatrician'
        ? [pediatrician('ped-alice', 'Dr Alice Moreau'), pediatrician('ped-bruno', 'Dr Bruno Keller')]
        : [school('oak-primary', 'Oak Primary School')],
    );
    const directory = useDirectoryStore();
    await directory.load();
    expect(directory.loaded).toBe(true);
    expect(directory.options('pediatrician')).toEqual([
      { value: 'ped-alice', title: 'Dr Alice Moreau (ped-alice)' },
      { value: 'ped-bruno', title: 'Dr Bruno Keller (ped-bruno)' },
    ]);
    expect(directory.titleOf('school', 'oak-primary')).toBe('Oak Primary School (oak-primary)');
    expect(directory.titleOf('school', 'pine-elementary')).toBe('pine-elementary');
    expect(fake.calls.map((call) => call.args)).toEqual([{ kind: 'pediatrician' }, { kind: 'school' }]);
  });

  it('keeps the list in directory order when publishing, and drops the entry when withdrawing', async () => {
    fake.answer('directory:list', [pediatrician('ped-bruno', 'Dr Bruno Keller')]);
    const directory = useDirectoryStore();
    await directory.loadKind('pediatrician');
    fake.answer('directory:publish', { txId: tx(1), value: pediatrician('ped-alice', 'Dr Alice Moreau') });
    const published = await directory.publish('Dr Alice Moreau');
    expect(published.id).toBe('ped-alice');
    expect(fake.calls.at(-1)).toEqual({ channel: 'directory:publish', args: { displayName: 'Dr Alice Moreau' } });
    expect(directory.pediatricians.map((e) => e.id)).toEqual(['ped-alice', 'ped-bruno']);
    // Renaming replaces the entry (and re-sorts it).
    fake.answer('directory:publish', { txId: tx(2), value: pediatrician('ped-alice', 'Dr Zoe Alice') });
    await directory.publish('Dr Zoe Alice');
    expect(directory.pediatricians.map((e) => e.displayName)).toEqual(['Dr Bruno Keller', 'Dr Zoe Alice']);
    fake.answer('directory:withdraw', { txId: tx(3), value: pediatrician('ped-alice', 'Dr Zoe Alice') });
    await directory.withdraw();
    expect(directory.pediatricians.map((e) => e.id)).toEqual(['ped-bruno']);
  });

  it('rejects records the chaincode schema does not accept, and keeps list errors', async () => {
    const directory = useDirectoryStore();
    // A record outside the domain schema never reaches the renderer: main's router answers IPC_INVALID_RESULT
    // (router.test.ts, directory.test.ts), and the store keeps that error instead of a list.
    fake.fail('directory:list', { code: 'IPC_INVALID_RESULT', message: 'invalid reply' });
    await directory.loadKind('pediatrician');
    expect(directory.error?.code).toBe('IPC_INVALID_RESULT');
    fake.fail('directory:list', { code: 'APP_LOCKED', message: 'Locked' });
    await directory.loadKind('school');
    expect(directory.error?.code).toBe('IPC_INVALID_RESULT');
    directory.reset();
    expect(directory.error).toBeNull();
    await directory.loadKind('school');
    expect(directory.error?.code).toBe('APP_LOCKED');
  });

  it('refuses writes while offline without calling main', async () => {
    useConnectionStore().state = { status: 'disconnected' };
    await expect(useDirectoryStore().publish('Dr Alice')).rejects.toMatchObject({ code: 'OFFLINE' });
    await expect(useDirectoryStore().withdraw()).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(fake.calls).toHaveLength(0);
  });

  it("reads the caller's own entry alone, as the contract types it, and follows publish and withdraw", async () => {
    fake.answer('directory:readMine', null);
    const directory = useDirectoryStore();
    await directory.loadMine();
    expect(directory.mine).toBeNull();
    fake.answer('directory:readMine', pediatrician('ped-alice', 'Dr Alice Moreau'));
    await directory.loadMine();
    expect(directory.mine).toMatchObject({ id: 'ped-alice', displayName: 'Dr Alice Moreau' });
    expect(fake.calls.map((call) => call.channel)).toEqual(['directory:readMine', 'directory:readMine']);
    fake.answer('directory:withdraw', { txId: tx(1), value: pediatrician('ped-alice', 'Dr Alice Moreau') });
    await directory.withdraw();
    expect(directory.mine).toBeNull();
  });
});
