// Renewing certificates that are about to expire, once at startup.
import type { JsonValue } from '../../../shared/errors.ts';
import { toSerializableError } from '../../../shared/errors.ts';
import type { IdentitySummary } from '../../../shared/schemas/identity.ts';
import { isDueForReenrollment } from './renewal.ts';

/** A user-facing notice about a renewal (the payload of the contract's `notification` event). */
export interface RenewalNotice {
  id: string;
  level: 'success' | 'warning';
  title: string;
  body: string;
  at: string;
  kind: 'certificate-renewed' | 'certificate-renewal-failed';
  /** The identity concerned, so the UI can open it. */
  refs: { identityId: string };
}

/** Options for {@link renewDueIdentities}. */
export interface StartupRenewalOptions {
  /** The stored identities. */
  identities: { list(): Promise<IdentitySummary[]> };
  /** Re-enrolls one identity (EnrollmentService.reenroll). */
  reenroll: (identityId: string) => Promise<IdentitySummary>;
  /** Publishes a notice to the user (e.g. the `notification` event). */
  notify?: (notice: RenewalNotice) => void;
  /** Where each outcome is logged, one line per identity. */
  log?: (message: string) => void;
  now?: () => Date;
  /** How long before expiry a certificate is renewed; default {@link isDueForReenrollment}'s 30 days. */
  renewBeforeMs?: number;
}

/** What {@link renewDueIdentities} did. */
export interface StartupRenewalReport {
  renewed: IdentitySummary[];
  failed: {
    identity: IdentitySummary;
    error: { code: string; message: string; details?: Record<string, JsonValue> };
  }[];
}

/**
 * Re-enrolls every stored identity whose certificate expires soon (or has expired), one after the other. It never
 * throws: the app starts whatever the CA says, and each failure is logged and published so the user can enroll
 * again (an expired certificate cannot be renewed with itself).
 */
export async function renewDueIdentities(options: StartupRenewalOptions): Promise<StartupRenewalReport> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const notify = options.notify ?? (() => undefined);
  const report: StartupRenewalReport = { renewed: [], failed: [] };
  let identities: IdentitySummary[];
  try {
    identities = await options.identities.list();
  } catch (error) {
    log(`certificate renewal skipped: ${toSerializableError(error).message}`);
    return report;
  }
  for (const identity of identities) {
    if (!isDueForReenrollment(identity.notAfter, now(), options.renewBeforeMs)) continue;
    const who = `${identity.enrollmentId}@${identity.mspId}`;
    try {
      const renewed = await options.reenroll(identity.id);
      report.renewed.push(renewed);
      log(`renewed the certificate of ${who} (was valid until ${identity.notAfter}, now until ${renewed.notAfter})`);
      notify({
        id: `renewed-${identity.id}`,
        level: 'success',
        title: `Certificate of ${identity.label} renewed`,
        body: `It is now valid until ${renewed.notAfter}.`,
        at: now().toISOString(),
        kind: 'certificate-renewed',
        refs: { identityId: identity.id },
      });
    } catch (thrown) {
      const error = toSerializableError(thrown);
      report.failed.push({ identity, error });
      log(`could not renew the certificate of ${who}: ${error.code} ${error.message}`);
      notify({
        id: `renewal-failed-${identity.id}`,
        level: 'warning',
        title: `Certificate of ${identity.label} could not be renewed`,
        body: `It is valid until ${identity.notAfter}. ${error.message}`.slice(0, 1_000),
        at: now().toISOString(),
        kind: 'certificate-renewal-failed',
        refs: { identityId: identity.id },
      });
    }
  }
  return report;
}
