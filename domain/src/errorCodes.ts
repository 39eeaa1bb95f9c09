// The one error vocabulary of PediLedger: every code the chaincode, main and the renderer raise, written once. A code
// outside this list does not compile where an error is made (`AppError`'s code is `AppErrorCode`), and the renderer's
// help table is a `Record<AppErrorCode, …>`, so a new code does not compile without its user-facing help.
//
// Process-neutral (no Node, Electron or DOM). The chaincode raises the codes in `chaincodeErrorCodes` (its
// `ChaincodeError` accepts no other), and main recognises exactly those in a peer's answer.

/** Every error code, by a name for code to use. The value is the stable code that crosses process boundaries. */
export const errorCodes = {
  // The chaincode's rejections (`chaincodeErrorCodes` below): `CODE: one-line message` in the peer's answer.
  notFound: 'NOT_FOUND',
  forbidden: 'FORBIDDEN',
  invalidArgument: 'INVALID_ARGUMENT',
  conflict: 'CONFLICT',
  certificateExpired: 'CERTIFICATE_EXPIRED',
  certificateNotYetValid: 'CERTIFICATE_NOT_YET_VALID',
  clockSkew: 'CLOCK_SKEW',
  // Main's services: identities and the keychain.
  internal: 'INTERNAL',
  keychainUnavailable: 'KEYCHAIN_UNAVAILABLE',
  identityNotFound: 'IDENTITY_NOT_FOUND',
  identityExists: 'IDENTITY_EXISTS',
  identitySecretMissing: 'IDENTITY_SECRET_MISSING',
  invalidCredentials: 'INVALID_CREDENTIALS',
  identityStoreCorrupt: 'IDENTITY_STORE_CORRUPT',
  // Enrollment, the Fabric CA and connection profiles.
  invalidConnectionProfile: 'INVALID_CONNECTION_PROFILE',
  profileImportFailed: 'PROFILE_IMPORT_FAILED',
  caUnreachable: 'CA_UNREACHABLE',
  caTlsFailure: 'CA_TLS_FAILURE',
  caProtocol: 'CA_PROTOCOL',
  enrollmentFailed: 'ENROLLMENT_FAILED',
  /** The user's registration at the CA lacks what PediLedger needs (attributes, uid, school authority). */
  registrationIncomplete: 'REGISTRATION_INCOMPLETE',
  demoIdentityNotFound: 'DEMO_IDENTITY_NOT_FOUND',
  // The IPC layer.
  ipcUnknownChannel: 'IPC_UNKNOWN_CHANNEL',
  ipcInvalidArgs: 'IPC_INVALID_ARGS',
  ipcInvalidResult: 'IPC_INVALID_RESULT',
  ipcForbiddenSender: 'IPC_FORBIDDEN_SENDER',
  ipcTransport: 'IPC_TRANSPORT',
  /** Only the test seam answers it (electron/main/testing/partialHandlers.ts); the shipped app serves every entry. */
  notImplemented: 'NOT_IMPLEMENTED',
  // The app lock.
  appLocked: 'APP_LOCKED',
  lockPinRequired: 'LOCK_PIN_REQUIRED',
  lockWrongPin: 'LOCK_WRONG_PIN',
  lockThrottled: 'LOCK_THROTTLED',
  noActiveIdentity: 'NO_ACTIVE_IDENTITY',
  // The gateway and the workflow.
  endorsementRefused: 'ENDORSEMENT_REFUSED',
  commitFailed: 'COMMIT_FAILED',
  networkOffline: 'NETWORK_OFFLINE',
  notConnected: 'NOT_CONNECTED',
  gatewayFailure: 'GATEWAY_FAILURE',
  /** The gateway answered, but a peer of another organisation whose endorsement the change needs is unreachable. */
  endorsingOrgUnavailable: 'ENDORSING_ORG_UNAVAILABLE',
  /** A named organisation's peer failed to endorse (down, unreachable from the gateway): nothing was recorded. */
  endorserFailed: 'ENDORSER_FAILED',
  /** The chaincode service did not answer the peer in time (hung or stopped chaincode server): nothing was recorded. */
  chaincodeUnavailable: 'CHAINCODE_UNAVAILABLE',
  /** The gateway could not hand the transaction to any orderer: nothing was recorded. */
  orderingServiceUnavailable: 'ORDERING_SERVICE_UNAVAILABLE',
  /** The transaction was handed to the orderer, and no peer could yet say whether it committed. */
  outcomeUnknown: 'OUTCOME_UNKNOWN',
  /** Right after a peer restart the gateway cannot yet plan an endorsement; it persisted through the retries. */
  networkSettling: 'NETWORK_SETTLING',
  unexpectedLedgerResponse: 'UNEXPECTED_LEDGER_RESPONSE',
  identityExpired: 'IDENTITY_EXPIRED',
  identityRevoked: 'IDENTITY_REVOKED',
  invalidInput: 'INVALID_INPUT',
  // Saving a report as PDF.
  pdfExportFailed: 'PDF_EXPORT_FAILED',
  pdfExportUnavailable: 'PDF_EXPORT_UNAVAILABLE',
  // Saving a card or a report as a FHIR R4 bundle.
  fhirExportFailed: 'FHIR_EXPORT_FAILED',
  // Raised in the renderer itself.
  /** The connection store refuses a write while not connected. */
  offline: 'OFFLINE',
} as const;

/** One of the codes in {@link errorCodes}. */
export type AppErrorCode = (typeof errorCodes)[keyof typeof errorCodes];

/** Every code, for tables that must cover them all. */
export const allErrorCodes: readonly AppErrorCode[] = Object.values(errorCodes);

/** True when `code` is one of PediLedger's codes (what crosses a boundary is a string until checked). */
export function isAppErrorCode(code: string): code is AppErrorCode {
  return (allErrorCodes as readonly string[]).includes(code);
}

/**
 * The codes the chaincode answers with, as `CODE: one-line message` (chaincode/src/shared/errors.ts). The prefix is
 * API, the message after it is for people.
 */
export const chaincodeErrorCodes = [
  errorCodes.notFound,
  errorCodes.forbidden,
  errorCodes.invalidArgument,
  errorCodes.conflict,
  errorCodes.certificateExpired,
  errorCodes.certificateNotYetValid,
  errorCodes.clockSkew,
] as const;

/** One of the chaincode's codes. */
export type ChaincodeErrorCode = (typeof chaincodeErrorCodes)[number];
