import { z } from 'zod';
import { changeFields, id, isoDate, LIMITS, text } from './primitives';

/** submitted → accepted | rejected | withdrawn; accepted → withdrawn. */
export const AdmissionStatus = z.enum(['submitted', 'accepted', 'rejected', 'withdrawn']);
export type AdmissionStatus = z.infer<typeof AdmissionStatus>;

/**
 * CreateAdmissionRequest's argument. The caller is always a guardian; `guardianUids` may name the other guardian
 * (the report channel cannot see the medical channel, so this statement is what it trusts).
 */
export const AdmissionRequestInput = z.strictObject({
  requestId: id,
  childId: id,
  childGivenName: text(LIMITS.nameLength),
  childFamilyName: text(LIMITS.nameLength),
  childBirthDate: isoDate,
  schoolId: id,
  guardianUids: z.array(id).max(LIMITS.guardians).optional(),
});
export type AdmissionRequestInput = z.infer<typeof AdmissionRequestInput>;

/** A parent's request that a school admit their child. */
export const AdmissionRequest = z.strictObject({
  requestId: id,
  childId: id,
  childGivenName: z.string(),
  childFamilyName: z.string(),
  childBirthDate: isoDate,
  schoolId: id,
  guardianUids: z.array(id).min(1).max(LIMITS.guardians),
  status: AdmissionStatus,
  changes: z.array(z.strictObject({ status: AdmissionStatus, ...changeFields })),
});
export type AdmissionRequest = z.infer<typeof AdmissionRequest>;

/** DecideAdmissionRequest's decision argument. */
export const AdmissionDecision = z.enum(['accept', 'reject']);

/** The value of the open-request key of a child and school: which request is open for that pair. */
export const OpenAdmission = z.strictObject({ requestId: id });
export type OpenAdmission = z.infer<typeof OpenAdmission>;
