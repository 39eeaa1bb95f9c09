import { z } from 'zod';
import { GuardianUids, id, isoDate, isoDateTime, LIMITS, text, statusChanges } from './primitives.ts';

/** submitted → accepted | rejected | withdrawn; accepted → withdrawn. */
export const AdmissionStatus = z.enum(['submitted', 'accepted', 'rejected', 'withdrawn']);
export type AdmissionStatus = z.infer<typeof AdmissionStatus>;

/**
 * CreateAdmissionRequest's argument. The child's names, birth date and guardians are checked against its record on
 * `medical` (the request's guardians are the child's guardians there); `guardianUids`, if given, must be among them.
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
  guardianUids: GuardianUids,
  status: AdmissionStatus,
  changes: statusChanges(AdmissionStatus),
});
export type AdmissionRequest = z.infer<typeof AdmissionRequest>;

/** DecideAdmissionRequest's decision argument. */
export const AdmissionDecision = z.enum(['accept', 'reject']);

/**
 * What CreateAdmissionRequest returns to a parent who is not a guardian of the child on `medical` (or names a child
 * that does not exist: the same answer). The transaction records the attempt for the child's guardians and creates
 * no request; the school never sees it.
 */
export const AdmissionRefusal = z.strictObject({ refused: z.literal('FORBIDDEN'), message: z.string() });
export type AdmissionRefusal = z.infer<typeof AdmissionRefusal>;

/** CreateAdmissionRequest's answer: the request, or the refusal. */
export const CreateAdmissionResult = z.union([AdmissionRequest, AdmissionRefusal]);
export type CreateAdmissionResult = z.infer<typeof CreateAdmissionResult>;

/**
 * A refused admission request, kept in the Hospital + Parents collection under its transaction id (School's peer
 * holds only its hash). Only what the applicant stated and who they are: nothing read from `medical`.
 */
export const AdmissionAttempt = z.strictObject({
  requestId: id,
  childId: id,
  schoolId: id,
  applicantUid: id,
  at: isoDateTime,
});
export type AdmissionAttempt = z.infer<typeof AdmissionAttempt>;

/** The value of the open-request key of a child and school: which request is open for that pair. */
export const OpenAdmission = z.strictObject({ requestId: id });
export type OpenAdmission = z.infer<typeof OpenAdmission>;
