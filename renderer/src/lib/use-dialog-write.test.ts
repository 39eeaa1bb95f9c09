// @vitest-environment happy-dom
// A dialog's write: it refreshes on each opening, closes once the write went through, and stays open with the error.
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick, ref } from 'vue';
import { AppError } from './ipc.ts';
import { useDialogWrite } from './use-dialog-write.ts';
import { useToastStore } from '../stores/toast.ts';

beforeEach(() => {
  setActivePinia(createPinia());
});

describe('useDialogWrite', () => {
  it('runs onOpen at once when open, and again on each opening', async () => {
    const open = ref(true);
    const onOpen = vi.fn();
    useDialogWrite(open, onOpen);
    expect(onOpen).toHaveBeenCalledTimes(1);
    open.value = false;
    await nextTick();
    open.value = true;
    await nextTick();
    expect(onOpen).toHaveBeenCalledTimes(2);
  });

  it('closes and shows the success message once the write went through, also for a write without a result', async () => {
    const open = ref(true);
    const { write, action } = useDialogWrite(open);
    await write(() => Promise.resolve(), 'Saved');
    expect(open.value).toBe(false);
    expect(action.error.value).toBeNull();
    expect(useToastStore().current).toMatchObject({ text: 'Saved', color: 'success' });
  });

  it('stays open with the error when the write fails', async () => {
    const open = ref(true);
    const { write, action } = useDialogWrite(open);
    const failure = new AppError({ code: 'ENDORSEMENT_REFUSED', message: 'no active agreement' });
    expect(await write(() => Promise.reject<string>(failure), 'Saved')).toBeUndefined();
    expect(open.value).toBe(true);
    expect(action.error.value).toMatchObject({ code: 'ENDORSEMENT_REFUSED', message: 'no active agreement' });
  });
});
