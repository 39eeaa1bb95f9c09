import { z } from 'zod';
import { id, isoDate, LIMITS, text } from './primitives.ts';

/**
 * One vaccine a school-entry schedule requires. A card entry counts toward it when its vaccine name, or one of the
 * name's parts split at spaces, `-`, `/`, `+` or `,` ("DTaP-IPV/Hib"), equals one of `names` (case-insensitive):
 * combination vaccines count toward each vaccine they contain.
 */
export const ScheduleVaccine = z.strictObject({
  /** A stable key, e.g. `dtap`. */
  code: id,
  /** The name shown to readers, e.g. "DTaP (diphtheria, tetanus, pertussis)". */
  name: text(LIMITS.nameLength),
  /** Names and abbreviations (including combination and brand names) that count as a dose of this vaccine. */
  names: z.array(text(LIMITS.nameLength)).min(1).max(50),
  /** Doses required. */
  doses: z.number().int().min(1).max(10),
  /** Doses given before this age (whole years) do not count, e.g. MMR "on or after the 1st birthday". */
  countFromAgeYears: z.number().int().min(0).max(18).optional(),
  /**
   * Fewer doses that also complete the requirement when at least one of them was given on or after an age, e.g.
   * polio "3 doses OK if one was given on or after the 4th birthday".
   */
  orFewer: z
    .array(
      z.strictObject({ doses: z.number().int().min(1).max(10), oneOnOrAfterAgeYears: z.number().int().min(1).max(18) }),
    )
    .max(5)
    .optional(),
});
export type ScheduleVaccine = z.infer<typeof ScheduleVaccine>;

/** A school-entry immunization schedule: what a jurisdiction requires, and where that is published. */
export const ImmunizationSchedule = z.strictObject({
  id,
  /** E.g. "California, kindergarten (TK/K) entry". */
  name: text(LIMITS.nameLength),
  /** The public source the requirements were copied from, and the day they were read there. */
  source: z.strictObject({ title: text(LIMITS.shortTextLength), url: z.url(), retrievedOn: isoDate }),
  vaccines: z.array(ScheduleVaccine).min(1).max(30),
});
export type ImmunizationSchedule = z.infer<typeof ImmunizationSchedule>;
