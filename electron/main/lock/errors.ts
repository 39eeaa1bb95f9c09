// Typed errors of the app lock. Each failure has its own code so the lock screen can say exactly what to do.
import { errorCodes, type AppErrorCode } from '@pediledger/domain';
import { AppError, type JsonValue } from '../../../shared/errors.ts';

/** Codes of the app lock's errors. */
export const LockErrorCode = {
  Locked: errorCodes.appLocked,
  PinRequired: errorCodes.lockPinRequired,
  WrongPin: errorCodes.lockWrongPin,
  Throttled: errorCodes.lockThrottled,
} as const satisfies Record<string, AppErrorCode>;

/** The app is locked: only the lock screen's own calls are served until the user unlocks. */
export class AppLockedError extends AppError {
  override name = 'AppLockedError';
  constructor() {
    super(LockErrorCode.Locked, 'PediLedger is locked. Unlock it to continue.');
  }
}

/** The active identity has an unlock PIN and the call did not give one. */
export class PinRequiredError extends AppError {
  override name = 'PinRequiredError';
  constructor() {
    super(LockErrorCode.PinRequired, 'Enter the PIN of this identity.');
  }
}

/** The PIN given does not match. `retryAfter` is set once too many attempts failed. */
export class WrongPinError extends AppError {
  override name = 'WrongPinError';
  constructor(attemptsBeforeWait: number, retryAfter: Date | null) {
    const details: Record<string, JsonValue> = { attemptsBeforeWait };
    if (retryAfter !== null) details['retryAfter'] = retryAfter.toISOString();
    super(
      LockErrorCode.WrongPin,
      retryAfter === null
        ? 'That PIN is not right.'
        : `That PIN is not right. Try again after ${retryAfter.toLocaleTimeString('en-GB')}.`,
      { details },
    );
  }
}

/** Too many wrong PINs: attempts are refused until `retryAfter`, so a PIN cannot be guessed at machine speed. */
export class LockThrottledError extends AppError {
  override name = 'LockThrottledError';
  constructor(retryAfter: Date) {
    super(LockErrorCode.Throttled, `Too many wrong PINs. Try again after ${retryAfter.toLocaleTimeString('en-GB')}.`, {
      details: { retryAfter: retryAfter.toISOString() },
    });
  }
}

/** A PIN belongs to an identity, and no identity is active. */
export class NoActiveIdentityError extends AppError {
  override name = 'NoActiveIdentityError';
  constructor() {
    super(errorCodes.noActiveIdentity, 'Choose an identity first.');
  }
}
