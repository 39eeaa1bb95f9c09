import { z } from 'zod';
import { GuardianUids, id, isoDate, isoDateTime, LIMITS, text, statusChanges } from './primitives.ts';

/** Administrative sex as recorded by the practice. */
export const Sex = z.enum(['female', 'male', 'other', 'unknown']);

/**
 * Gestational age at birth in completed weeks and days ("28+3" is `{weeks: 28, days: 3}`), as obstetric records
 * state it. 22+0 to 44+6: below 22 weeks is below the limit of viability, above 44 weeks is not a plausible record.
 * Under 37+0 the child is preterm, and its growth is plotted at corrected age (renderer/src/features/growth).
 */
export const GestationalAge = z.strictObject({
  weeks: z.number().int().min(22).max(44),
  days: z.number().int().min(0).max(6),
});
export type GestationalAge = z.infer<typeof GestationalAge>;

/** What a parent states about a child when the child is first registered. `gestationalAge` is optional. */
export const ChildDetails = z.strictObject({
  givenName: text(LIMITS.nameLength),
  familyName: text(LIMITS.nameLength),
  birthDate: isoDate,
  sex: Sex,
  gestationalAge: GestationalAge.optional(),
});
export type ChildDetails = z.infer<typeof ChildDetails>;

/** A child on the medical channel. `guardianUids` decides who acts as the child's parent (up to two). */
export const Child = z.strictObject({
  childId: id,
  ...ChildDetails.shape,
  guardianUids: GuardianUids,
  createdBy: id,
  createdAt: isoDateTime,
  changes: statusChanges(z.enum(['registered', 'guardian-added', 'gestational-age-set']), {
    /** On `gestational-age-set`: the value the pediatrician recorded. */
    gestationalAge: GestationalAge.optional(),
  }),
});
export type Child = z.infer<typeof Child>;
