// The workflow API for one connected identity: one module per aggregate (the cut of the chaincode's modules and the
// domain's schemas), over one ledger client per chaincode.
import type { InvokeChannel } from '../../../shared/ipc/channels.ts';
import type { FabricConnection } from '../fabric/fabricConnection.ts';
import type { RelevanceReaders } from '../notifications/relevance.ts';
import { Admissions } from './admissions.ts';
import { Agreements } from './agreements.ts';
import { Cards } from './cards.ts';
import { Children } from './children.ts';
import { Directory } from './directory.ts';
import { newChaincodeClient } from './ledgerClient.ts';
import { listMyNotices } from './notices.ts';
import { ReportRequests } from './reportRequests.ts';
import { Reports } from './reports.ts';
import { MEDICAL_ENDORSERS, type MedicalSubmission, REPORT_ENDORSERS, type ReportSubmission } from './schemas.ts';
import { TransactionSubmitter } from './transactionSubmitter.ts';
import type { TxProgressListener } from './txProgress.ts';

/** Options for {@link createWorkflow}. */
export interface WorkflowOptions {
  connection: FabricConnection;
  /** Progress of every submission (endorsed → submitted → committed). */
  onProgress?: TxProgressListener;
  /** Tries per submission on MVCC conflicts (default 4). */
  maxAttempts?: number;
  /** Per-peer deadline of a commit-status re-check when the gateway peer could not give it (default 5 s). */
  recheckMs?: number;
}

/** Every user action of both chaincodes for the connection's identity, by aggregate. */
export interface Workflow {
  readonly agreements: Agreements;
  readonly children: Children;
  readonly cards: Cards;
  readonly admissions: Admissions;
  readonly reportRequests: ReportRequests;
  readonly reports: Reports;
  readonly directory: Directory;
  /** Each channel's `ListMyNotices`, for the notification service (notices are per channel, not per aggregate). */
  readonly notices: RelevanceReaders;
  readonly connection: FabricConnection;
  /**
   * Stops the background re-checks of transactions whose outcome is unknown (the session is closing): no verdict of
   * this identity's transactions reaches the renderer after another identity's session has started.
   */
  close(): void;
}

/** The workflow of the active identity; throws `NotConnectedError` when none is connected. */
export type CurrentWorkflow = () => Workflow;

/** The workflow entries of the contract whose names start with one of `Prefix` (saving a PDF is the window's job). */
export type AggregateChannel<Prefix extends string> = Exclude<
  Extract<InvokeChannel, `${Prefix}:${string}`>,
  'report:savePdf'
>;

/** Builds the workflow API over `connection`. */
export function createWorkflow(options: Readonly<WorkflowOptions>): Workflow {
  const submitter = new TransactionSubmitter({
    connection: options.connection,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
    ...(options.recheckMs === undefined ? {} : { recheckMs: options.recheckMs }),
  });
  const { connection } = options;
  const medical = newChaincodeClient<MedicalSubmission>({
    connection,
    submitter,
    channel: 'medical',
    chaincode: 'medical',
    endorsers: MEDICAL_ENDORSERS,
  });
  const report = newChaincodeClient<ReportSubmission>({
    connection,
    submitter,
    channel: 'report',
    chaincode: 'report',
    endorsers: REPORT_ENDORSERS,
  });
  const children = new Children(medical);
  const cards = new Cards(medical);
  const reportRequests = new ReportRequests(report);
  return {
    agreements: new Agreements(medical),
    children,
    cards,
    admissions: new Admissions(report),
    reportRequests,
    reports: new Reports({ chaincode: report, cards, children, reportRequests }),
    directory: new Directory(report),
    notices: {
      medical: { listMyNotices: (txIds) => listMyNotices(medical, txIds) },
      report: { listMyNotices: (txIds) => listMyNotices(report, txIds) },
    },
    connection,
    close: () => {
      submitter.close();
    },
  };
}
