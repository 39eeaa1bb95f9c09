import type { ChaincodeErrorCode } from '@pediledger/domain';

// The codes are PediLedger's one vocabulary (@pediledger/domain `chaincodeErrorCodes`); this file only makes them.

/** A rejection the caller can act on: `CODE: one-line message`. Fabric returns the message to the client verbatim. */
export class ChaincodeError extends Error {
  public readonly code: ChaincodeErrorCode;

  constructor(code: ChaincodeErrorCode, message: string) {
    // One line only: clients show these messages, and a newline in a user-supplied value must not forge a second line.
    super(`${code}: ${message.replace(/[\r\n\u2028\u2029]+/g, ' ')}`);
    this.name = 'ChaincodeError';
    this.code = code;
  }
}

/** The rejections of one code: `rejection('NOT_FOUND')('…')` throws as `NOT_FOUND: …`. */
function rejection(code: ChaincodeErrorCode): (message: string) => ChaincodeError {
  return (message) => new ChaincodeError(code, message);
}

/** The record does not exist (or the caller may not learn that it exists; see FORBIDDEN). */
export const notFound = rejection('NOT_FOUND');

/** The caller's certificate does not allow this. */
export const forbidden = rejection('FORBIDDEN');

/** An argument failed validation. */
export const invalidArgument = rejection('INVALID_ARGUMENT');

/** The request is well formed but clashes with the current state (duplicate id, wrong status, expired). */
export const conflict = rejection('CONFLICT');

/** The caller's certificate had expired at the transaction time (Fabric 2.5's gateway does not check this itself). */
export const certificateExpired = rejection('CERTIFICATE_EXPIRED');

/** The caller's certificate was not yet valid at the transaction time. */
export const certificateNotYetValid = rejection('CERTIFICATE_NOT_YET_VALID');

/** The proposal's timestamp is further from the endorsing peer's clock than the bound allows. */
export const clockSkew = rejection('CLOCK_SKEW');

/**
 * The answer to a function name the contract does not have. fabric-contract-api's own `unknownTransaction` logs the
 * arguments at ERROR before it refuses, so both contracts override it with this: the arguments may be a child's
 * record, and the name is the caller's text, so neither is repeated.
 */
export function unknownTransaction(contractName: string): ChaincodeError {
  return invalidArgument(`the ${contractName} contract has no transaction of that name`);
}
