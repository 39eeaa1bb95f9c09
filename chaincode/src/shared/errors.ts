/**
 * The stable prefixes clients match on. The message after the prefix is for people and may change; the prefix is API.
 */
export type ErrorCode = 'NOT_FOUND' | 'FORBIDDEN' | 'INVALID_ARGUMENT' | 'CONFLICT';

/** A rejection the caller can act on: `CODE: one-line message`. Fabric returns the message to the client verbatim. */
export class ChaincodeError extends Error {
  public readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
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

/**
 * The answer to a function name the contract does not have. fabric-contract-api's own `unknownTransaction` logs the
 * arguments at ERROR before it refuses, so both contracts override it with this: the arguments may be a child's
 * record, and the name is the caller's text, so neither is repeated.
 */
export function unknownTransaction(contractName: string): ChaincodeError {
  return invalidArgument(`the ${contractName} contract has no transaction of that name`);
}
