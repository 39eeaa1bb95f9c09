// The card's history as the timeline shows it: one item per entry, newest first (the order the pages come in), each
// with the card version it made, and the card's creation once the oldest entry is loaded.
import type { CardEntryRecord, MedicalCardRecord } from '../../domain/records.ts';
import type { CardEntryKind } from './card-entries.ts';

export interface CardChange {
  readonly kind: CardEntryKind;
  /** A one-line summary of the entry (its main fields). */
  readonly summary: string;
}

export interface CardHistoryItem {
  /** Unique per item: the entry id, or `created`. */
  readonly key: string;
  readonly version: number;
  readonly txId: string;
  readonly time: string;
  readonly author: string;
  /** The entry this write added; null for the card's creation (when the care agreement was accepted). */
  readonly change: CardChange | null;
}

const summaryFields: Readonly<Record<CardEntryKind, readonly string[]>> = {
  allergy: ['substance', 'severity'],
  condition: ['name', 'icd10'],
  immunization: ['vaccine', 'dose', 'date'],
  measurement: ['date', 'weightKg', 'heightCm', 'headCircumferenceCm'],
  visitNote: ['date'],
};
const units: Readonly<Record<string, string>> = { weightKg: ' kg', heightCm: ' cm', headCircumferenceCm: ' cm' };

function summarize(kind: CardEntryKind, entry: Record<string, unknown>): string {
  return summaryFields[kind]
    .filter((field) => entry[field] !== undefined)
    .map((field) => {
      const value = entry[field];
      const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
      return field === 'dose' ? `#${text}` : `${text}${units[field] ?? ''}`;
    })
    .join(' · ');
}

/**
 * The timeline's items: `entries` as loaded (newest first), numbered down from the card's version, then, once the
 * history is `complete`, the creation (version 1) when the card records it.
 */
export function cardHistoryItems(
  entries: readonly CardEntryRecord[],
  card: Pick<MedicalCardRecord, 'version' | 'created'>,
  complete: boolean,
): CardHistoryItem[] {
  const items: CardHistoryItem[] = entries.map((entry, index) => ({
    key: entry.entryId,
    version: card.version - index,
    txId: entry.txId,
    time: entry.recordedAt,
    author: entry.recordedBy,
    change: { kind: entry.kind, summary: summarize(entry.kind, entry) },
  }));
  if (complete && card.created !== null) {
    const { by, at, txId } = card.created;
    items.push({ key: 'created', version: 1, txId, time: at, author: by, change: null });
  }
  return items;
}
