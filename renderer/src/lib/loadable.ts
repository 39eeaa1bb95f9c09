// The loading / error / data triple every list store keeps, with one `run` that fills it.
import { ref, type Ref } from 'vue';
import type { IpcErrorDto } from '../../../shared/ipc/errors.ts';
import { toErrorDto } from './ipc.ts';

export interface Loadable<T> {
  readonly data: Ref<T>;
  readonly loading: Ref<boolean>;
  readonly loaded: Ref<boolean>;
  readonly error: Ref<IpcErrorDto | null>;
  /** Runs `load`, keeping the previous data on failure (shown as stale with the error). */
  run: (load: () => Promise<T>) => Promise<void>;
  reset: () => void;
}

export function useLoadable<T>(initial: () => T): Loadable<T> {
  const data = ref(initial()) as Ref<T>;
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<IpcErrorDto | null>(null);
  let generation = 0;

  async function run(load: () => Promise<T>): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    error.value = null;
    try {
      const value = await load();
      if (mine === generation) {
        data.value = value;
        loaded.value = true;
      }
    } catch (caught) {
      if (mine === generation) error.value = toErrorDto(caught);
    } finally {
      if (mine === generation) loading.value = false;
    }
  }

  function reset(): void {
    generation++;
    data.value = initial();
    loading.value = false;
    loaded.value = false;
    error.value = null;
  }

  return { data, loading, loaded, error, run, reset };
}
