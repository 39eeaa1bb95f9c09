// The screen lock for shared clinic PCs. Main enforces it (while locked it refuses every call that reads or writes a
// record); this store mirrors main's state, starts the idle countdown and asks main to lock. The overlay hides the
// screen at once, before main answers, so a record is never visible for the length of a round trip.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { LockState } from '../../../shared/ipc/dto/lock.ts';
import { AppError, onAppLocked, request } from '../lib/ipc.ts';

/** Default idle time before the lock, in minutes. */
export const defaultIdleMinutes = 5;
const activityEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export const useLockStore = defineStore('lock', () => {
  const locked = ref(false);
  /** Whether the active identity has an unlock PIN; without one the lock is a privacy screen anyone can lift. */
  const pinSet = ref(false);
  /** After too many wrong PINs: when the next attempt is accepted (ISO 8601). */
  const retryAfter = ref<string | null>(null);
  const idleMinutes = ref(defaultIdleMinutes);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function apply(state: LockState): void {
    locked.value = state.locked;
    pinSet.value = state.pinSet;
    retryAfter.value = state.retryAfter;
    if (!state.locked) touch();
  }

  function stopTimer(): void {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  // Main locked or unlocked (the OS locked its screen, another window): follow it at once.
  let unsubscribe: (() => void) | null = null;

  /** Follows main's lock events; call once the bridge exists. */
  function start(): void {
    unsubscribe ??= window.api.on('lock:state', (state) => {
      if (state.locked) stopTimer();
      apply(state);
    });
  }

  function stop(): void {
    unsubscribe?.();
    unsubscribe = null;
  }

  // Main refused a call because it is locked (the OS locked its screen, or another window locked the app): show it.
  onAppLocked(() => {
    locked.value = true;
    stopTimer();
    void refresh();
  });

  /** Reads main's lock state (at start and after the active identity changed: an identity with a PIN starts locked). */
  async function refresh(): Promise<void> {
    apply(await request(() => window.api['lock:state']()));
  }

  /** Locks now; the overlay shows before main confirms. */
  async function lock(): Promise<void> {
    locked.value = true;
    stopTimer();
    apply(await request(() => window.api['lock:lock']()));
  }

  /**
   * Unlocks with the identity's PIN (when it has one).
   * @throws AppError with `LOCK_PIN_REQUIRED`, `LOCK_WRONG_PIN` or `LOCK_THROTTLED`; the state is refreshed first.
   */
  async function unlock(pin?: string): Promise<void> {
    try {
      apply(await request(() => window.api['lock:unlock'](pin === undefined ? {} : { pin })));
    } catch (error) {
      if (error instanceof AppError) await refresh().catch(() => undefined);
      throw error;
    }
  }

  /** Sets, changes or (with `newPin` null) removes the active identity's PIN. */
  async function setPin(currentPin: string | undefined, newPin: string | null): Promise<void> {
    apply(
      await request(() => window.api['lock:setPin'](currentPin === undefined ? { newPin } : { currentPin, newPin })),
    );
  }

  /** Restarts the idle countdown (called on user input). */
  function touch(): void {
    if (locked.value) return;
    stopTimer();
    timer = setTimeout(() => {
      void lock().catch(() => undefined);
    }, idleMinutes.value * 60_000);
  }

  function setIdleMinutes(minutes: number): void {
    idleMinutes.value = Math.min(Math.max(Math.round(minutes), 1), 240);
    touch();
  }

  /** Starts watching for input on `target`; returns a function that stops. */
  function watchActivity(target: EventTarget = window): () => void {
    const onActivity = (): void => {
      touch();
    };
    for (const name of activityEvents) target.addEventListener(name, onActivity, { passive: true });
    touch();
    return () => {
      for (const name of activityEvents) target.removeEventListener(name, onActivity);
      stopTimer();
    };
  }

  return {
    locked,
    pinSet,
    retryAfter,
    idleMinutes,
    start,
    stop,
    refresh,
    lock,
    unlock,
    setPin,
    touch,
    setIdleMinutes,
    watchActivity,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useLockStore, import.meta.hot));
