// The IPC handlers of the workflow entries: each parses nothing itself (the router already checked the IPC schema),
// hands its arguments to the workflow of the active identity, whose methods validate them with the chaincode's
// schemas, and returns JSON records.
import type { JsonValue } from '../../../shared/errors.ts';
import type { InvokeChannel } from '../../../shared/ipc/channels.ts';
import { NotConnectedError } from '../fabric/errors.ts';
import type { Handlers } from '../ipc/handlers.ts';
import {
  AdmissionRequestInput,
  AllergyInput,
  ConditionInput,
  ImmunizationInput,
  MeasurementInput,
  ProposeAgreementInput,
  ReportRequestInput,
  VisitNoteInput,
} from './schemas.ts';
import { childTimeline } from './childTimeline.ts';
import { validateInput } from './validateInput.ts';
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

/** A plain JSON object: what the IPC result schemas accept for a ledger record. */
type JsonRecord = Record<string, JsonValue>;

function record(value: object): JsonRecord {
  // The records are plain JSON parsed from the chaincode's answers; this round trip drops `undefined` fields.
  return JSON.parse(JSON.stringify(value)) as JsonRecord;
}

function records(values: readonly object[]): JsonRecord[] {
  return values.map(record);
}

function committed(result: { txId: string; value: object }): { txId: string; value: JsonRecord } {
  return { txId: result.txId, value: record(result.value) };
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
    'agreement:propose': async ({ input }) =>
      committed(await medical().proposeAgreement(validateInput(ProposeAgreementInput, input, 'agreement'))),
    'agreement:accept': async ({ agreementId }) => committed(await medical().acceptAgreement(agreementId)),
    'agreement:decline': async ({ agreementId, reason }) =>
      committed(await medical().declineAgreement(agreementId, reason)),
    'agreement:terminate': async ({ agreementId }) => committed(await medical().terminateAgreement(agreementId)),
    'child:addGuardian': async ({ childId, guardianUid }) =>
      committed(await medical().addGuardian(childId, guardianUid)),
    'child:setGestationalAge': async ({ childId, gestationalAge }) =>
      committed(await medical().setGestationalAge(childId, gestationalAge)),
    'child:timeline': async ({ childId }) => {
      const current = workflow();
      const sources = { medical: current.medical, report: current.report, mspId: current.connection.mspId };
      return records(await childTimeline(sources, childId));
    },
    'card:recordMeasurement': async ({ childId, entryId, entry }) =>
      committed(
        await medical().recordMeasurement(childId, validateInput(MeasurementInput, entry, 'measurement'), entryId),
      ),
    'card:recordImmunization': async ({ childId, entryId, entry }) =>
      committed(
        await medical().recordImmunization(childId, validateInput(ImmunizationInput, entry, 'immunization'), entryId),
      ),
    'card:recordAllergy': async ({ childId, entryId, entry }) =>
      committed(await medical().recordAllergy(childId, validateInput(AllergyInput, entry, 'allergy'), entryId)),
    'card:recordCondition': async ({ childId, entryId, entry }) =>
      committed(await medical().recordCondition(childId, validateInput(ConditionInput, entry, 'condition'), entryId)),
    'card:addVisitNote': async ({ childId, entryId, entry }) =>
      committed(await medical().addVisitNote(childId, validateInput(VisitNoteInput, entry, 'visitNote'), entryId)),
    'card:read': async ({ childId }) => record(await medical().readMedicalCard(childId)),
    'card:history': async ({ childId, bookmark }) => {
      const page = await medical().getMedicalCardHistory(childId, bookmark === undefined ? {} : { bookmark });
      return { items: records(page.items), bookmark: page.bookmark };
    },
    'children:listMine': async () => records(await medical().listMyChildren()),
    'agreements:listMine': async () => records(await medical().listMyAgreements()),
    'admission:create': async ({ input }) =>
      committed(await report().createAdmissionRequest(validateInput(AdmissionRequestInput, input, 'admissionRequest'))),
    'admission:decide': async ({ requestId, decision, reason }) =>
      committed(await report().decideAdmissionRequest(requestId, decision, reason)),
    'admission:withdraw': async ({ requestId }) => committed(await report().withdrawAdmissionRequest(requestId)),
    'admissions:listMine': async () => records(await report().listMyAdmissionRequests()),
    'reportRequest:create': async ({ input }) =>
      committed(await report().createReportRequest(validateInput(ReportRequestInput, input, 'reportRequest'))),
    'reportRequest:decline': async ({ reportRequestId, reason }) =>
      committed(await report().declineReportRequest(reportRequestId, reason)),
    'reportRequests:listMine': async () => records(await report().listMyReportRequests()),
    'report:create': async (args) => committed(await report().createReport(args)),
    'report:replace': async ({ reportId, replacedReportId, fitness }) =>
      committed(
        await report().replaceReport({ reportId, replacedReportId, ...(fitness === undefined ? {} : { fitness }) }),
      ),
    'report:staleness': async ({ reportId }) => record(await report().reportStaleness(reportId)),
    'report:approve': async (args) => committed(await report().approveReport(args)),
    'report:revoke': async ({ reportId, schoolId }) =>
      committed(await report().revokeReportPermission(reportId, schoolId)),
    'report:open': async ({ reportId }) => committed(await report().openReport(reportId)),
    'report:read': async ({ reportId }) => record(await report().readReport(reportId)),
    'report:receipts': async ({ reportId }) => records(await report().getReadReceipts(reportId)),
    'reports:listMine': async () => records(await report().listMyReports()),
    'directory:list': async ({ kind }) => records(await report().listDirectory(kind)),
    'directory:readMine': () => report().readMyDirectoryEntry(),
    'directory:publish': async ({ displayName }) => committed(await report().publishDirectoryEntry(displayName)),
    'directory:withdraw': async () => committed(await report().withdrawDirectoryEntry()),
  };
}
