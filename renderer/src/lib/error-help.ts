// What the user can do about an error, by its code: every error the UI shows says what to do next. The table covers the
// whole vocabulary (domain/src/errorCodes.ts): a new code does not compile until it has its help here.
import type { AppErrorCode } from '@pediledger/domain';
import type { en } from '../locales/en.ts';

/** A help message's key in the locale. */
type HelpKey = `errors.help.${keyof typeof en.errors.help}`;

const helpByCode = {
  OFFLINE: 'errors.help.offline',
  NETWORK_OFFLINE: 'errors.help.offline',
  NOT_CONNECTED: 'errors.help.notConnected',
  GATEWAY_FAILURE: 'errors.help.gatewayFailure',
  ENDORSING_ORG_UNAVAILABLE: 'errors.help.endorsingOrgUnavailable',
  ENDORSER_FAILED: 'errors.help.endorserFailed',
  CHAINCODE_UNAVAILABLE: 'errors.help.chaincodeUnavailable',
  ORDERING_SERVICE_UNAVAILABLE: 'errors.help.orderingServiceUnavailable',
  OUTCOME_UNKNOWN: 'errors.help.outcomeUnknown',
  NETWORK_SETTLING: 'errors.help.networkSettling',
  IPC_TRANSPORT: 'errors.help.transport',
  NOT_IMPLEMENTED: 'errors.help.notImplemented',
  ENDORSEMENT_REFUSED: 'errors.help.refused',
  FORBIDDEN: 'errors.help.refused',
  NOT_FOUND: 'errors.help.notFound',
  CONFLICT: 'errors.help.conflict',
  COMMIT_FAILED: 'errors.help.commitFailed',
  INVALID_INPUT: 'errors.help.invalidInput',
  IPC_INVALID_ARGS: 'errors.help.invalidInput',
  INVALID_CREDENTIALS: 'errors.help.credentials',
  ENROLLMENT_FAILED: 'errors.help.credentials',
  CA_UNREACHABLE: 'errors.help.caUnreachable',
  CA_TLS_FAILURE: 'errors.help.caUnreachable',
  IDENTITY_EXISTS: 'errors.help.identityExists',
  KEYCHAIN_UNAVAILABLE: 'errors.help.keychain',
  APP_LOCKED: 'errors.help.locked',
  LOCK_PIN_REQUIRED: 'errors.help.pin',
  LOCK_WRONG_PIN: 'errors.help.pin',
  LOCK_THROTTLED: 'errors.help.pinWait',
  NO_ACTIVE_IDENTITY: 'errors.help.noIdentity',
  UNEXPECTED_LEDGER_RESPONSE: 'errors.help.unexpected',
  PDF_EXPORT_FAILED: 'errors.help.pdfExport',
  PDF_EXPORT_UNAVAILABLE: 'errors.help.pdfUnavailable',
  FHIR_EXPORT_FAILED: 'errors.help.fhirExport',
  INVALID_CONNECTION_PROFILE: 'errors.help.profile',
  IDENTITY_EXPIRED: 'errors.help.identityExpired',
  IDENTITY_REVOKED: 'errors.help.identityRevoked',
  CLOCK_SKEW: 'errors.help.clockSkew',
  REGISTRATION_INCOMPLETE: 'errors.help.registration',
  DEMO_IDENTITY_NOT_FOUND: 'errors.help.demoIdentity',
  // Codes whose best advice is the generic one (retry, note the code), each listed so none is forgotten.
  INTERNAL: 'errors.help.generic',
  INVALID_ARGUMENT: 'errors.help.generic',
  CERTIFICATE_EXPIRED: 'errors.help.generic',
  CERTIFICATE_NOT_YET_VALID: 'errors.help.generic',
  IDENTITY_NOT_FOUND: 'errors.help.generic',
  IDENTITY_SECRET_MISSING: 'errors.help.generic',
  IDENTITY_STORE_CORRUPT: 'errors.help.generic',
  PROFILE_IMPORT_FAILED: 'errors.help.generic',
  CA_PROTOCOL: 'errors.help.generic',
  IPC_UNKNOWN_CHANNEL: 'errors.help.generic',
  IPC_INVALID_RESULT: 'errors.help.generic',
  IPC_FORBIDDEN_SENDER: 'errors.help.generic',
} as const satisfies Record<AppErrorCode, HelpKey>;

/** The message key that explains what to do about an error with `code`. */
export function errorHelpKey(code: string): HelpKey {
  // What crosses the IPC boundary is a string: a code this build does not know gets the generic help.
  return (helpByCode as Readonly<Record<string, HelpKey>>)[code] ?? 'errors.help.generic';
}
