// The UI language, remembered per identity: a pediatrician and a parent sharing a family computer each get their own.
// Kept in the renderer's localStorage under the identity's local id (a preference, not health data); an identity with
// no choice yet gets the first of the system's preferred languages the app has, else English.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { isAppLocale, setLocale, type AppLocale } from '../plugins/i18n.ts';
import { useSessionStore } from './session.ts';

const KEY_PREFIX = 'pediledger.locale.';

/** The first of `preferred` (BCP 47 tags, e.g. `navigator.languages`) the app has a locale for, else `en`. */
export function systemLocale(preferred: readonly string[]): AppLocale {
  for (const tag of preferred) {
    const language = tag.toLowerCase().split('-')[0];
    if (isAppLocale(language)) return language;
  }
  return 'en';
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // A storage the page may not use (e.g. blocked by policy): the choice then lasts for the session only.
    return null;
  }
}

export const useLocaleStore = defineStore('locale', () => {
  const session = useSessionStore();
  const locale = ref<AppLocale>(systemLocale(typeof navigator === 'undefined' ? [] : navigator.languages));

  function remembered(identityId: string | null): AppLocale | null {
    if (identityId === null) return null;
    const value = storage()?.getItem(KEY_PREFIX + identityId);
    return isAppLocale(value) ? value : null;
  }

  /** Switches the UI to `next` and remembers it for the active identity. */
  function choose(next: AppLocale): void {
    locale.value = next;
    if (session.activeId !== null) storage()?.setItem(KEY_PREFIX + session.activeId, next);
  }

  // Each identity's own choice when it becomes active.
  watch(
    () => session.activeId,
    (id) => {
      const saved = remembered(id);
      if (saved !== null) locale.value = saved;
    },
    { immediate: true },
  );
  watch(
    locale,
    (value) => {
      setLocale(value);
    },
    { immediate: true },
  );

  return { locale, choose };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useLocaleStore, import.meta.hot));
