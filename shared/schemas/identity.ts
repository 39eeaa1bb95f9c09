// Non-secret description of a stored X.509 identity: what the renderer may see and what the identity list persists.
// The private key never appears here.
import { z } from 'zod';
import { OrgName } from './connectionProfile.ts';

/** ISO-8601 timestamp string (dates cross IPC as strings). */
const IsoDateTime = z.iso.datetime({ offset: true });

/** Public metadata of one identity in the local identity store. */
export const IdentitySummary = z.object({
  /** Local identifier (stable across re-enrollment). */
  id: z.uuid(),
  /** User-chosen display name. */
  label: z.string().min(1).max(200),
  org: OrgName,
  mspId: z.string().min(1),
  /** Enrollment ID (the certificate subject CN). */
  enrollmentId: z.string().min(1),
  /** `uid` attribute of the certificate; null when absent. */
  uid: z.string().nullable(),
  /** `role` attribute of the certificate; null when absent. */
  role: z.string().nullable(),
  /** `schoolId` attribute of the certificate; null when absent. */
  schoolId: z.string().nullable(),
  /** Certificate validity. */
  notBefore: IsoDateTime,
  notAfter: IsoDateTime,
  /** SHA-256 fingerprint of the certificate (hex, colon separated as Node prints it). */
  fingerprint256: z.string().min(1),
  /** When the identity was added to this machine. */
  addedAt: IsoDateTime,
});
export type IdentitySummary = z.infer<typeof IdentitySummary>;
