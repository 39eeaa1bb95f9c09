import { z } from 'zod';
import { type CardEntry, CardEntryKind, type MedicalCard } from './medicalCard.ts';
import { id, isoDate, isoDateTime } from './primitives.ts';

// Whether a report still reflects the card: a report records the card version it was built from
// (`provenance.cardVersion`), and a card's version is 1 + its number of entries, which are append-only. So the card
// changed since the report exactly when its version is higher, and what changed is its newest
// `version - cardVersion` entries. Only the entries' kinds and dates are told, never their content: the guardians and
// the issuing pediatrician who see this may read the card, but the flag travels wider than the card screen.

/** One card entry recorded after the report's card version: its kind, its clinical date (if it has one), when. */
export const CardChange = z.strictObject({
  kind: CardEntryKind,
  /** The entry's own date (measurement, dose, visit, allergy noted, condition since), when it has one. */
  date: isoDate.optional(),
  recordedAt: isoDateTime,
});
export type CardChange = z.infer<typeof CardChange>;

/** A report's staleness for its readers on the medical channel. */
export const ReportStaleness = z.strictObject({
  reportId: id,
  /** The card version the report was built from. */
  reportCardVersion: z.number().int().min(1),
  /** The card's version now. */
  cardVersion: z.number().int().min(1),
  stale: z.boolean(),
  /** The entries recorded since, newest first. */
  changes: z.array(CardChange),
});
export type ReportStaleness = z.infer<typeof ReportStaleness>;

/** An entry's own date, whichever field its kind keeps it in. */
function entryDate(entry: CardEntry): string | undefined {
  switch (entry.kind) {
    case 'allergy':
      return entry.notedOn;
    case 'condition':
      return entry.since;
    default:
      return entry.date;
  }
}

/** Every entry of the card, newest first (by transaction time, as the card's own log orders them). */
function newestFirst(card: MedicalCard): CardEntry[] {
  return [...card.allergies, ...card.conditions, ...card.immunizations, ...card.measurements, ...card.visitNotes].sort(
    (a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt) || (a.entryId < b.entryId ? 1 : -1),
  );
}

/** How `card` changed since `reportCardVersion` (a report's `provenance.cardVersion`). */
export function reportStaleness(reportId: string, reportCardVersion: number, card: MedicalCard): ReportStaleness {
  const added = Math.max(0, card.version - reportCardVersion);
  const changes = newestFirst(card)
    .slice(0, added)
    .map((entry): CardChange => {
      const date = entryDate(entry);
      return { kind: entry.kind, ...(date === undefined ? {} : { date }), recordedAt: entry.recordedAt };
    });
  return { reportId, reportCardVersion, cardVersion: card.version, stale: added > 0, changes };
}
