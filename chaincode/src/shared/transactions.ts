import { Returns, Transaction } from 'fabric-contract-api';
import { PediLedgerContext } from './context';
import type { PediLedgerContract } from './pediLedgerContract';

/** A transaction as its aggregate module writes it: the context, then the string arguments clients pass, in order. */
export type TransactionFunction = (ctx: PediLedgerContext, ...args: string[]) => Promise<string>;

/** One line of a contract's surface: the function that runs, and whether it is submitted or only evaluated. */
export interface TransactionEntry {
  run: TransactionFunction;
  /** `true`: endorsed, ordered and committed (`@Transaction()`); `false`: a read (`@Transaction(false)`). */
  commit: boolean;
}

/** A transaction that writes: clients submit it (`@Transaction()`). */
export function submit(run: TransactionFunction): TransactionEntry {
  return { run, commit: true };
}

/** A transaction that only reads: clients evaluate it (`@Transaction(false)`). */
export function evaluate(run: TransactionFunction): TransactionEntry {
  return { run, commit: false };
}

/** reflect-metadata's writer (loaded by fabric-contract-api; its typings are not part of this project). */
const metadata = Reflect as unknown as {
  defineMetadata(key: string, value: unknown, target: object, property: string): void;
};

/**
 * Declares a contract's deployed surface from a table, in its order: each name becomes a method of `contract` that
 * runs the aggregate module's function, and gets exactly the metadata that a method written in the class with
 * `@Transaction(commit)` and `@Returns('string')` gets, so `org.hyperledger.fabric:GetMetadata`, the transaction tags
 * and the parameter names and types are the same as if each were written out.
 *
 * What fabric-contract-api 2.5's decorators read (lib/annotations/transaction.js): `@Transaction` takes the parameter
 * names from the method's source (get-params), their types from TypeScript's `design:paramtypes` metadata (dropping
 * the context's type) and tags SUBMIT/submitTx or EVALUATE; `@Returns` records the return schema. TypeScript applies
 * a method's decorators bottom-up, after its `design:*` metadata, so this does the same in the same order: the
 * parameter types (the context, then one `String` per argument: a {@link TransactionFunction} takes only strings),
 * then `Returns('string')`, then `Transaction(commit)`. The method is the module's function itself, so its parameter
 * names are the module's, and fabric-contract-api calls it as `contract[name](ctx, ...args)`.
 *
 * Only the names in the table are transactions: any other name reaches `unknownTransaction`.
 */
export function declareTransactions(
  contract: abstract new (...args: never[]) => PediLedgerContract,
  transactions: Record<string, TransactionEntry>,
): void {
  const prototype = contract.prototype as object;
  for (const [name, { run, commit }] of Object.entries(transactions)) {
    // As a class method: not enumerable, so it never shows in the contract instance's own JSON.
    Object.defineProperty(prototype, name, { value: run, writable: true, configurable: true, enumerable: false });
    const parameterTypes = [PediLedgerContext, ...Array.from({ length: run.length - 1 }, () => String)];
    metadata.defineMetadata('design:paramtypes', parameterTypes, prototype, name);
    Returns('string')(prototype, name);
    Transaction(commit)(prototype, name);
  }
}
