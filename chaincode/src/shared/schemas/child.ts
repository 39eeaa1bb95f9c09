import { z } from 'zod';
import { changeFields, id, isoDate, isoDateTime, LIMITS, text } from './primitives';

/** Administrative sex as recorded by the practice. */
export const Sex = z.enum(['female', 'male', 'other', 'unknown']);

/** What a parent states about a child when the child is first registered. */
export const ChildDetails = z.strictObject({
  givenName: text(LIMITS.nameLength),
  familyName: text(LIMITS.nameLength),
  birthDate: isoDate,
  sex: Sex,
});
export type ChildDetails = z.infer<typeof ChildDetails>;

/** A child on the medical channel. `guardianUids` decides who acts as the child's parent (up to two). */
export const Child = z.strictObject({
  childId: id,
  ...ChildDetails.shape,
  guardianUids: z.array(id).min(1).max(LIMITS.guardians),
  createdBy: id,
  createdAt: isoDateTime,
  changes: z.array(z.strictObject({ status: z.enum(['registered', 'guardian-added']), ...changeFields })),
});
export type Child = z.infer<typeof Child>;
