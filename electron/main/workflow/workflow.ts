// The workflow API for one connected identity: the typed medical and report workflows over one ledger client.
import type { FabricConnection } from '../fabric/fabricConnection.ts';
import { LedgerClient } from './ledgerClient.ts';
import { MedicalWorkflow } from './medicalWorkflow.ts';
import { ReportWorkflow } from './reportWorkflow.ts';
import { TransactionSubmitter } from './transactionSubmitter.ts';
import type { TxProgressListener } from './txProgress.ts';

/** Options for {@link createWorkflow}. */
export interface WorkflowOptions {
  connection: FabricConnection;
  /** Progress of every submission (endorsed → submitted → committed). */
  onProgress?: TxProgressListener;
  /** Tries per submission on MVCC conflicts (default 4). */
  maxAttempts?: number;
}

/** Every user action of both chaincodes, for the connection's identity. */
export interface Workflow {
  readonly medical: MedicalWorkflow;
  readonly report: ReportWorkflow;
  readonly connection: FabricConnection;
}

/** Builds the workflow API over `connection`. */
export function createWorkflow(options: Readonly<WorkflowOptions>): Workflow {
  const submitter = new TransactionSubmitter({
    connection: options.connection,
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
  const ledger = new LedgerClient({ connection: options.connection, submitter });
  const medical = new MedicalWorkflow(ledger);
  return { medical, report: new ReportWorkflow({ ledger, medical }), connection: options.connection };
}
