// The app lock against the real OS keychain (the test run's throwaway Secret Service), with a cheap scrypt cost.
import { assembleCard } from '@pediledger/domain';
import { afterAll, describe, expect, it } from 'vitest';
import { KeytarSecretStore } from '../identity/keytarSecretStore.ts';
import { ipcContract } from '../../../shared/ipc/contract.ts';
import { partialAppHandlers } from '../testing/partialHandlers.ts';
import { createAppInfo } from '../app-info.ts';
import { createIpcRouter } from '../ipc/router.ts';
import { AppLock, type AppLockOptions } from './appLock.ts';
import { LockErrorCode } from './errors.ts';
import { hashPin, verifyPin } from './pinHash.ts';

const secrets = new KeytarSecretStore();
const service = `PediLedger-lock-test-${Date.now().toString(36)}`;
const cheap = { N: 2 ** 10, r: 8, p: 1 };

afterAll(async () => {
  for (const account of await secrets.list(service)) await secrets.delete(service, account);
});

/** A lock whose active identity and clock the test moves. */
interface TestLock {
  lock: AppLock;
  active: { id: string | null };
  clock: { now: Date };
}

function makeLock(options: Partial<AppLockOptions> & { active?: { id: string | null } } = {}): TestLock {
  const active = options.active ?? { id: `identity-${Math.random().toString(36).slice(2)}` };
  const clock = { now: new Date('2026-11-23T10:00:00Z') };
  const lock = new AppLock({
    secrets,
    service,
    activeIdentityId: () => Promise.resolve(active.id),
    now: () => clock.now,
    pinCost: cheap,
    ...options,
  });
  return { lock, active, clock };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code: string }).code;
  }
  return 'resolved';
}

describe('AppLock', () => {
  it('locks and unlocks without a PIN when the identity has none, telling every window', async () => {
    const changes: boolean[] = [];
    const { lock } = makeLock({ onChange: (state) => changes.push(state.locked) });
    expect(await lock.state()).toEqual({ locked: false, pinSet: false, retryAfter: null });
    expect((await lock.lock()).locked).toBe(true);
    expect(await lock.isLocked()).toBe(true);
    expect(await lock.unlock(undefined)).toEqual({ locked: false, pinSet: false, retryAfter: null });
    expect(changes).toEqual([true, false]);
  });

  it('needs the PIN once one is set, and a wrong PIN leaves it locked', async () => {
    const { lock } = makeLock();
    expect((await lock.setPin(undefined, '2468')).pinSet).toBe(true);
    await lock.lock();
    expect(await codeOf(lock.unlock(undefined))).toBe(LockErrorCode.PinRequired);
    expect(await codeOf(lock.unlock('1357'))).toBe(LockErrorCode.WrongPin);
    expect(await lock.isLocked()).toBe(true);
    expect((await lock.unlock('2468')).locked).toBe(false);
  });

  it('says how many attempts are left, then makes the user wait, doubling the wait', async () => {
    const { lock, clock } = makeLock({ freeAttempts: 2, firstWaitMs: 60_000 });
    await lock.setPin(undefined, '2468');
    await lock.lock();
    const first = await lock.unlock('0000').catch((error: unknown) => error);
    expect(first).toMatchObject({ code: LockErrorCode.WrongPin, details: { attemptsBeforeWait: 1 } });
    const second = await lock.unlock('0000').catch((error: unknown) => error);
    expect(second).toMatchObject({
      code: LockErrorCode.WrongPin,
      details: { attemptsBeforeWait: 0, retryAfter: '2026-11-23T10:01:00.000Z' },
    });
    // Even the right PIN is refused until the wait is over, so the wait cannot be skipped by guessing on.
    expect(await codeOf(lock.unlock('2468'))).toBe(LockErrorCode.Throttled);
    expect((await lock.state()).retryAfter).toBe('2026-11-23T10:01:00.000Z');
    clock.now = new Date('2026-11-23T10:01:01Z');
    const third = await lock.unlock('0000').catch((error: unknown) => error);
    expect(third).toMatchObject({ details: { retryAfter: '2026-11-23T10:03:01.000Z' } });
    clock.now = new Date('2026-11-23T10:04:00Z');
    expect((await lock.unlock('2468')).locked).toBe(false);
    // Success clears the count: the next wrong PIN is a free attempt again.
    await lock.lock();
    expect(await lock.unlock('0000').catch((error: unknown) => error)).toMatchObject({
      details: { attemptsBeforeWait: 1 },
    });
  });

  it('keeps failed attempts across a restart of the app', async () => {
    const active = { id: `identity-restart-${Date.now().toString(36)}` };
    const before = makeLock({ active, freeAttempts: 1, firstWaitMs: 60_000 });
    await before.lock.setPin(undefined, '2468');
    await before.lock.lock();
    await before.lock.unlock('0000').catch(() => undefined);
    const after = makeLock({ active, freeAttempts: 1, firstWaitMs: 60_000 });
    // A restarted app starts locked for an identity with a PIN, and still waits.
    expect(await after.lock.state()).toMatchObject({
      locked: true,
      pinSet: true,
      retryAfter: '2026-11-23T10:01:00.000Z',
    });
    expect(await codeOf(after.lock.unlock('2468'))).toBe(LockErrorCode.Throttled);
  });

  it('locks when switching to an identity with a PIN, and not for one without', async () => {
    const active: { id: string | null } = { id: 'switch-a' };
    const { lock } = makeLock({ active });
    await lock.setPin(undefined, '1111');
    active.id = 'switch-b';
    expect(await lock.state()).toEqual({ locked: false, pinSet: false, retryAfter: null });
    active.id = 'switch-a';
    expect(await lock.isLocked()).toBe(true);
    active.id = null;
    expect(await lock.state()).toEqual({ locked: false, pinSet: false, retryAfter: null });
  });

  it('changes or removes a PIN only with the current one, and never while locked', async () => {
    const { lock } = makeLock();
    await lock.setPin(undefined, '1111');
    expect(await codeOf(lock.setPin(undefined, '2222'))).toBe(LockErrorCode.PinRequired);
    expect(await codeOf(lock.setPin('9999', '2222'))).toBe(LockErrorCode.WrongPin);
    await lock.setPin('1111', '2222');
    await lock.lock();
    expect(await codeOf(lock.setPin('2222', null))).toBe(LockErrorCode.Locked);
    await lock.unlock('2222');
    expect((await lock.setPin('2222', null)).pinSet).toBe(false);
    await lock.lock();
    expect((await lock.unlock(undefined)).locked).toBe(false);
  });

  it('refuses to set a PIN with no active identity', async () => {
    const { lock } = makeLock({ active: { id: null } });
    expect(await codeOf(lock.setPin(undefined, '1234'))).toBe('NO_ACTIVE_IDENTITY');
  });

  it('forgets a removed identity’s PIN and attempts', async () => {
    const { lock, active } = makeLock();
    await lock.setPin(undefined, '1111');
    await lock.lock();
    await lock.unlock('0000').catch(() => undefined);
    await lock.forgetIdentity(active.id ?? '');
    const accounts = await secrets.list(service);
    expect(accounts.filter((account) => account.endsWith(active.id ?? ''))).toEqual([]);
  });
});

describe('the router with the app lock', () => {
  it('refuses data entries while locked without running them, and serves the lock screen’s entries', async () => {
    const { lock } = makeLock();
    const ran: string[] = [];
    const handlers = partialAppHandlers(createAppInfo('electron', '0.1.0', 'test'), {
      'card:read': () => {
        ran.push('card:read');
        const counts = { allergies: 0, conditions: 0, immunizations: 0, measurements: 0, visitNotes: 0 };
        const at = '2025-01-01T00:00:00.000Z';
        const summary = {
          childId: 'c1',
          format: 2 as const,
          created: null,
          version: 1,
          txId: '',
          updatedBy: 'p',
          updatedAt: at,
          counts,
        };
        return Promise.resolve(assembleCard(summary, []));
      },
      'identity:list': () => {
        ran.push('identity:list');
        return { identities: [], activeId: null };
      },
    });
    const router = createIpcRouter(ipcContract, handlers, { lock });
    const context = { transport: 'electron', origin: 'app://pediledger' } as const;
    await lock.lock();
    expect(await router.call('card:read', { childId: 'c1' }, context)).toMatchObject({
      ok: false,
      error: { code: LockErrorCode.Locked },
    });
    expect(await router.call('identity:list', undefined, context)).toMatchObject({ ok: true });
    expect(ran).toEqual(['identity:list']);
    await lock.unlock(undefined);
    expect(await router.call('card:read', { childId: 'c1' }, context)).toMatchObject({ ok: true });
    expect(ran).toEqual(['identity:list', 'card:read']);
  });
});

describe('PIN hashing', () => {
  it('verifies the right PIN only, and a damaged record never matches', async () => {
    const stored = await hashPin('123456', cheap);
    expect(stored).not.toContain('123456');
    expect(await verifyPin('123456', stored)).toBe(true);
    expect(await verifyPin('123457', stored)).toBe(false);
    expect(await verifyPin('123456', '{"v":1}')).toBe(false);
    expect(await verifyPin('123456', 'not json')).toBe(false);
  });
});
