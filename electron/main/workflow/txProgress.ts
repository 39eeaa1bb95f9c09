// Progress of submitted transactions, for the UI's "endorsed → submitted → committed" indicator.
import type { SerializedError } from '../../../shared/errors.ts';

/**
 * The stages a submission goes through, in order; `failed` may follow any of them. `unconfirmed`: handed to the
 * orderer, and no peer could say yet whether it committed (OUTCOME_UNKNOWN); `committed` or `failed` follows when the
 * background re-check learns it.
 */
export type TxStage = 'endorsing' | 'endorsed' | 'submitted' | 'unconfirmed' | 'committed' | 'failed';

/** One progress report. A retried submission reports again under its new transaction id. */
export interface TxProgress {
  txId: string;
  channel: string;
  transactionName: string;
  stage: TxStage;
  /** 1 for the first try, 2+ for retries after an MVCC conflict. */
  attempt: number;
  /** Set when `stage` is `failed` or `unconfirmed`. */
  error?: SerializedError;
}

/** Receives progress reports. */
export type TxProgressListener = (progress: TxProgress) => void;
