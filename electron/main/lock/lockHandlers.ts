// The lock:* entries. Which entries are served while the app is locked is declared per entry in the IPC contract
// (`whileLocked`) and applied by the router to every call.
import type { Handlers } from '../ipc/handlers.ts';
import type { AppLock } from './appLock.ts';

/** The handlers of the lock:* entries. */
export type LockHandlers = Pick<Handlers, 'lock:state' | 'lock:lock' | 'lock:unlock' | 'lock:setPin'>;

/** Builds the lock:* handlers on `lock`. */
export function createLockHandlers(lock: AppLock): LockHandlers {
  return {
    'lock:state': () => lock.state(),
    'lock:lock': () => lock.lock(),
    'lock:unlock': ({ pin }) => lock.unlock(pin),
    'lock:setPin': ({ currentPin, newPin }) => lock.setPin(currentPin, newPin),
  };
}
