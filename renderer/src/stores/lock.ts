// The screen lock for shared clinic PCs: after a period without input the app hides everything until the user
// unlocks. Locking keeps drafts and state; it is a privacy screen, the key stays in the OS keychain either way.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';

/** Default idle time before the lock, in minutes. */
export const defaultIdleMinutes = 5;
const activityEvents = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

export const useLockStore = defineStore('lock', () => {
  const locked = ref(false);
  const idleMinutes = ref(defaultIdleMinutes);
  let timer: ReturnType<typeof setTimeout> | null = null;

  function lock(): void {
    locked.value = true;
    if (timer !== null) clearTimeout(timer);
    timer = null;
  }

  function unlock(): void {
    locked.value = false;
    touch();
  }

  /** Restarts the idle countdown (called on user input). */
  function touch(): void {
    if (locked.value) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(lock, idleMinutes.value * 60_000);
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
      if (timer !== null) clearTimeout(timer);
      timer = null;
    };
  }

  return { locked, idleMinutes, lock, unlock, touch, setIdleMinutes, watchActivity };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useLockStore, import.meta.hot));
