// The IPC handlers of the workflow entries: each receives the arguments the router parsed with the domain schemas,
// hands them to the workflow of the active identity and returns its typed answer, which the router checks against
// the entry's result schema (the domain's record schema) before it leaves main.
import type { InvokeChannel } from '../../../shared/ipc/channels.ts';
import { NotConnectedError } from '../fabric/errors.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { childTimeline } from './childTimeline.ts';
import type { Workflow } from './workflow.ts';

/** The workflow entries of the contract (saving a report as PDF is the window's job, see `print/pdfExport.ts`). */
export type WorkflowChannel = Exclude<
  Extract<
    InvokeChannel,
    `${'agreement' | 'child' | 'card' | 'children' | 'agreements' | 'admission' | 'admissions' | 'reportRequest' | 'reportRequests' | 'report' | 'reports' | 'directory'}:${string}`
  >,
  'report:savePdf'
>;

/** Options for {@link createWorkflowHandlers}. */
export interface WorkflowHandlersOptions {
  /** The workflow of the active identity, or null when none is connected. */
  current: () => Workflow | null;
}

/** Handlers for every workflow entry, over the active identity's workflow. */
export function createWorkflowHandlers(options: Readonly<WorkflowHandlersOptions>): Pick<Handlers, WorkflowChannel> {
  const workflow = (): Workflow => {
    const current = options.current();
    if (current === null) throw new NotConnectedError();
    return current;
  };
  const medical = (): Workflow['medical'] => workflow().medical;
  const report = (): Workflow['report'] => workflow().report;
  return {
    'agreement:propose': ({ input }) => medical().proposeAgreement(input),
    'agreement:accept': ({ agreementId }) => medical().acceptAgreement(agreementId),
    'agreement:decline': ({ agreementId, reason }) => medical().declineAgreement(agreementId, reason),
    'agreement:terminate': ({ agreementId }) => medical().terminateAgreement(agreementId),
    'agreements:listMine': () => medical().listMyAgreements(),
    'child:addGuardian': ({ childId, guardianUid }) => medical().addGuardian(childId, guardianUid),
    'child:setGestationalAge': ({ childId, gestationalAge }) => medical().setGestationalAge(childId, gestationalAge),
    'child:timeline': ({ childId }) => {
      const current = workflow();
      return childTimeline(
        { medical: current.medical, report: current.report, mspId: current.connection.mspId },
        childId,
      );
    },
    'children:listMine': () => medical().listMyChildren(),
    'card:recordEntry': (args) => medical().recordEntry(args),
    'card:read': ({ childId }) => medical().readMedicalCard(childId),
    'card:history': ({ childId, bookmark }) =>
      medical().getMedicalCardHistory(childId, bookmark === undefined ? {} : { bookmark }),
    'admission:create': ({ input }) => report().createAdmissionRequest(input),
    'admission:decide': ({ requestId, decision, reason }) =>
      report().decideAdmissionRequest(requestId, decision, reason),
    'admission:withdraw': ({ requestId }) => report().withdrawAdmissionRequest(requestId),
    'admissions:listMine': () => report().listMyAdmissionRequests(),
    'reportRequest:create': ({ input }) => report().createReportRequest(input),
    'reportRequest:decline': ({ reportRequestId, reason }) => report().declineReportRequest(reportRequestId, reason),
    'reportRequests:listMine': () => report().listMyReportRequests(),
    'report:create': (args) => report().createReport(args),
    'report:replace': ({ reportId, replacedReportId, fitness }) =>
      report().replaceReport({ reportId, replacedReportId, ...(fitness === undefined ? {} : { fitness }) }),
    'report:staleness': ({ reportId }) => report().reportStaleness(reportId),
    'report:approve': (args) => report().approveReport(args),
    'report:revoke': ({ reportId, schoolId }) => report().revokeReportPermission(reportId, schoolId),
    'report:open': ({ reportId }) => report().openReport(reportId),
    'report:read': ({ reportId }) => report().readReport(reportId),
    'report:receipts': ({ reportId }) => report().getReadReceipts(reportId),
    'reports:listMine': () => report().listMyReports(),
    'directory:list': ({ kind }) => report().listDirectory(kind),
    'directory:readMine': () => report().readMyDirectoryEntry(),
    'directory:publish': ({ displayName }) => report().publishDirectoryEntry(displayName),
    'directory:withdraw': () => report().withdrawDirectoryEntry(),
  };
}
