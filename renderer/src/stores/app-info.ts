import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { ResultOf } from '../../../shared/ipc/api.ts';
import type { IpcErrorDto } from '../../../shared/ipc/errors.ts';

/** What main says about the app (name, version, shell); loaded once at start-up. */
export const useAppInfoStore = defineStore('app-info', () => {
  const info = ref<ResultOf<'app:info'> | null>(null);
  const error = ref<IpcErrorDto | null>(null);

  async function load(): Promise<void> {
    const result = await window.api['app:info']();
    if (result.ok) info.value = result.value;
    else error.value = result.error;
  }

  return { info, error, load };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useAppInfoStore, import.meta.hot));
