// The lock:* entries, and the gate that makes the lock real: every other entry is refused while the app is locked.
import type { InvokeChannel } from '../../../shared/ipc/channels.ts';
import type { Handlers } from '../ipc/handlers.ts';
import type { AppLock } from './appLock.ts';
import { AppLockedError } from './errors.ts';

/** The handlers of the lock:* entries. */
export type LockHandlers = Pick<Handlers, 'lock:state' | 'lock:lock' | 'lock:unlock' | 'lock:setPin'>;

/**
 * What the lock screen may still do: show who is signed in, switch to (or enroll) another identity, add a connection
 * profile, and unlock. Reading or writing any record, removing an identity or changing a PIN needs an unlocked app.
 */
export const servedWhileLocked: ReadonlySet<InvokeChannel> = new Set<InvokeChannel>([
  'app:info',
  'identity:list',
  'identity:setActive',
  'enrollment:caInfo',
  'enrollment:enroll',
  'enrollment:importPem',
  'profiles:list',
  'profiles:import',
  'connection:state',
  'lock:state',
  'lock:lock',
  'lock:unlock',
]);

/** Builds the lock:* handlers on `lock`. */
export function createLockHandlers(lock: AppLock): LockHandlers {
  return {
    'lock:state': () => lock.state(),
    'lock:lock': () => lock.lock(),
    'lock:unlock': ({ pin }) => lock.unlock(pin),
    'lock:setPin': ({ currentPin, newPin }) => lock.setPin(currentPin, newPin),
  };
}

/**
 * Wraps every handler that is not in {@link servedWhileLocked} so it throws `AppLockedError` while the app is locked.
 * The check runs before the handler, so a refused call has no effect at all.
 */
export function guardWhileLocked<H extends Partial<Handlers>>(handlers: H, lock: Pick<AppLock, 'isLocked'>): H {
  const guarded: Record<string, unknown> = { ...handlers };
  for (const [channel, handler] of Object.entries(handlers) as [InvokeChannel, unknown][]) {
    if (servedWhileLocked.has(channel) || typeof handler !== 'function') continue;
    const run = handler as (...args: unknown[]) => unknown;
    guarded[channel] = async (...args: unknown[]) => {
      if (await lock.isLocked()) throw new AppLockedError();
      return run(...args);
    };
  }
  // Same keys, each value either untouched or a wrapper with the same parameters and (awaited) result.
  return guarded as H;
}
