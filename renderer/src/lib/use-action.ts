// A write the UI runs: busy flag, the error DTO to show, and a success message in the snackbar.
import { ref, type Ref } from 'vue';
import type { IpcErrorDto } from '../../../shared/ipc/errors.ts';
import { toErrorDto } from './ipc.ts';
import { useToastStore } from '../stores/toast.ts';

export interface Action {
  readonly busy: Ref<boolean>;
  readonly error: Ref<IpcErrorDto | null>;
  run: <T>(action: () => Promise<T>, success?: string) => Promise<T | undefined>;
}

export function useAction(): Action {
  const busy = ref(false);
  const error = ref<IpcErrorDto | null>(null);
  const toast = useToastStore();

  /** Runs `action`; on success shows `success` (if given) and returns the result, on failure keeps the error. */
  async function run<T>(action: () => Promise<T>, success?: string): Promise<T | undefined> {
    busy.value = true;
    error.value = null;
    try {
      const result = await action();
      if (success !== undefined) toast.show(success, 'success');
      return result;
    } catch (caught) {
      error.value = toErrorDto(caught);
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  return { busy, error, run };
}
