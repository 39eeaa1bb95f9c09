// The app lock, enforced in main: while it is locked the router serves only the lock screen's calls, so a page that
// hid the lock screen (or a second window) still cannot read a child's card. Each identity may have an unlock PIN;
// switching to an identity that has one locks the app until its PIN is given, and so does starting the app.
//
// What it guards against: someone at a shared clinic PC using the app of a colleague who walked away. It does not
// guard against a person who can use the OS account itself (the OS keychain is open to them): that is the OS lock's job.
import type { LockState } from '../../../shared/ipc/dto/lock.ts';
import type { SecretStore } from '../identity/secretStore.ts';
import {
  LockThrottledError,
  NoActiveIdentityError,
  PinRequiredError,
  WrongPinError,
  AppLockedError,
} from './errors.ts';
import { hashPin, verifyPin } from './pinHash.ts';
import { z } from 'zod';

/** Options for {@link AppLock}. */
export interface AppLockOptions {
  /** The OS keychain: PIN hashes and failed-attempt counters live there, never in the data folder. */
  readonly secrets: SecretStore;
  /** Keychain service of the lock's entries; separate from the identities' so they never list each other's. */
  readonly service: string;
  /** The identity the app acts as right now (the identity store's active choice). */
  activeIdentityId(): Promise<string | null>;
  readonly now?: () => Date;
  /** Wrong PINs allowed before each further one makes the user wait. */
  readonly freeAttempts?: number;
  /** The first wait; it doubles with each further wrong PIN, up to {@link MAX_WAIT_MS}. */
  readonly firstWaitMs?: number;
  /** Told whenever the app locks or unlocks, so every window shows it at once. */
  readonly onChange?: (state: LockState) => void;
  /** scrypt cost; tests lower it. */
  readonly pinCost?: { N: number; r: number; p: number };
}

const MAX_WAIT_MS = 15 * 60_000;

/** Failed attempts of one identity, kept in the keychain so restarting the app does not reset them. */
const Attempts = z.strictObject({ count: z.number().int().min(0), retryAfter: z.iso.datetime().nullable() });
type Attempts = z.infer<typeof Attempts>;

const NOT_READ = Symbol('not read yet');

/** The app lock of one app instance. Every method is serialised, so a lock and an unlock cannot interleave. */
export class AppLock {
  readonly #secrets: SecretStore;
  readonly #service: string;
  readonly #activeIdentityId: () => Promise<string | null>;
  readonly #now: () => Date;
  readonly #freeAttempts: number;
  readonly #firstWaitMs: number;
  readonly #pinCost: { N: number; r: number; p: number } | undefined;
  readonly #onChange: (state: LockState) => void;
  #locked = false;
  /** The identity the lock state belongs to; a different active identity means the state must be decided again. */
  #stateOf: string | null | typeof NOT_READ = NOT_READ;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: AppLockOptions) {
    this.#secrets = options.secrets;
    this.#service = options.service;
    this.#activeIdentityId = () => options.activeIdentityId();
    this.#now = options.now ?? (() => new Date());
    this.#freeAttempts = options.freeAttempts ?? 5;
    this.#firstWaitMs = options.firstWaitMs ?? 30_000;
    this.#pinCost = options.pinCost;
    this.#onChange = options.onChange ?? (() => undefined);
  }

  /** Where the lock stands for the active identity. */
  state(): Promise<LockState> {
    return this.#exclusive(async () => this.#describe(await this.#follow()));
  }

  /** Whether calls other than the lock screen's must be refused right now. */
  isLocked(): Promise<boolean> {
    return this.#exclusive(async () => {
      await this.#follow();
      return this.#locked;
    });
  }

  /** Locks the app (idle timeout, the lock button, the OS locking its screen). */
  lock(): Promise<LockState> {
    return this.#exclusive(async () => {
      const active = await this.#follow();
      this.#locked = true;
      const state = await this.#describe(active);
      this.#onChange(state);
      return state;
    });
  }

  /**
   * Unlocks the app. An identity with a PIN needs it; wrong PINs beyond the free attempts make the user wait.
   * @throws PinRequiredError, WrongPinError, LockThrottledError
   */
  unlock(pin: string | undefined): Promise<LockState> {
    return this.#exclusive(async () => {
      const active = await this.#follow();
      if (!this.#locked) return this.#describe(active);
      if (active !== null && (await this.#pinRecord(active)) !== null) {
        if (pin === undefined) throw new PinRequiredError();
        await this.#checkPin(active, pin);
      }
      this.#locked = false;
      const state = await this.#describe(active);
      this.#onChange(state);
      return state;
    });
  }

  /**
   * Sets, changes or (with `newPin` null) removes the active identity's PIN. Changing or removing needs the current
   * PIN, so a colleague at an unlocked screen cannot take the identity over.
   * @throws AppLockedError, NoActiveIdentityError, PinRequiredError, WrongPinError, LockThrottledError
   */
  setPin(currentPin: string | undefined, newPin: string | null): Promise<LockState> {
    return this.#exclusive(async () => {
      const active = await this.#follow();
      if (this.#locked) throw new AppLockedError();
      if (active === null) throw new NoActiveIdentityError();
      if ((await this.#pinRecord(active)) !== null) {
        if (currentPin === undefined) throw new PinRequiredError();
        await this.#checkPin(active, currentPin);
      }
      if (newPin === null) await this.#secrets.delete(this.#service, pinAccount(active));
      else await this.#secrets.set(this.#service, pinAccount(active), await hashPin(newPin, this.#pinCost));
      return this.#describe(active);
    });
  }

  /** Deletes what the lock kept for an identity that was removed from this computer. */
  forgetIdentity(identityId: string): Promise<void> {
    return this.#exclusive(async () => {
      await this.#secrets.delete(this.#service, pinAccount(identityId));
      await this.#secrets.delete(this.#service, attemptsAccount(identityId));
    });
  }

  /**
   * Re-decides the lock when the active identity changed (app start, switch, enrollment, removal): an identity with a
   * PIN starts locked, one without starts unlocked. Returns the active identity.
   */
  async #follow(): Promise<string | null> {
    const active = await this.#activeIdentityId();
    if (active !== this.#stateOf) {
      this.#locked = active !== null && (await this.#pinRecord(active)) !== null;
      this.#stateOf = active;
    }
    return active;
  }

  async #describe(active: string | null): Promise<LockState> {
    const pinSet = active !== null && (await this.#pinRecord(active)) !== null;
    const retryAfter = active === null ? null : (await this.#attempts(active)).retryAfter;
    const stillWaiting = retryAfter !== null && new Date(retryAfter) > this.#now();
    return { locked: this.#locked, pinSet, retryAfter: stillWaiting ? retryAfter : null };
  }

  async #checkPin(identityId: string, pin: string): Promise<void> {
    const attempts = await this.#attempts(identityId);
    const now = this.#now();
    if (attempts.retryAfter !== null && new Date(attempts.retryAfter) > now) {
      throw new LockThrottledError(new Date(attempts.retryAfter));
    }
    const record = await this.#pinRecord(identityId);
    if (record !== null && (await verifyPin(pin, record))) {
      if (attempts.count > 0) await this.#secrets.delete(this.#service, attemptsAccount(identityId));
      return;
    }
    const count = attempts.count + 1;
    const over = count - this.#freeAttempts;
    const retryAfter = over < 0 ? null : new Date(now.getTime() + Math.min(this.#firstWaitMs * 2 ** over, MAX_WAIT_MS));
    const next: Attempts = { count, retryAfter: retryAfter === null ? null : retryAfter.toISOString() };
    await this.#secrets.set(this.#service, attemptsAccount(identityId), JSON.stringify(next));
    throw new WrongPinError(Math.max(this.#freeAttempts - count, 0), retryAfter);
  }

  #pinRecord(identityId: string): Promise<string | null> {
    return this.#secrets.get(this.#service, pinAccount(identityId));
  }

  async #attempts(identityId: string): Promise<Attempts> {
    const raw = await this.#secrets.get(this.#service, attemptsAccount(identityId));
    if (raw === null) return { count: 0, retryAfter: null };
    const parsed = Attempts.safeParse(safeJson(raw));
    // A damaged counter must not become a way around the wait: treat it as one wait's worth of failures.
    return parsed.success ? parsed.data : { count: this.#freeAttempts, retryAfter: null };
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function pinAccount(identityId: string): string {
  return `pin:${identityId}`;
}

function attemptsAccount(identityId: string): string {
  return `attempts:${identityId}`;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
