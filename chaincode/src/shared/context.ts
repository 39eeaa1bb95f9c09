import { Context } from 'fabric-contract-api';

/**
 * The transaction context of both contracts: Fabric's, plus the chaincode's only reading of a clock.
 * fabric-contract-api creates one per transaction (`Contract.createContext`), so the reading is taken as the
 * transaction starts on this endorser.
 */
export class PediLedgerContext extends Context {
  /**
   * This endorser's clock when the transaction started, in milliseconds since the epoch (the chaincode server runs
   * beside its organisation's peer). It is used for one thing only: refusing a proposal whose timestamp is too far
   * from it (`proposalChecks.ts`). It is never written, returned or used to decide anything else, so endorsers whose
   * clocks differ still compute identical results; the transaction's time remains the proposal's timestamp.
   */
  endorserClockMs: number = Date.now();
}
