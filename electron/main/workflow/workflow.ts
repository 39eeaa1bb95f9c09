// The workflow API for one connected identity: the typed medical and report workflows over one ledger client.
import type { FabricConnection } from '../fabric/fabricConnection.ts';
import { newChaincodeClient } from './ledgerClient.ts';
import { MedicalWorkflow, type MedicalSubmission } from './medicalWorkflow.ts';
import { ReportWorkflow, type ReportSubmission } from './reportWorkflow.ts';
import { MEDICAL_ENDORSERS, REPORT_ENDORSERS } from './schemas.ts';
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
    ...(options.recheckMs === undefined ? {} : { recheckMs: options.recheckMs }),
  });
  const { connection } = options;
  const medical = new MedicalWorkflow(
    newChaincodeClient<MedicalSubmission>({
      connection,
      submitter,
      channel: 'medical',
      chaincode: 'medical',
      endorsers: MEDICAL_ENDORSERS,
    }),
  );
  const report = new ReportWorkflow({
    chaincode: newChaincodeClient<ReportSubmission>({
      connection,
      submitter,
      channel: 'report',
      chaincode: 'report',
      endorsers: REPORT_ENDORSERS,
    }),
    medical,
  });
  return { medical, report, connection };
}
