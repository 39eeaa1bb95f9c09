// When an enrollment certificate should be renewed.

/** Default: renew when less than 30 days of validity are left. */
export const DEFAULT_RENEW_BEFORE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * True when a certificate valid until `notAfter` (ISO string or Date) expires within `renewBeforeMs` of `now`, or
 * has expired already (re-enrollment then fails at the CA and the user must enroll again with a secret).
 */
export function isDueForReenrollment(
  notAfter: string | Date,
  now: Date = new Date(),
  renewBeforeMs: number = DEFAULT_RENEW_BEFORE_MS,
): boolean {
  return new Date(notAfter).getTime() - now.getTime() <= renewBeforeMs;
}
