// Reports (chaincode `report/reports.ts`, IPC `report:*`, `reports:listMine`): the pediatrician issues a school-entry
// report built from the card (or replaces a stale one); a guardian lets schools read it or takes that back; a school
// opens it, leaving a read receipt. The workflow steps and their IPC handlers.
import { isDeepStrictEqual } from 'node:util';
import { z } from 'zod';
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import { UnexpectedResponseError } from '../fabric/errors.ts';
import type { Handlers } from '../ipc/handlers.ts';
import type { Cards } from './cards.ts';
import type { Children } from './children.ts';
import { ChaincodeAggregate } from './chaincodeAggregate.ts';
import type { ChaincodeClient } from './ledgerClient.ts';
import { NotAPartyError } from './partyErrors.ts';
import { buildReportEnvelope, type FitnessStatement } from './reportEnvelope.ts';
import type { ReportRequests } from './reportRequests.ts';
import {
  type PartyReportRead,
  ReadReceipt,
  Report,
  type ReportEnvelope,
  ReportListEntry,
  ReportRead,
  type ReportStaleness,
  reportStaleness,
  type ReportSubmission,
} from './schemas.ts';
import type { AggregateChannel, CurrentWorkflow } from './workflow.ts';

/** The transient-data key the chaincode reads the report envelope from. */
const TRANSIENT_REPORT_KEY = 'report';
const encoder = new TextEncoder();

/** Input of {@link Reports.createReport}. */
export interface CreateReportInput {
  reportId: string;
  reportRequestId: string;
  fitness: FitnessStatement;
}

/** Input of {@link Reports.replaceReport}. */
export interface ReplaceReportInput {
  /** The new report's id. */
  reportId: string;
  /** The stale report it replaces. */
  replacedReportId: string;
  /** A new statement; by default the replaced report's statement is kept (only the card data is rebuilt). */
  fitness?: FitnessStatement;
}

/** Input of {@link Reports.approveReport}. */
export interface ApproveReportInput {
  reportId: string;
  schoolIds: string[];
  /** Until when the schools may read the report (ISO date-time, in the future). */
  validUntil: string;
}

/** Options for {@link Reports}. */
export interface ReportsOptions {
  /** The `report` chaincode on the `report` channel. */
  chaincode: ChaincodeClient<ReportSubmission>;
  /** Reads the card a report is built from (on `medical`, with the caller's identity). */
  cards: Pick<Cards, 'readMedicalCard'>;
  /** Reads the child a report is about (on `medical`). */
  children: Pick<Children, 'readChild'>;
  /** Finds the request a report fulfils. */
  reportRequests: Pick<ReportRequests, 'findReportRequest'>;
}

/** The report body as transient data: it travels to the endorsers only, never into the block. */
function transientBody(envelope: ReportEnvelope): Record<string, Uint8Array> {
  return { [TRANSIENT_REPORT_KEY]: encoder.encode(JSON.stringify(envelope)) };
}

/**
 * The body a party read back from the Hospital + Parents collection on its own organisation's peer.
 * @throws UnexpectedResponseError when the read holds no body (a school's view, or a peer without the private data).
 */
function readBody(read: ReportRead, reportId: string): ReportEnvelope {
  if (!('envelope' in read) || read.envelope === null) {
    throw new UnexpectedResponseError(`The body of report ${reportId} is not readable from your organisation's peer`);
  }
  return read.envelope;
}

/**
 * The report transactions of the `report` chaincode. Creating or replacing a report reads the card on `medical` and
 * sends the body only as transient data to Hospital and Parents; approval sends the body the guardian read back from
 * the private collection to Parents and School, exactly as the chaincode's endorsement hints say.
 */
export class Reports extends ChaincodeAggregate<ReportSubmission> {
  readonly #options: Readonly<ReportsOptions>;

  constructor(options: Readonly<ReportsOptions>) {
    super(options.chaincode);
    this.#options = options;
  }

  /**
   * The requested pediatrician issues the report: reads the child's card and registration on `medical`, builds the
   * minimal body with the fitness statement, and submits it as transient data to Hospital and Parents only.
   */
  async createReport({ reportId, reportRequestId, fitness }: Readonly<CreateReportInput>): Promise<Committed<Report>> {
    const request = await this.#options.reportRequests.findReportRequest(reportRequestId);
    if (request === null) {
      throw new UnexpectedResponseError(`Report request ${reportRequestId} is not among your report requests`);
    }
    const isThis = (report: Report): boolean => report.reportRequestId === reportRequestId;
    return this.#issue('CreateReport', [reportId, reportRequestId], request.childId, fitness, isThis);
  }

  /**
   * The issuing pediatrician replaces a stale report in one step: the old report's body is read back (its fitness
   * statement is kept unless a new one is given), the card and child are read again on `medical`, and the new body
   * goes as transient data to Hospital and Parents only, as in {@link createReport}.
   * @throws NotAPartyError when the caller is not a party of the old report (a school).
   */
  async replaceReport(input: Readonly<ReplaceReportInput>): Promise<Committed<Report>> {
    const { reportId, replacedReportId } = input;
    const old = await this.#partyRead(replacedReportId);
    const fitness = input.fitness ?? readBody(old, replacedReportId).body.fitnessForSchool;
    const isThis = (report: Report): boolean => report.replaces === replacedReportId;
    return this.#issue('ReplaceReport', [reportId, replacedReportId], old.report.childId, fitness, isThis);
  }

  /**
   * Whether the card changed since the report was built, and which entries (kind and date only) were added since,
   * for the report's guardians and the issuing pediatrician (read with their own identity on both channels).
   * @throws NotAPartyError for a school, which reads no card.
   */
  async reportStaleness(reportId: string): Promise<ReportStaleness> {
    const read = await this.#partyRead(reportId);
    const card = await this.#options.cards.readMedicalCard(read.report.childId);
    return reportStaleness(reportId, read.report.provenance.cardVersion, card);
  }

  /**
   * A guardian lets schools read the report until `validUntil`. The body is read back from the Hospital + Parents
   * collection (on the guardian's own org's peer) and passed to Parents and School as transient data, where the
   * chaincode checks it against the on-chain hash before copying it into School's collection.
   */
  async approveReport({ reportId, schoolIds, validUntil }: Readonly<ApproveReportInput>): Promise<Committed<Report>> {
    const envelope = readBody(await this.readReport(reportId), reportId);
    const reconcile = async (): Promise<Report | null> => {
      const current = await this.readReport(reportId);
      if (!('envelope' in current)) return null;
      const granted = schoolIds.every((schoolId) =>
        current.report.permissions.some((p) => p.schoolId === schoolId && p.validUntil === validUntil),
      );
      return granted ? current.report : null;
    };
    const args = [reportId, JSON.stringify(schoolIds), validUntil];
    return this.chaincode.submit('ApproveReport', args, Report, { reconcile, transientData: transientBody(envelope) });
  }

  /** A guardian takes one school's permission away; the school's copy of the body is purged. */
  async revokeReportPermission(reportId: string, schoolId: string): Promise<Committed<Report>> {
    const reconcile = async (): Promise<Report | null> => {
      const current = await this.readReport(reportId);
      if (!('envelope' in current)) return null;
      return current.report.permissions.some((p) => p.schoolId === schoolId) ? null : current.report;
    };
    return this.chaincode.submit('RevokeReportPermission', [reportId, schoolId], Report, { reconcile });
  }

  /** A school admin records a read receipt; afterwards {@link readReport} returns the body. */
  async openReport(reportId: string): Promise<Committed<ReadReceipt>> {
    return this.chaincode.submit('OpenReport', [reportId], ReadReceipt);
  }

  /**
   * Reads a report on the caller's own organisation's peer, which holds exactly the private data the caller may
   * see (Hospital + Parents collection for parties, School's collection for schools).
   */
  async readReport(reportId: string): Promise<ReportRead> {
    return this.chaincode.evaluate('ReadReport', [reportId], ReportRead, {
      targetOrganizations: [this.chaincode.mspId],
    });
  }

  /** The report's read receipts (guardians only). */
  async getReadReceipts(reportId: string): Promise<ReadReceipt[]> {
    return this.chaincode.evaluate('GetReadReceipts', [reportId], z.array(ReadReceipt));
  }

  /** The caller's reports: full records for parties, school views (only readable ones) for a school (every page). */
  async listMyReports(): Promise<ReportListEntry[]> {
    return this.chaincode.evaluateAllPages('ListMyReports', ReportListEntry);
  }

  /**
   * A party's read of the report (guardians, issuing pediatrician).
   * @throws NotAPartyError when the caller reads the school's view.
   */
  async #partyRead(reportId: string): Promise<PartyReportRead> {
    const read = await this.readReport(reportId);
    if (!('envelope' in read)) throw new NotAPartyError(`report ${reportId}`);
    return read;
  }

  /**
   * Issues a report about `childId` (CreateReport or ReplaceReport, `args[0]` the new report's id): the body built
   * from the card and child read now, sent as transient data; reconciled when the report on the ledger `isThis` and
   * holds exactly this body.
   */
  async #issue(
    transactionName: 'CreateReport' | 'ReplaceReport',
    args: [reportId: string, source: string],
    childId: string,
    fitness: FitnessStatement,
    isThis: (report: Report) => boolean,
  ): Promise<Committed<Report>> {
    const [card, child] = await Promise.all([
      this.#options.cards.readMedicalCard(childId),
      this.#options.children.readChild(childId),
    ]);
    const envelope = buildReportEnvelope({ card, child, fitness });
    const reconcile = async (): Promise<Report | null> => {
      const read = await this.readReport(args[0]);
      const same = 'envelope' in read && isThis(read.report) && isDeepStrictEqual(read.envelope, envelope);
      return same ? read.report : null;
    };
    return this.chaincode.submit(transactionName, args, Report, { reconcile, transientData: transientBody(envelope) });
  }
}

/** The IPC entries of reports. */
export type ReportChannel = AggregateChannel<'report' | 'reports'>;

/** The handlers of {@link ReportChannel}, over the active identity's workflow. */
export function reportHandlers(workflow: CurrentWorkflow): Pick<Handlers, ReportChannel> {
  const reports = (): Reports => workflow().reports;
  return {
    'report:create': (args) => reports().createReport(args),
    'report:replace': ({ reportId, replacedReportId, fitness }) =>
      reports().replaceReport({ reportId, replacedReportId, ...(fitness === undefined ? {} : { fitness }) }),
    'report:staleness': ({ reportId }) => reports().reportStaleness(reportId),
    'report:approve': (args) => reports().approveReport(args),
    'report:revoke': ({ reportId, schoolId }) => reports().revokeReportPermission(reportId, schoolId),
    'report:open': ({ reportId }) => reports().openReport(reportId),
    'report:read': ({ reportId }) => reports().readReport(reportId),
    'report:receipts': ({ reportId }) => reports().getReadReceipts(reportId),
    'reports:listMine': () => reports().listMyReports(),
  };
}
