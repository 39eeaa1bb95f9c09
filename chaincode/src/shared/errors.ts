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

/** The record does not exist (or the caller may not learn that it exists; see FORBIDDEN). */
export function notFound(message: string): ChaincodeError {
  return new ChaincodeError('NOT_FOUND', message);
}

/** The caller's certificate does not allow this. */
export function forbidden(message: string): ChaincodeError {
  return new ChaincodeError('FORBIDDEN', message);
}

/** An argument failed validation. */
export function invalidArgument(message: string): ChaincodeError {
  return new ChaincodeError('INVALID_ARGUMENT', message);
}

/** The request is well formed but clashes with the current state (duplicate id, wrong status, expired). */
export function conflict(message: string): ChaincodeError {
  return new ChaincodeError('CONFLICT', message);
}

/** The caller's certificate had expired at the transaction time (Fabric 2.5's gateway does not check this itself). */
export function certificateExpired(message: string): ChaincodeError {
  return new ChaincodeError('CERTIFICATE_EXPIRED', message);
}

/** The caller's certificate was not yet valid at the transaction time. */
export function certificateNotYetValid(message: string): ChaincodeError {
  return new ChaincodeError('CERTIFICATE_NOT_YET_VALID', message);
}

/** The proposal's timestamp is further from the endorsing peer's clock than the bound allows. */
export function clockSkew(message: string): ChaincodeError {
  return new ChaincodeError('CLOCK_SKEW', message);
}

/**
 * The answer to a function name the contract does not have. fabric-contract-api's own `unknownTransaction` logs the
 * arguments at ERROR before it refuses, so both contracts override it with this: the arguments may be a child's
 * record, and the name is the caller's text, so neither is repeated.
 */
export function unknownTransaction(contractName: string): ChaincodeError {
  return invalidArgument(`the ${contractName} contract has no transaction of that name`);
}
