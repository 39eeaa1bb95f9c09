// School-entry reports: created by the pediatrician, approved (per school, until a date) and revoked by a guardian,
// opened (with a read receipt) and printed by a school.
import { acceptHMRUpdate, defineStore } from 'pinia';
import { ref } from 'vue';
import type { IpcErrorDto } from '../../../../shared/ipc/errors.ts';
import type {
  ReadReceiptRecord,
  ReportListEntry,
  ReportRead,
  ReportRecord,
  ReportStaleness,
} from '../../domain/records.ts';
import { request, toErrorDto } from '../../lib/ipc.ts';
import { useLoadable } from '../../lib/loadable.ts';
import { submitWrite } from '../../lib/write.ts';

/** An opened report: what ReadReport answered, and the OpenReport transaction that recorded the read (schools). */
export interface OpenedReport {
  read: ReportRead;
  openTxId: string | null;
}

export const useReportsStore = defineStore('reports', () => {
  const list = useLoadable<ReportListEntry[]>(() => []);
  /** Reports read in this session, by id. */
  const opened = ref<Record<string, OpenedReport>>({});
  const openError = ref<IpcErrorDto | null>(null);
  /** Read receipts by report id (guardians). */
  const receipts = ref<Record<string, ReadReceiptRecord[]>>({});
  /** Whether each report's card changed since it was built, by report id (guardians, issuing pediatrician). */
  const staleness = ref<Record<string, ReportStaleness>>({});

  async function load(): Promise<void> {
    await list.run(() => request(() => window.api['reports:listMine']()));
  }

  function upsertReport(report: ReportRecord): void {
    list.data.value = [...list.data.value.filter((known) => known.reportId !== report.reportId), report];
  }

  /** The requested pediatrician issues the report from the child's current card. */
  async function create(input: {
    reportId: string;
    reportRequestId: string;
    fitness: { fit: boolean; statement: string };
  }): Promise<string> {
    const committed = await submitWrite(() => window.api['report:create'](input));
    upsertReport(committed.value);
    return committed.txId;
  }

  /** A guardian lets the chosen schools read the report until `validUntil` (ISO date-time). */
  async function approve(reportId: string, schoolIds: string[], validUntil: string): Promise<string> {
    const committed = await submitWrite(() => window.api['report:approve']({ reportId, schoolIds, validUntil }));
    upsertReport(committed.value);
    return committed.txId;
  }

  /** A guardian takes one school's permission away; the school's copy is purged. */
  async function revoke(reportId: string, schoolId: string): Promise<string> {
    const committed = await submitWrite(() => window.api['report:revoke']({ reportId, schoolId }));
    upsertReport(committed.value);
    return committed.txId;
  }

  /** Reads a report; a school first records its read (OpenReport), as the chaincode requires. */
  async function open(reportId: string, options: { recordRead: boolean }): Promise<OpenedReport | null> {
    openError.value = null;
    try {
      const openTxId = options.recordRead
        ? (await submitWrite(() => window.api['report:open']({ reportId }))).txId
        : null;
      const read = await request(() => window.api['report:read']({ reportId }));
      const result = { read, openTxId };
      opened.value[reportId] = result;
      return result;
    } catch (caught) {
      openError.value = toErrorDto(caught);
      return null;
    }
  }

  /** Whether the card changed since the report was built, and which entries came since (kind and date). */
  async function loadStaleness(reportId: string): Promise<void> {
    staleness.value[reportId] = await request(() => window.api['report:staleness']({ reportId }));
  }

  /**
   * The issuing pediatrician replaces a stale report with one built from the current card (same request, same
   * statement); the list is reloaded, since the old report changed too (it is now superseded).
   */
  async function replace(replacedReportId: string, reportId: string): Promise<string> {
    const committed = await submitWrite(() => window.api['report:replace']({ reportId, replacedReportId }));
    upsertReport(committed.value);
    await load();
    return committed.txId;
  }

  /** Who opened the report and when (guardians). */
  async function loadReceipts(reportId: string): Promise<void> {
    receipts.value[reportId] = await request(() => window.api['report:receipts']({ reportId }));
  }

  function reset(): void {
    list.reset();
    opened.value = {};
    receipts.value = {};
    staleness.value = {};
    openError.value = null;
  }

  return {
    items: list.data,
    loading: list.loading,
    loaded: list.loaded,
    error: list.error,
    opened,
    openError,
    receipts,
    staleness,
    load,
    create,
    approve,
    revoke,
    open,
    loadReceipts,
    loadStaleness,
    replace,
    reset,
  };
});

if (import.meta.hot) import.meta.hot.accept(acceptHMRUpdate(useReportsStore, import.meta.hot));
