// A write on one record picked from a list, asked in a dialog (a reason to decline, a pediatrician to ask): which record
// the dialog is open for, and the write's own busy flag and error. A failure shows in the dialog, which stays open;
// success closes it.
import { shallowRef, type ShallowRef } from 'vue';
import { useAction, type Action } from './use-action.ts';

export interface RecordDialog<T> {
  /** The record the dialog is open for; null while it is closed. */
  readonly target: ShallowRef<T | null>;
  readonly action: Action;
  /** Runs `write` on the target with the dialog's action; shows `success` and closes the dialog when it succeeds. */
  submit: (write: (target: T) => Promise<unknown>, success: string) => Promise<void>;
}

export function useRecordDialog<T>(): RecordDialog<T> {
  const target: ShallowRef<T | null> = shallowRef(null);
  const action = useAction();

  async function submit(write: (target: T) => Promise<unknown>, success: string): Promise<void> {
    const current = target.value;
    if (current === null) return;
    // `true` rather than the write's own result, which may be undefined even when it succeeded.
    const done = await action.run(async () => {
      await write(current);
      return true;
    }, success);
    if (done === true) target.value = null;
  }

  return { target, action, submit };
}
