// The `report` chaincode in the form the app's screens use it: admission requests, report requests and reports.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import { EndorsementRefusedError, UnexpectedResponseError } from '../fabric/errors.ts';
import type { ChaincodeClient } from './ledgerClient.ts';
import { listMyNotices } from './notices.ts';
import type { MedicalWorkflow } from './medicalWorkflow.ts';
import { buildReportEnvelope, type FitnessStatement } from './reportEnvelope.ts';
import {
  AdmissionDecision,
  AdmissionRequest,
  type AdmissionRequestInput,
  CreateAdmissionResult,
  DirectoryEntry,
  type DirectoryKind,
  type Notice,
  Reason,
  ReadReceipt,
  Report,
  REPORT_ENDORSERS,
  ReportListEntry,
  ReportRead,
  ReportRequest,
  type ReportRequestInput,
  type ReportStaleness,
  reportStaleness,
  type ReportEnvelope,
} from './schemas.ts';
import { NotAPartyError } from './partyErrors.ts';
import { validateInput } from './validateInput.ts';

/** The transient-data key the chaincode reads the report envelope from. */
const TRANSIENT_REPORT_KEY = 'report';
const encoder = new TextEncoder();

/** The transactions of the `report` chaincode that write, each endorsed by the organisations of the map. */
export type ReportSubmission = keyof typeof REPORT_ENDORSERS;

/** Input of {@link ReportWorkflow.createReport}. */
export interface CreateReportInput {
  reportId: string;
  reportRequestId: string;
  fitness: FitnessStatement;
}

/** Input of {@link ReportWorkflow.replaceReport}. */
export interface ReplaceReportInput {
  /** The new report's id. */
  reportId: string;
  /** The stale report it replaces. */
  replacedReportId: string;
  /** A new statement; by default the replaced report's statement is kept (only the card data is rebuilt). */
  fitness?: FitnessStatement;
}

/** Input of {@link ReportWorkflow.approveReport}. */
export interface ApproveReportInput {
  reportId: string;
  schoolIds: string[];
  /** Until when the schools may read the report (ISO date-time, in the future). */
  validUntil: string;
}

/** Options for {@link ReportWorkflow}. */
export interface ReportWorkflowOptions {
  /** The `report` chaincode on the `report` channel, with {@link REPORT_ENDORSERS}. */
  chaincode: ChaincodeClient<ReportSubmission>;
  /** Reads the card a report is built from. */
  medical: MedicalWorkflow;
}

/**
 * Presents the `report` chaincode in a form appropriate to the app, taking the domain's parsed values (the IPC router
 * parsed them with the domain schemas; the chaincode checks them again). Report creation reads the card on `medical` and
 * sends the body only as transient data to Hospital and Parents; approval sends the body the guardian read back from
 * the private collection to Parents and School, exactly as the chaincode's endorsement hints say.
 */
export class ReportWorkflow {
  readonly #chaincode: ChaincodeClient<ReportSubmission>;
  readonly #medical: MedicalWorkflow;

  constructor(options: Readonly<ReportWorkflowOptions>) {
    this.#chaincode = options.chaincode;
    this.#medical = options.medical;
  }

  /**
   * A guardian asks a school to admit their child. The chaincode checks the child on `medical`: a parent who is not
   * its guardian there gets `ENDORSEMENT_REFUSED` (`FORBIDDEN`) with the transaction id, because that refusal is a
   * committed transaction (it records the attempt for the child's guardians) and makes no request.
   */
  async createAdmissionRequest(checked: AdmissionRequestInput): Promise<Committed<AdmissionRequest>> {
    const committed = await this.#submit(
      'CreateAdmissionRequest',
      [JSON.stringify(checked)],
      CreateAdmissionResult,
      async () => {
        const existing = (await this.listMyAdmissionRequests()).find((r) => r.requestId === checked.requestId);
        return existing?.childId === checked.childId && existing.schoolId === checked.schoolId ? existing : null;
      },
    );
    const answer = committed.value;
    if ('refused' in answer) {
      throw new EndorsementRefusedError({
        chaincodeCode: answer.refused,
        reason: answer.message,
        transactionName: 'CreateAdmissionRequest',
        txId: committed.txId,
      });
    }
    return { value: answer, txId: committed.txId };
  }

  /** A school admin accepts or rejects an admission request (a reason is required to reject). */
  async decideAdmissionRequest(
    requestId: string,
    decision: z.output<typeof AdmissionDecision>,
    reason = '',
  ): Promise<Committed<AdmissionRequest>> {
    // A rejection needs a reason: '' passes the contract (an acceptance has none) but not the domain's Reason.
    const why = decision === 'accept' && reason === '' ? '' : validateInput(Reason, reason, 'reason');
    const status = decision === 'accept' ? 'accepted' : 'rejected';
    return this.#submit('DecideAdmissionRequest', [requestId, decision, why], AdmissionRequest, () =>
      this.#admissionIn(requestId, status),
    );
  }

  /** A guardian withdraws an admission request. */
  async withdrawAdmissionRequest(requestId: string): Promise<Committed<AdmissionRequest>> {
    return this.#submit('WithdrawAdmissionRequest', [requestId], AdmissionRequest, () =>
      this.#admissionIn(requestId, 'withdrawn'),
    );
  }

  /** A school admin asks a pediatrician for a school-entry report. */
  async createReportRequest(checked: ReportRequestInput): Promise<Committed<ReportRequest>> {
    return this.#submit('CreateReportRequest', [JSON.stringify(checked)], ReportRequest, async () => {
      const existing = await this.#reportRequest(checked.reportRequestId);
      const same =
        existing?.admissionRequestId === checked.admissionRequestId &&
        existing.pediatricianUid === checked.pediatricianUid;
      return same ? existing : null;
    });
  }

  /** The requested pediatrician declines a report request. */
  async declineReportRequest(reportRequestId: string, reason: string): Promise<Committed<ReportRequest>> {
    return this.#submit('DeclineReportRequest', [reportRequestId, reason], ReportRequest, async () => {
      const existing = await this.#reportRequest(reportRequestId);
      return existing?.status === 'declined' ? existing : null;
    });
  }

  /**
   * The requested pediatrician issues the report: reads the child's card and registration on `medical`, builds the
   * minimal body with the fitness statement, and submits it as transient data to Hospital and Parents only.
   */
  async createReport({ reportId, reportRequestId, fitness }: Readonly<CreateReportInput>): Promise<Committed<Report>> {
    const request = await this.#reportRequest(reportRequestId);
    if (request === null) {
      throw new UnexpectedResponseError(`Report request ${reportRequestId} is not among your report requests`);
    }
    const [card, child] = await Promise.all([
      this.#medical.readMedicalCard(request.childId),
      this.#medical.readChild(request.childId),
    ]);
    const envelope = buildReportEnvelope({ card, child, fitness });
    return this.#submit(
      'CreateReport',
      [reportId, reportRequestId],
      Report,
      async () => {
        const read = await this.readReport(reportId);
        const same = 'envelope' in read && read.report.reportRequestId === reportRequestId;
        return same && isDeepStrictEqual(read.envelope, envelope) ? read.report : null;
      },
      envelope,
    );
  }

  /**
   * The issuing pediatrician replaces a stale report in one step: the old report's body is read back (its fitness
   * statement is kept unless a new one is given), the card and child are read again on `medical`, and the new body
   * goes as transient data to Hospital and Parents only, as in {@link createReport}.
   * @throws NotAPartyError when the caller is not a party of the old report (a school).
   */
  async replaceReport(input: Readonly<ReplaceReportInput>): Promise<Committed<Report>> {
    const { reportId, replacedReportId } = input;
    const old = await this.readReport(replacedReportId);
    if (!('envelope' in old)) throw new NotAPartyError(`report ${replacedReportId}`);
    if (old.envelope === null) {
      throw new UnexpectedResponseError(
        `The body of report ${replacedReportId} is not readable from your organisation's peer`,
      );
    }
    const fitness = input.fitness ?? old.envelope.body.fitnessForSchool;
    const [card, child] = await Promise.all([
      this.#medical.readMedicalCard(old.report.childId),
      this.#medical.readChild(old.report.childId),
    ]);
    const envelope = buildReportEnvelope({ card, child, fitness });
    return this.#submit(
      'ReplaceReport',
      [reportId, replacedReportId],
      Report,
      async () => {
        const read = await this.readReport(reportId);
        const same = 'envelope' in read && read.report.replaces === replacedReportId;
        return same && isDeepStrictEqual(read.envelope, envelope) ? read.report : null;
      },
      envelope,
    );
  }

  /**
   * Whether the card changed since the report was built, and which entries (kind and date only) were added since,
   * for the report's guardians and the issuing pediatrician (read with their own identity on both channels).
   * @throws NotAPartyError for a school, which reads no card.
   */
  async reportStaleness(reportId: string): Promise<ReportStaleness> {
    const read = await this.readReport(reportId);
    if (!('envelope' in read)) throw new NotAPartyError(`report ${reportId}`);
    const card = await this.#medical.readMedicalCard(read.report.childId);
    return reportStaleness(reportId, read.report.provenance.cardVersion, card);
  }

  /**
   * A guardian lets schools read the report until `validUntil`. The body is read back from the Hospital + Parents
   * collection (on the guardian's own org's peer) and passed to Parents and School as transient data, where the
   * chaincode checks it against the on-chain hash before copying it into School's collection.
   */
  async approveReport({ reportId, schoolIds, validUntil }: Readonly<ApproveReportInput>): Promise<Committed<Report>> {
    const read = await this.readReport(reportId);
    if (!('envelope' in read) || read.envelope === null) {
      throw new UnexpectedResponseError(`The body of report ${reportId} is not readable from your organisation's peer`);
    }
    return this.#submit(
      'ApproveReport',
      [reportId, JSON.stringify(schoolIds), validUntil],
      Report,
      async () => {
        const current = await this.readReport(reportId);
        if (!('envelope' in current)) return null;
        const granted = schoolIds.every((schoolId) =>
          current.report.permissions.some((p) => p.schoolId === schoolId && p.validUntil === validUntil),
        );
        return granted ? current.report : null;
      },
      read.envelope,
    );
  }

  /** A guardian takes one school's permission away; the school's copy of the body is purged. */
  async revokeReportPermission(reportId: string, schoolId: string): Promise<Committed<Report>> {
    return this.#submit('RevokeReportPermission', [reportId, schoolId], Report, async () => {
      const current = await this.readReport(reportId);
      if (!('envelope' in current)) return null;
      return current.report.permissions.some((p) => p.schoolId === schoolId) ? null : current.report;
    });
  }

  /** A school admin records a read receipt; afterwards {@link readReport} returns the body. */
  async openReport(reportId: string): Promise<Committed<ReadReceipt>> {
    return this.#submit('OpenReport', [reportId], ReadReceipt);
  }

  /**
   * Reads a report on the caller's own organisation's peer, which holds exactly the private data the caller may
   * see (Hospital + Parents collection for parties, School's collection for schools).
   */
  async readReport(reportId: string): Promise<ReportRead> {
    return this.#chaincode.evaluate('ReadReport', [reportId], ReportRead, {
      targetOrganizations: [this.#chaincode.mspId],
    });
  }

  /** The report's read receipts (guardians only). */
  async getReadReceipts(reportId: string): Promise<ReadReceipt[]> {
    return this.#evaluate('GetReadReceipts', [reportId], z.array(ReadReceipt));
  }

  /** The caller's admission requests (every page). */
  async listMyAdmissionRequests(): Promise<AdmissionRequest[]> {
    return this.#allPages('ListMyAdmissionRequests', AdmissionRequest);
  }

  /** The caller's report requests (every page). */
  async listMyReportRequests(): Promise<ReportRequest[]> {
    return this.#allPages('ListMyReportRequests', ReportRequest);
  }

  /** The caller's reports: full records for parties, school views (only readable ones) for a school (every page). */
  async listMyReports(): Promise<ReportListEntry[]> {
    return this.#allPages('ListMyReports', ReportListEntry);
  }

  /**
   * Lists the caller in the directory: a pediatrician as themself, a school admin as their school (the chaincode
   * takes both from the certificate). Publishing again renames the entry.
   */
  async publishDirectoryEntry(displayName: string): Promise<Committed<DirectoryEntry>> {
    // Publishing is idempotent (it overwrites), so a retry after an MVCC conflict needs no reconciliation.
    return this.#submit('PublishDirectoryEntry', [displayName], DirectoryEntry);
  }

  /** Removes the caller's own directory entry (a school admin removes their school's); returns the removed entry. */
  async withdrawDirectoryEntry(): Promise<Committed<DirectoryEntry>> {
    return this.#submit('WithdrawDirectoryEntry', [], DirectoryEntry);
  }

  /** The caller's notices among the transactions `txIds` (the ids of the `report` events the app received). */
  async listMyNotices(txIds: readonly string[]): Promise<Notice[]> {
    return listMyNotices(this.#chaincode, txIds);
  }

  /** The caller's own directory entry (a school admin's: their school's), or null while none is published. */
  async readMyDirectoryEntry(): Promise<DirectoryEntry | null> {
    return this.#evaluate('ReadMyDirectoryEntry', [], DirectoryEntry.nullable());
  }

  /** Every directory entry of `kind`, sorted by display name then id. */
  async listDirectory(kind: DirectoryKind): Promise<DirectoryEntry[]> {
    return this.#evaluate('ListDirectory', [kind], z.array(DirectoryEntry));
  }

  async #reportRequest(reportRequestId: string): Promise<ReportRequest | null> {
    return (await this.listMyReportRequests()).find((r) => r.reportRequestId === reportRequestId) ?? null;
  }

  async #admissionIn(requestId: string, status: AdmissionRequest['status']): Promise<AdmissionRequest | null> {
    const request = (await this.listMyAdmissionRequests()).find((r) => r.requestId === requestId);
    return request?.status === status ? request : null;
  }

  #allPages<S extends z.ZodType>(transactionName: string, item: S): Promise<z.output<S>[]> {
    return this.#chaincode.evaluateAllPages(transactionName, item);
  }

  #evaluate<S extends z.ZodType>(transactionName: string, args: string[], schema: S): Promise<z.output<S>> {
    return this.#chaincode.evaluate(transactionName, args, schema);
  }

  #submit<S extends z.ZodType>(
    transactionName: ReportSubmission,
    args: string[],
    schema: S,
    reconcile?: () => Promise<object | null>,
    envelope?: ReportEnvelope,
  ): Promise<Committed<z.output<S>>> {
    return this.#chaincode.submit(transactionName, args, schema, {
      ...(reconcile === undefined ? {} : { reconcile }),
      // The body travels to the endorsers only, never into the block.
      ...(envelope === undefined
        ? {}
        : { transientData: { [TRANSIENT_REPORT_KEY]: encoder.encode(JSON.stringify(envelope)) } }),
    });
  }
}
