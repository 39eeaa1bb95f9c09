import { z } from 'zod';
import { id, isoDate, isoDateTime, LIMITS, longText, measure, text } from './primitives.ts';

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

/** The five kinds of entry on a card. */
export const CardEntryKind = z.enum(['allergy', 'condition', 'immunization', 'measurement', 'visitNote']);
export type CardEntryKind = z.infer<typeof CardEntryKind>;

/** The list of the assembled card (and of a legacy card) that holds each kind. */
export const CARD_LISTS = {
  allergy: 'allergies',
  condition: 'conditions',
  immunization: 'immunizations',
  measurement: 'measurements',
  visitNote: 'visitNotes',
} as const satisfies Record<CardEntryKind, string>;
export type CardList = (typeof CARD_LISTS)[CardEntryKind];

/** Who wrote an entry and in which transaction (the transaction time, never a clock). */
const provenance = { recordedBy: id, recordedAt: isoDateTime, txId: z.string() };

/**
 * What every entry record carries besides its kind's fields: its id (chosen by the client, unique on the card, so a
 * retried write can never record it twice), its child, and its provenance.
 */
const entryFields = { entryId: id, childId: id, ...provenance };

/** A growth measurement on the card. */
export const MeasurementEntry = z.strictObject({
  kind: z.literal('measurement'),
  ...entryFields,
  ...MeasurementInput.shape,
});
export type MeasurementEntry = z.infer<typeof MeasurementEntry>;
/** An immunization on the card. */
export const ImmunizationEntry = z.strictObject({
  kind: z.literal('immunization'),
  ...entryFields,
  ...ImmunizationInput.shape,
});
export type ImmunizationEntry = z.infer<typeof ImmunizationEntry>;
/** An allergy on the card. */
export const AllergyEntry = z.strictObject({ kind: z.literal('allergy'), ...entryFields, ...AllergyInput.shape });
export type AllergyEntry = z.infer<typeof AllergyEntry>;
/** A condition on the card. */
export const ConditionEntry = z.strictObject({ kind: z.literal('condition'), ...entryFields, ...ConditionInput.shape });
export type ConditionEntry = z.infer<typeof ConditionEntry>;
/** A visit note on the card. */
export const VisitNoteEntry = z.strictObject({ kind: z.literal('visitNote'), ...entryFields, ...VisitNoteInput.shape });
export type VisitNoteEntry = z.infer<typeof VisitNoteEntry>;

/**
 * One card entry: its own ledger record, append-only. Entries written before entries became records (format 1) get
 * the id of the transaction that recorded them, which was unique per entry.
 */
export const CardEntry = z.discriminatedUnion('kind', [
  AllergyEntry,
  ConditionEntry,
  ImmunizationEntry,
  MeasurementEntry,
  VisitNoteEntry,
]);
export type CardEntry = z.infer<typeof CardEntry>;

/**
 * Format 1: a card stored as one value with every entry in five lists, rewritten whole by every write. Cards written
 * before entries became records are still stored this way until their next write converts them; every read
 * understands both formats. `version` counted the writes (1 = created on acceptance).
 */
export const LegacyMedicalCard = z.strictObject({
  childId: id,
  allergies: z.array(z.strictObject({ ...AllergyInput.shape, ...provenance })),
  conditions: z.array(z.strictObject({ ...ConditionInput.shape, ...provenance })),
  immunizations: z.array(z.strictObject({ ...ImmunizationInput.shape, ...provenance })),
  measurements: z.array(
    z.strictObject({
      date: isoDate,
      heightCm: z.number().optional(),
      weightKg: z.number().optional(),
      headCircumferenceCm: z.number().optional(),
      ...provenance,
    }),
  ),
  visitNotes: z.array(z.strictObject({ ...VisitNoteInput.shape, ...provenance })),
  version: z.number().int().min(1),
  updatedBy: id,
  updatedAt: isoDateTime,
  txId: z.string(),
});
export type LegacyMedicalCard = z.infer<typeof LegacyMedicalCard>;

/** Who did something to a record, when (transaction time) and in which transaction. */
const stamp = z.strictObject({ by: id, at: isoDateTime, txId: z.string() });

/**
 * Format 2: the card's own record, written once (when the first agreement is accepted, or when a format-1 card is
 * converted) and never again, so concurrent entry writers only read it. `created` is null for a converted card: its
 * creation is in the ledger history of the format-1 value.
 */
export const CardRecord = z.strictObject({
  childId: id,
  format: z.literal(2),
  created: stamp.nullable(),
  converted: stamp.extend({ fromVersion: z.number().int().min(1) }).optional(),
});
export type CardRecord = z.infer<typeof CardRecord>;

const count = z.number().int().min(0);

/**
 * ReadMedicalCard's answer: what the card holds without its entries. `version` is 1 + the number of entries and
 * `txId`/`updatedBy`/`updatedAt` are those of the newest entry (of the creation while there is none): the same values
 * the format-1 card kept, so a report's `source` still says which card state it was built from.
 */
export const MedicalCardSummary = z.strictObject({
  childId: id,
  format: z.union([z.literal(1), z.literal(2)]),
  created: stamp.nullable(),
  version: z.number().int().min(1),
  txId: z.string(),
  updatedBy: id,
  updatedAt: isoDateTime,
  counts: z.strictObject({
    allergies: count,
    conditions: count,
    immunizations: count,
    measurements: count,
    visitNotes: count,
  }),
});
export type MedicalCardSummary = z.infer<typeof MedicalCardSummary>;

/**
 * The whole card as the app shows it: the summary and every entry, each list oldest first. The app assembles it from
 * GetMedicalCardHistory pages; no single chaincode answer carries it, since a card has no size limit.
 */
export const MedicalCard = MedicalCardSummary.extend({
  allergies: z.array(AllergyEntry),
  conditions: z.array(ConditionEntry),
  immunizations: z.array(ImmunizationEntry),
  measurements: z.array(MeasurementEntry),
  visitNotes: z.array(VisitNoteEntry),
});
export type MedicalCard = z.infer<typeof MedicalCard>;

/**
 * The whole card from its summary and its entries (newest first, as the history pages come): each list oldest first,
 * and version, newest write and counts from the entries read, so the card is consistent with its own lists even when
 * an entry landed between the reads.
 */
export function assembleCard(summary: MedicalCardSummary, newestFirst: readonly CardEntry[]): MedicalCard {
  const oldestFirst = [...newestFirst].reverse();
  const of = <K extends CardEntryKind>(kind: K): Extract<CardEntry, { kind: K }>[] =>
    oldestFirst.filter((entry): entry is Extract<CardEntry, { kind: K }> => entry.kind === kind);
  const lists = {
    allergies: of('allergy'),
    conditions: of('condition'),
    immunizations: of('immunization'),
    measurements: of('measurement'),
    visitNotes: of('visitNote'),
  };
  const newest = newestFirst[0];
  return {
    ...summary,
    version: 1 + newestFirst.length,
    ...(newest === undefined ? {} : { txId: newest.txId, updatedBy: newest.recordedBy, updatedAt: newest.recordedAt }),
    counts: {
      allergies: lists.allergies.length,
      conditions: lists.conditions.length,
      immunizations: lists.immunizations.length,
      measurements: lists.measurements.length,
      visitNotes: lists.visitNotes.length,
    },
    ...lists,
  };
}

/**
 * One page of a list answer: at most the page size asked for and at most {@link LIMITS.pageBytes} of JSON, whatever
 * the list's length. `bookmark` is empty on the last page; otherwise it is passed back to get the next one.
 */
export function page<T extends z.ZodType>(item: T): z.ZodObject<{ items: z.ZodArray<T>; bookmark: z.ZodString }> {
  return z.strictObject({ items: z.array(item), bookmark: z.string().max(LIMITS.bookmarkLength) });
}

/** GetMedicalCardHistory's answer: the card's entries, newest first. */
export const CardHistoryPage = page(CardEntry);
export type CardHistoryPage = z.infer<typeof CardHistoryPage>;

/** One version of an entry's key from the ledger history (`entry` null when the version is a delete). */
export const CardEntryVersion = z.strictObject({
  txId: z.string(),
  time: isoDateTime,
  isDelete: z.boolean(),
  entry: CardEntry.nullable(),
});
export type CardEntryVersion = z.infer<typeof CardEntryVersion>;

/** GetCardEntryHistory's answer: an entry's versions, newest first. */
export const CardEntryHistoryPage = page(CardEntryVersion);
export type CardEntryHistoryPage = z.infer<typeof CardEntryHistoryPage>;
