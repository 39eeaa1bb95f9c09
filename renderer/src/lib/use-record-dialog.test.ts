// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useToastStore } from '../stores/toast.ts';
import { AppError } from './ipc.ts';
import { useRecordDialog } from './use-record-dialog.ts';

beforeEach(() => {
  setActivePinia(createPinia());
});

describe('useRecordDialog', () => {
  it('sends the write for the record it is open for, says so and closes, even when the write returns nothing', async () => {
    const dialog = useRecordDialog<{ id: string }>();
    dialog.target.value = { id: 'agr-1' };
    const write = vi.fn(() => Promise.resolve(undefined));
    await dialog.submit(write, 'Declined');
    expect(write).toHaveBeenCalledWith({ id: 'agr-1' });
    expect(dialog.target.value).toBeNull();
    expect(useToastStore().current?.text).toBe('Declined');
  });

  it('stays open on the same record with the error when the write fails', async () => {
    const dialog = useRecordDialog<{ id: string }>();
    dialog.target.value = { id: 'agr-1' };
    await dialog.submit(
      () => Promise.reject(new AppError({ code: 'MVCC_CONFLICT', message: 'Try again' })),
      'Declined',
    );
    expect(dialog.target.value).toEqual({ id: 'agr-1' });
    expect(dialog.action.error.value?.code).toBe('MVCC_CONFLICT');
    expect(useToastStore().current).toBeNull();
  });

  it('sends nothing while closed', async () => {
    const dialog = useRecordDialog<{ id: string }>();
    const write = vi.fn(() => Promise.resolve('tx'));
    await dialog.submit(write, 'Declined');
    expect(write).not.toHaveBeenCalled();
  });
});
