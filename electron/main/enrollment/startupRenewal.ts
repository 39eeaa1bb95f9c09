// Renewing certificates that are about to expire, once at startup.
import type { JsonValue } from '../../../shared/errors.ts';
import { toSerializableError } from '../../../shared/errors.ts';
import type { IdentitySummary } from '../../../shared/schemas/identity.ts';
import { isDueForReenrollment } from './renewal.ts';

/**
 * A notice about a renewal (the payload of the contract's `notification` event). The renderer words it, with the
 * identity's label from its identity list.
 */
export interface RenewalNotice {
  id: string;
  level: 'success' | 'warning';
  at: string;
  kind: 'certificate-renewed' | 'certificate-renewal-failed' | 'certificate-expired';
  /**
   * The identity concerned, so the UI can name and open it; when its certificate expires (`notAfter`, ISO 8601); for
   * a failure, the error `code`, which the UI explains.
   */
  refs: { identityId: string; notAfter: string; code?: string };
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
  /** Identities whose certificate had expired already: not sent to the CA, the user must enroll again. */
  expired: IdentitySummary[];
  failed: {
    identity: IdentitySummary;
    error: { code: string; message: string; details?: Record<string, JsonValue> };
  }[];
}

/**
 * Re-enrolls every stored identity whose certificate expires soon, one after the other. A certificate that has
 * expired already is not sent to the CA (it cannot authenticate its own renewal: the CA would only answer
 * "Authentication failure"): the user is told it expired, since when, and that they need a new one-time secret.
 * It never throws: the app starts whatever the CA says, and each outcome is logged and published.
 */
export async function renewDueIdentities(options: StartupRenewalOptions): Promise<StartupRenewalReport> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const notify = options.notify ?? (() => undefined);
  const report: StartupRenewalReport = { renewed: [], expired: [], failed: [] };
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
    if (Date.parse(identity.notAfter) <= now().getTime()) {
      report.expired.push(identity);
      log(`the certificate of ${who} expired on ${identity.notAfter}; not renewed: the user must enroll again`);
      notify({
        id: `expired-${identity.id}`,
        level: 'warning',
        at: now().toISOString(),
        kind: 'certificate-expired',
        refs: { identityId: identity.id, notAfter: identity.notAfter },
      });
      continue;
    }
    try {
      const renewed = await options.reenroll(identity.id);
      report.renewed.push(renewed);
      log(`renewed the certificate of ${who} (was valid until ${identity.notAfter}, now until ${renewed.notAfter})`);
      notify({
        id: `renewed-${identity.id}`,
        level: 'success',
        at: now().toISOString(),
        kind: 'certificate-renewed',
        refs: { identityId: identity.id, notAfter: renewed.notAfter },
      });
    } catch (thrown) {
      const error = toSerializableError(thrown);
      report.failed.push({ identity, error });
      log(`could not renew the certificate of ${who}: ${error.code} ${error.message}`);
      notify({
        id: `renewal-failed-${identity.id}`,
        level: 'warning',
        at: now().toISOString(),
        kind: 'certificate-renewal-failed',
        refs: { identityId: identity.id, notAfter: identity.notAfter, code: error.code.slice(0, 64) },
      });
    }
  }
  return report;
}
