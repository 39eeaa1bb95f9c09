// The write behind a dialog, in one place: each time the dialog opens it refreshes what it offers (`onOpen`), and
// `write` runs the store call through `useAction()` (busy flag, error, success toast) and closes the dialog once the
// write went through. A failed write keeps the dialog open with the error shown and the fields as the user left them.
import { watch, type Ref } from 'vue';
import { useAction, type Action } from './use-action.ts';

/** What {@link useDialogWrite} gives a dialog: the action for `BaseFormDialog`'s `action` prop, and the runner. */
export interface DialogWrite {
  readonly action: Action;
  /**
   * Runs `request`; on success shows `success` in the snackbar, closes the dialog and returns the result, on failure
   * returns `undefined` and leaves the error in `action.error`.
   */
  write: <T>(request: () => Promise<T>, success: string) => Promise<T | undefined>;
}

/**
 * @param open the dialog's `v-model`.
 * @param onOpen runs each time the dialog opens (and at once if it starts open), e.g. to load fresh directory names:
 *   someone may have published since the last time.
 */
export function useDialogWrite(open: Ref<boolean>, onOpen?: () => void): DialogWrite {
  const action = useAction();
  if (onOpen !== undefined) {
    watch(
      open,
      (isOpen) => {
        if (isOpen) onOpen();
      },
      { immediate: true },
    );
  }

  async function write<T>(request: () => Promise<T>, success: string): Promise<T | undefined> {
    const result = await action.run(request, success);
    // The error, not the result, says whether it went through: a write may resolve to nothing (`void`).
    if (action.error.value === null) open.value = false;
    return result;
  }

  return { action, write };
}
