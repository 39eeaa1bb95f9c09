// Typed errors of enrollment and of talking to a Fabric CA.
import { AppError, ErrorCode, type AppErrorOptions } from '../../../shared/errors.ts';
import { messageErrorClass } from '../../../shared/errorClass.ts';

/** One error entry of a Fabric CA response (`errors: [{ code, message }]`). */
export interface CaErrorEntry {
  code: number;
  message: string;
}

/** The CA answered, and refused the request (bad secret, unknown user, expired certificate, ...). */
export class EnrollmentError extends AppError {
  override name = 'EnrollmentError';
  /** HTTP status of the CA's answer. */
  readonly httpStatus: number;
  /** The CA's first error code (e.g. 20 = authentication failure), or null when it gave none. */
  readonly caCode: number | null;
  /** The CA's first error message, or null. */
  readonly caMessage: string | null;

  constructor(operation: string, httpStatus: number, caErrors: CaErrorEntry[]) {
    const first = caErrors[0];
    const reason = first === undefined ? `HTTP ${httpStatus}` : `${first.message} (CA error ${first.code})`;
    super(ErrorCode.EnrollmentFailed, `The Fabric CA refused ${operation}: ${reason}`, {
      details: { operation, httpStatus, caErrors: caErrors.map((e) => ({ code: e.code, message: e.message })) },
    });
    this.httpStatus = httpStatus;
    this.caCode = first?.code ?? null;
    this.caMessage = first?.message ?? null;
  }
}

/** The CA could not be reached (refused, unreachable, timed out). */
export class CaUnreachableError extends AppError {
  override name = 'CaUnreachableError';
  constructor(url: string, reason: string, options: AppErrorOptions = {}) {
    super(ErrorCode.CaUnreachable, `The Fabric CA at ${url} cannot be reached: ${reason}`, {
      ...options,
      details: { url, reason },
    });
  }
}

/** The CA's TLS certificate is not trusted (wrong CA file, wrong host name, expired). */
export class CaTlsError extends AppError {
  override name = 'CaTlsError';
  constructor(url: string, reason: string, options: AppErrorOptions = {}) {
    super(ErrorCode.CaTlsFailure, `The TLS certificate of the Fabric CA at ${url} is not trusted: ${reason}`, {
      ...options,
      details: { url, reason },
    });
  }
}

/** The CA answered something that is not a Fabric CA response. */
export const CaProtocolError = messageErrorClass('CaProtocolError', ErrorCode.CaProtocol);
export type CaProtocolError = InstanceType<typeof CaProtocolError>;

/** A connection profile is missing, unreadable or invalid. */
export const InvalidConnectionProfileError = messageErrorClass(
  'InvalidConnectionProfileError',
  ErrorCode.InvalidConnectionProfile,
);
export type InvalidConnectionProfileError = InstanceType<typeof InvalidConnectionProfileError>;

/** What {@link RegistrationIncompleteError} reports. */
export interface RegistrationProblem {
  enrollmentId: string;
  /** Which identity rule failed (`identityRules.ts`), or `attributes` when the CA lacked requested attributes. */
  rule: string;
  /** What is wrong, in one line (names attributes and rules, never their values). */
  problem: string;
  /** What the administrator must change, e.g. "register ped-x with `uid=ped-x:ecert`". */
  fix: string;
  /**
   * `secret-unused`: the CA refused before issuing; `secret-used`: it issued a certificate, so the one-time secret is
   * spent; `certificate-kept`: a renewal, and the current certificate stays.
   */
  outcome: 'secret-unused' | 'secret-used' | 'certificate-kept';
}

const OUTCOMES: Readonly<Record<RegistrationProblem['outcome'], string>> = {
  'secret-unused':
    'Nothing was stored, and the one-time secret is still unused: enroll with it again once this is fixed.',
  'secret-used': 'Nothing was stored; the one-time secret is used up, so they must also give you a new one.',
  'certificate-kept': 'The certificate was not renewed; the current one stays in use until it expires.',
};

/**
 * The user's registration at the CA cannot give a certificate PediLedger accepts: an attribute the app asked for is
 * missing, or the certificate breaks an identity rule the chaincode applies to every call. Nothing was stored; the
 * message says what the administrator must fix.
 */
export class RegistrationIncompleteError extends AppError {
  override name = 'RegistrationIncompleteError';
  constructor(problem: Readonly<RegistrationProblem>) {
    super(
      ErrorCode.RegistrationIncomplete,
      `PediLedger cannot use ${problem.enrollmentId}: ${problem.problem}. Ask your administrator to ${problem.fix}. ${OUTCOMES[problem.outcome]}`,
      { details: { enrollmentId: problem.enrollmentId, rule: problem.rule, outcome: problem.outcome } },
    );
  }
}
