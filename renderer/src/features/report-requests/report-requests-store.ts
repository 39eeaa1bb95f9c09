// Report requests: a school asks a pediatrician for a school-entry report on an admission.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { computed } from 'vue';
import type { Committed } from '../../../../shared/ipc/dto/workflow.ts';
import type { IpcResult } from '../../../../shared/ipc/result.ts';
import type { ReportRequestRecord } from '../../domain/records.ts';
import { request } from '../../lib/ipc.ts';
import { useLoadable } from '../../lib/loadable.ts';
import { submitWrite } from '../../lib/write.ts';

export const useReportRequestsStore = defineStore('report-requests', () => {
  const list = useLoadable<ReportRequestRecord[]>(() => []);

  const open = computed(() => list.data.value.filter((item) => item.status === 'requested'));

  async function load(): Promise<void> {
    await list.run(() => request(() => window.api['reportRequests:listMine']()));
  }

  async function write(call: () => Promise<IpcResult<Committed<ReportRequestRecord>>>): Promise<string> {
    const committed = await submitWrite(call);
    const item = committed.value;
    list.data.value = [...list.data.value.filter((known) => known.reportRequestId !== item.reportRequestId), item];
    return committed.txId;
  }

  /** A school admin asks the named pediatrician for a report on an accepted admission. */
  function create(input: {
    reportRequestId: string;
    admissionRequestId: string;
    pediatricianUid: string;
  }): Promise<string> {
    return write(() => window.api['reportRequest:create']({ input }));
  }

  /** The pediatrician declines, with a reason the school sees. */
  function decline(reportRequestId: string, reason: string): Promise<string> {
    return write(() => window.api['reportRequest:decline']({ reportRequestId, reason }));
  }

  /** Marks a request fulfilled locally after its report was created (the ledger did the same). */
  function markFulfilled(reportRequestId: string, reportId: string): void {
    list.data.value = list.data.value.map((item) =>
      item.reportRequestId === reportRequestId ? { ...item, status: 'fulfilled', reportId } : item,
    );
  }

  return {
    items: list.data,
    loading: list.loading,
    loaded: list.loaded,
    error: list.error,
    open,
    load,
    create,
    decline,
    markFulfilled,
    reset: list.reset,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReportRequestsStore, import.meta.hot));
