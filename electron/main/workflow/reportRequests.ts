// Report requests (chaincode `report/reportRequests.ts`, IPC `reportRequest:*`, `reportRequests:listMine`): a school
// admin asks a pediatrician for a school-entry report, which the pediatrician fulfils (`reports.ts`) or declines. The
// workflow steps and their IPC handlers.
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { ChaincodeAggregate } from './chaincodeAggregate.ts';
import { ReportRequest, type ReportRequestInput, type ReportSubmission } from './schemas.ts';
import type { AggregateChannel, CurrentWorkflow } from './workflow.ts';

/** The report-request transactions of the `report` chaincode; writes are idempotent on retry. */
export class ReportRequests extends ChaincodeAggregate<ReportSubmission> {
  /** A school admin asks a pediatrician for a school-entry report. */
  async createReportRequest(checked: ReportRequestInput): Promise<Committed<ReportRequest>> {
    const reconcile = async (): Promise<ReportRequest | null> => {
      const existing = await this.findReportRequest(checked.reportRequestId);
      const same =
        existing?.admissionRequestId === checked.admissionRequestId &&
        existing.pediatricianUid === checked.pediatricianUid;
      return same ? existing : null;
    };
    return this.chaincode.submit('CreateReportRequest', [JSON.stringify(checked)], ReportRequest, { reconcile });
  }

  /** The requested pediatrician declines a report request. */
  async declineReportRequest(reportRequestId: string, reason: string): Promise<Committed<ReportRequest>> {
    const find = (id: string): Promise<ReportRequest | null> => this.findReportRequest(id);
    return this.changeStatus('DeclineReportRequest', [reportRequestId, reason], ReportRequest, 'declined', find);
  }

  /** The caller's report requests (every page). */
  async listMyReportRequests(): Promise<ReportRequest[]> {
    return this.chaincode.evaluateAllPages('ListMyReportRequests', ReportRequest);
  }

  /** One of the caller's report requests, or null when it is not among them. */
  async findReportRequest(reportRequestId: string): Promise<ReportRequest | null> {
    return (await this.listMyReportRequests()).find((r) => r.reportRequestId === reportRequestId) ?? null;
  }
}

/** The IPC entries of report requests. */
export type ReportRequestChannel = AggregateChannel<'reportRequest' | 'reportRequests'>;

/** The handlers of {@link ReportRequestChannel}, over the active identity's workflow. */
export function reportRequestHandlers(workflow: CurrentWorkflow): Pick<Handlers, ReportRequestChannel> {
  const reportRequests = (): ReportRequests => workflow().reportRequests;
  return {
    'reportRequest:create': ({ input }) => reportRequests().createReportRequest(input),
    'reportRequest:decline': ({ reportRequestId, reason }) =>
      reportRequests().declineReportRequest(reportRequestId, reason),
    'reportRequests:listMine': () => reportRequests().listMyReportRequests(),
  };
}
