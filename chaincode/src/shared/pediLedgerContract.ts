import { Contract } from 'fabric-contract-api';
import { callerOf } from './caller';
import { PediLedgerContext } from './context';
import { unknownTransaction } from './errors';
import { checkProposal } from './proposalChecks';

/**
 * What every PediLedger contract does around its transactions: the context, the checks before each one, and the
 * answer to an unknown name. Transactions themselves are not inherited: fabric-contract-api lists a contract's
 * transactions from its own class, so each contract declares its whole surface (and delegates to its aggregates).
 */
export abstract class PediLedgerContract extends Contract {
  /** Each transaction's context carries this endorser's clock reading, for {@link checkProposal}. */
  override createContext(): PediLedgerContext {
    return new PediLedgerContext();
  }

  /** Runs before every transaction, evaluations included: the proposal's time and the caller's certificate. */
  override beforeTransaction(ctx: PediLedgerContext): Promise<void> {
    checkProposal(ctx);
    return Promise.resolve();
  }

  /** Refuses an unknown function name without logging its arguments (see `unknownTransaction`). */
  public override unknownTransaction(): Promise<void> {
    return Promise.reject(unknownTransaction(this.getName()));
  }
}

/** Ping's answer: who the chaincode sees as the caller, on which channel (a smoke test of identity plumbing). */
export function pingAnswer(ctx: PediLedgerContext): Promise<string> {
  return Promise.resolve(JSON.stringify({ channel: ctx.stub.getChannelID(), caller: callerOf(ctx) }));
}
