import { z } from 'zod';
import { id, isoDate, isoDateTime, LIMITS, longText, measure, text } from './primitives';

/** A growth measurement; at least one of the three values must be given. */
export const MeasurementInput = z
  .strictObject({
    date: isoDate,
    heightCm: measure(250).optional(),
    weightKg: measure(250).optional(),
    headCircumferenceCm: measure(80).optional(),
  })
  .refine(
    (m) => m.heightCm !== undefined || m.weightKg !== undefined || m.headCircumferenceCm !== undefined,
    'a measurement needs heightCm, weightKg or headCircumferenceCm',
  );
export type MeasurementInput = z.infer<typeof MeasurementInput>;

/** One dose of a vaccine. */
export const ImmunizationInput = z.strictObject({
  vaccine: text(LIMITS.nameLength),
  dose: z.number().int().min(1).max(10),
  date: isoDate,
  lotNumber: id.optional(),
});
export type ImmunizationInput = z.infer<typeof ImmunizationInput>;

/** How bad a reaction is. */
export const Severity = z.enum(['mild', 'moderate', 'severe']);

/** A known allergy. */
export const AllergyInput = z.strictObject({
  substance: text(LIMITS.nameLength),
  reaction: text(LIMITS.shortTextLength),
  severity: Severity,
  notedOn: isoDate.optional(),
});
export type AllergyInput = z.infer<typeof AllergyInput>;

/** ICD-10 code shape, e.g. `J45` or `J45.909`. */
const ICD10 = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

/** A diagnosed condition. */
export const ConditionInput = z.strictObject({
  name: text(LIMITS.nameLength),
  icd10: z.string().regex(ICD10, 'must look like an ICD-10 code, e.g. J45.909').optional(),
  since: isoDate.optional(),
  notes: text(LIMITS.shortTextLength).optional(),
});
export type ConditionInput = z.infer<typeof ConditionInput>;

/** A free-text note about one visit. */
export const VisitNoteInput = z.strictObject({
  date: isoDate,
  text: longText(LIMITS.longTextLength),
});
export type VisitNoteInput = z.infer<typeof VisitNoteInput>;

/** Who wrote an entry and in which transaction (the transaction time, never a clock). */
const provenance = { recordedBy: id, recordedAt: isoDateTime, txId: z.string() };

const cardList = <T extends z.ZodType>(entry: T): z.ZodArray<T> => z.array(entry).max(LIMITS.cardListEntries);

/** A child's medical card. Entries are append-only; `version` counts the writes (1 = created on acceptance). */
export const MedicalCard = z.strictObject({
  childId: id,
  allergies: cardList(z.strictObject({ ...AllergyInput.shape, ...provenance })),
  conditions: cardList(z.strictObject({ ...ConditionInput.shape, ...provenance })),
  immunizations: cardList(z.strictObject({ ...ImmunizationInput.shape, ...provenance })),
  measurements: cardList(
    z.strictObject({
      date: isoDate,
      heightCm: z.number().optional(),
      weightKg: z.number().optional(),
      headCircumferenceCm: z.number().optional(),
      ...provenance,
    }),
  ),
  visitNotes: cardList(z.strictObject({ ...VisitNoteInput.shape, ...provenance })),
  version: z.number().int().min(1),
  updatedBy: id,
  updatedAt: isoDateTime,
  txId: z.string(),
});
export type MedicalCard = z.infer<typeof MedicalCard>;

/**
 * One version of a card from GetMedicalCardHistory. A schema rather than only a type, because the app parses the
 * answer with it (main and renderer alike).
 */
export const MedicalCardVersion = z.strictObject({
  txId: z.string(),
  time: isoDateTime,
  author: id,
  version: z.number().int().min(1),
  card: MedicalCard,
});
export type MedicalCardVersion = z.infer<typeof MedicalCardVersion>;
