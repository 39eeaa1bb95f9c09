// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventPayload } from '../../../shared/ipc/api.ts';
import { connectedState, installFakeApi, tx, type FakeApi } from '../testing/fake-api.ts';
import { useConnectionStore } from './connection.ts';
import { useLockStore } from './lock.ts';
import { notificationLimit, useNotificationsStore } from './notifications.ts';
import { onIdentityUnusable, request } from '../lib/ipc.ts';
import { hasExpired, roleOf, useSessionStore } from './session.ts';
import { completedSteps, settledRetentionMs, useTransactionsStore } from './transactions.ts';
import { testIdentity } from '../testing/fixtures.ts';

let fake: FakeApi;

const identity = testIdentity;

beforeEach(() => {
  setActivePinia(createPinia());
  fake = installFakeApi();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('session store', () => {
  it('loads identities and profiles and derives the role', async () => {
    fake.answer('identity:list', { identities: [identity()], activeId: identity().id });
    fake.answer('profiles:list', [
      { org: 'hospital', mspId: 'HospitalMSP', channels: ['medical'], caName: 'ca-hospital' },
    ]);
    const session = useSessionStore();
    await session.load();
    expect(session.active?.label).toBe('Dr Alice');
    expect(session.role).toBe('pediatrician');
    expect(session.uid).toBe('ped-alice');
    expect(session.profiles).toHaveLength(1);
    expect(session.error).toBeNull();
  });

  it('keeps the error DTO when main cannot list identities', async () => {
    fake.fail('identity:list', { code: 'KEYCHAIN_UNAVAILABLE', message: 'locked' });
    fake.answer('profiles:list', []);
    const session = useSessionStore();
    await session.load();
    expect(session.error).toEqual({ code: 'KEYCHAIN_UNAVAILABLE', message: 'locked' });
    expect(session.loaded).toBe(true);
  });

  it('enrolls through the CA, stores and activates the identity, and reports failures with the stage', async () => {
    fake.answer('enrollment:caInfo', { caName: 'ca-parents', version: '1.5.21', caChainPem: '' });
    fake.answer(
      'enrollment:enroll',
      identity({ org: 'parents', role: 'parent', enrollmentId: 'parent-x', uid: 'parent-x' }),
    );
    fake.answer(
      'identity:setActive',
      identity({ org: 'parents', role: 'parent', enrollmentId: 'parent-x', uid: 'parent-x' }),
    );
    const session = useSessionStore();
    const enrolled = await session.enroll({ org: 'parents', enrollmentId: 'parent-x', secret: 's3cret', label: 'X' });
    expect(enrolled?.enrollmentId).toBe('parent-x');
    expect(session.enrollStage).toBe('done');
    expect(session.role).toBe('parent');
    expect(fake.calls.map((call) => call.channel)).toEqual([
      'enrollment:caInfo',
      'enrollment:enroll',
      'identity:setActive',
    ]);

    fake.fail('enrollment:enroll', { code: 'INVALID_CREDENTIALS', message: 'Authentication failure' });
    expect(await session.enroll({ org: 'parents', enrollmentId: 'parent-y', secret: 'bad', label: 'Y' })).toBeNull();
    expect(session.enrollStage).toBe('failed');
    expect(session.enrollError?.code).toBe('INVALID_CREDENTIALS');
  });

  it('derives roles from the certificate attribute or, without one, from the organisation', () => {
    expect(roleOf(identity({ role: 'school-admin', org: 'school' }))).toBe('school-admin');
    expect(roleOf(identity({ role: null, org: 'parents' }))).toBe('parent');
    expect(roleOf(identity({ role: 'auditor' }))).toBeNull();
  });
});

describe('an identity the network no longer accepts', () => {
  it('tells the listeners (the app then opens enrollment) when main answers IDENTITY_EXPIRED or IDENTITY_REVOKED', async () => {
    const heard: string[] = [];
    const stop = onIdentityUnusable((error) => heard.push(error.code));
    for (const code of ['IDENTITY_EXPIRED', 'IDENTITY_REVOKED', 'FORBIDDEN']) {
      fake.fail('children:listMine', { code, message: code });
      await expect(request(() => window.api['children:listMine']())).rejects.toMatchObject({ code });
    }
    stop();
    expect(heard).toEqual(['IDENTITY_EXPIRED', 'IDENTITY_REVOKED']);
  });

  it('records why for the first-run screen: expiry with its date, revocation with the organisation', async () => {
    fake.answer('identity:list', { identities: [identity()], activeId: identity().id });
    fake.answer('profiles:list', []);
    const session = useSessionStore();
    await session.load();
    session.noteUnusableIdentity({ code: 'IDENTITY_EXPIRED', message: 'x' });
    expect(session.identityNotice).toEqual({ reason: 'expired', org: 'hospital', notAfter: identity().notAfter });
    session.noteUnusableIdentity({ code: 'IDENTITY_REVOKED', message: 'x', details: { mspId: 'HospitalMSP' } });
    expect(session.identityNotice).toEqual({ reason: 'revoked', org: 'hospital', mspId: 'HospitalMSP' });
    expect(hasExpired(identity(), new Date(identity().notAfter))).toBe(true);
    expect(hasExpired(identity(), new Date(Date.parse(identity().notAfter) - 1))).toBe(false);
  });
});

describe('connection store', () => {
  it('follows connection:state and allows writes only while connected', async () => {
    fake.answer('connection:state', connectedState);
    const connection = useConnectionStore();
    await connection.start();
    expect(connection.writable).toBe(true);
    fake.emit('connection:state', {
      status: 'offline',
      identityId: connectedState.identityId,
      org: 'hospital',
      since: connectedState.since,
    });
    expect(connection.status).toBe('offline');
    expect(connection.writable).toBe(false);
    expect(() => {
      connection.assertWritable();
    }).toThrow(/Not connected/);
  });
});

describe('notifications store', () => {
  const note = (id: string, kind = 'report-ready'): EventPayload<'notification'> => ({
    id,
    level: 'info' as const,
    at: '2026-01-01T00:00:00.000Z',
    kind,
    refs: { reportId: `rep-${id}` },
  });

  it('catches up on notices sent before the page listened, without a snackbar for each', async () => {
    fake.answer('notifications:recent', [note('early'), note('later', 'agreement-proposed')]);
    const notifications = useNotificationsStore();
    notifications.start();
    await notifications.catchUp();
    expect(notifications.items.map((item) => item.id)).toEqual(['later', 'early']);
    expect(notifications.unread).toBe(2);
    expect(notifications.latest).toBeNull();
    fake.emit('notification', note('early'));
    expect(notifications.items).toHaveLength(2);
  });

  it('catches up quietly when main refuses (locked)', async () => {
    fake.fail('notifications:recent', { code: 'APP_LOCKED', message: 'locked' });
    const notifications = useNotificationsStore();
    await notifications.catchUp();
    expect(notifications.items).toEqual([]);
  });

  it('collects events, counts unread by kind, ignores replays and keeps a bounded list', () => {
    const notifications = useNotificationsStore();
    notifications.start();
    fake.emit('notification', note('a'));
    fake.emit('notification', note('a'));
    fake.emit('notification', note('b', 'agreement-proposed'));
    expect(notifications.items.map((item) => item.id)).toEqual(['b', 'a']);
    expect(notifications.unread).toBe(2);
    expect(notifications.unreadByKind).toEqual({ 'report-ready': 1, 'agreement-proposed': 1 });
    expect(notifications.latest?.id).toBe('b');
    notifications.markRead('a');
    expect(notifications.unread).toBe(1);
    notifications.markAllRead();
    expect(notifications.unread).toBe(0);
    for (let i = 0; i < notificationLimit + 5; i++) notifications.add(note(`n${i}`));
    expect(notifications.items).toHaveLength(notificationLimit);
  });
});

describe('transactions store', () => {
  it('tracks endorsed → submitted → committed, never goes back, and forgets settled transactions', () => {
    const transactions = useTransactionsStore();
    transactions.start();
    const txId = tx(5);
    fake.emit('tx:progress', { txId, channel: 'medical', stage: 'endorsed', transaction: 'RecordAllergy' });
    expect(transactions.pending).toHaveLength(1);
    expect(completedSteps(transactions.current?.stage ?? 'failed')).toBe(1);
    transactions.track({ txId, channel: 'medical', stage: 'submitted' }, 1_000);
    transactions.track({ txId, channel: 'medical', stage: 'endorsed' }, 1_001);
    expect(transactions.current?.stage).toBe('submitted');
    expect(transactions.current?.transaction).toBe('RecordAllergy');
    transactions.track({ txId, channel: 'medical', stage: 'committed' }, 2_000);
    expect(transactions.pending).toHaveLength(0);
    transactions.prune(2_000 + settledRetentionMs + 1);
    expect(transactions.all).toHaveLength(0);
  });

  it('shows failures with their error', () => {
    const transactions = useTransactionsStore();
    transactions.track({
      txId: tx(6),
      channel: 'report',
      stage: 'failed',
      error: { code: 'MVCC', message: 'conflict' },
    });
    expect(transactions.current?.error?.code).toBe('MVCC');
    expect(completedSteps('failed')).toBe(-1);
  });

  it('keeps an unconfirmed write pending (never pruned), and marks it resolved when main learns the outcome', () => {
    const transactions = useTransactionsStore();
    const txId = tx(7);
    transactions.track({ txId, channel: 'medical', stage: 'submitted', transaction: 'RecordMeasurement' }, 1_000);
    transactions.track(
      { txId, channel: 'medical', stage: 'unconfirmed', error: { code: 'OUTCOME_UNKNOWN', message: 'not yet' } },
      2_000,
    );
    transactions.prune(2_000 + settledRetentionMs * 10);
    expect(transactions.pending.map((t) => t.stage)).toEqual(['unconfirmed']);
    expect(transactions.resolved).toBeNull();
    transactions.track({ txId, channel: 'medical', stage: 'committed' }, 90_000);
    expect(transactions.resolved).toMatchObject({ txId, stage: 'committed', transaction: 'RecordMeasurement' });
    expect(transactions.pending).toHaveLength(0);
  });
});

describe('lock store', () => {
  /** Scripts main's side of the lock: no PIN unless `pin` is given. */
  function scriptLock(pin?: string): { locked: boolean } {
    const main = { locked: false };
    const state = (): { locked: boolean; pinSet: boolean; retryAfter: null } => ({
      locked: main.locked,
      pinSet: pin !== undefined,
      retryAfter: null,
    });
    fake.answer('lock:state', state);
    fake.answer('lock:lock', () => {
      main.locked = true;
      return state();
    });
    fake.answer('lock:unlock', (args: unknown) => {
      const given = (args as { pin?: string }).pin;
      if (pin !== undefined && given !== pin) throw new Error('unreachable: scripted below');
      main.locked = false;
      return state();
    });
    return main;
  }

  it('asks main to lock after the idle time; input postpones it, and unlocking restarts the countdown', async () => {
    vi.useFakeTimers();
    const main = scriptLock();
    const lock = useLockStore();
    const target = new EventTarget();
    const stop = lock.watchActivity(target);
    lock.setIdleMinutes(2);
    vi.advanceTimersByTime(90_000);
    target.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(90_000);
    expect(lock.locked).toBe(false);
    vi.advanceTimersByTime(31_000);
    // The overlay shows at once; main is told right after.
    expect(lock.locked).toBe(true);
    await vi.waitFor(
      () => {
        expect(main.locked).toBe(true);
      },
      { timeout: 10_000 },
    );
    await lock.unlock();
    expect(lock.locked).toBe(false);
    expect(main.locked).toBe(false);
    stop();
    vi.advanceTimersByTime(600_000);
    expect(lock.locked).toBe(false);
  });

  it('sends the PIN and keeps the lock when main refuses it', async () => {
    scriptLock('2468');
    fake.fail('lock:unlock', { code: 'LOCK_WRONG_PIN', message: 'That PIN is not right.' });
    const lock = useLockStore();
    await lock.lock();
    await expect(lock.unlock('1111')).rejects.toMatchObject({ code: 'LOCK_WRONG_PIN' });
    expect(lock.locked).toBe(true);
    expect(lock.pinSet).toBe(true);
    expect(fake.calls.filter((call) => call.channel === 'lock:unlock').map((call) => call.args)).toEqual([
      { pin: '1111' },
    ]);
  });

  it('shows the lock screen when main refuses a call because the app is locked', async () => {
    // Locked in main (say the OS locked its screen), while the page still thinks it is unlocked.
    scriptLock().locked = true;
    fake.fail('children:listMine', { code: 'APP_LOCKED', message: 'PediLedger is locked.' });
    const lock = useLockStore();
    const { request } = await import('../lib/ipc.ts');
    await expect(request(() => window.api['children:listMine']())).rejects.toMatchObject({ code: 'APP_LOCKED' });
    expect(lock.locked).toBe(true);
  });

  it('sets a PIN with the current one when there is one', async () => {
    fake.answer('lock:setPin', { locked: false, pinSet: true, retryAfter: null });
    const lock = useLockStore();
    await lock.setPin(undefined, '2468');
    await lock.setPin('2468', '1357');
    expect(fake.calls.filter((call) => call.channel === 'lock:setPin').map((call) => call.args)).toEqual([
      { newPin: '2468' },
      { currentPin: '2468', newPin: '1357' },
    ]);
    expect(lock.pinSet).toBe(true);
  });

  it('bounds the idle time', () => {
    const lock = useLockStore();
    lock.setIdleMinutes(0);
    expect(lock.idleMinutes).toBe(1);
    lock.setIdleMinutes(10_000);
    expect(lock.idleMinutes).toBe(240);
  });
});
