// What changed between two versions of a card: the entries each write added (entries are append-only).
import type { MedicalCardVersion } from '../../domain/records.ts';
import { cardListOf, type CardEntryKind } from './card-entries.ts';

export interface CardChange {
  readonly kind: CardEntryKind;
  /** A one-line summary of the entry (its main fields). */
  readonly summary: string;
}

export interface CardHistoryItem {
  readonly version: number;
  readonly txId: string;
  readonly time: string;
  readonly author: string;
  /** Empty for the first version (the card was created when the agreement was accepted). */
  readonly changes: readonly CardChange[];
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

/** The history newest first, each version with the entries it added. */
export function cardHistoryItems(versions: readonly MedicalCardVersion[]): CardHistoryItem[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const items = sorted.map((version, index) => {
    const previous = index === 0 ? null : sorted[index - 1];
    const changes: CardChange[] = [];
    if (previous !== null && previous !== undefined) {
      for (const kind of Object.keys(cardListOf) as CardEntryKind[]) {
        const list = cardListOf[kind];
        const added = (version.card[list] as Record<string, unknown>[]).slice(previous.card[list].length);
        for (const entry of added) changes.push({ kind, summary: summarize(kind, entry) });
      }
    }
    return { version: version.version, txId: version.txId, time: version.time, author: version.author, changes };
  });
  return items.reverse();
}
