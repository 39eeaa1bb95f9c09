import { describe, expect, it } from 'vitest';
import { CardEntry, type CardEntryRecord } from '../../domain/records.ts';
import { cardEntryRecord, tx } from '../../testing/fake-api.ts';
import { cardHistoryItems } from './card-history.ts';

const entry = (kind: string, fields: Record<string, unknown>, n: number): CardEntryRecord =>
  CardEntry.parse(cardEntryRecord(kind, fields, n, `2026-01-0${n}T10:00:00.000Z`));
const created = { by: 'ped-alice', at: '2026-01-01T09:00:00.000Z', txId: tx(9) };

describe('card history', () => {
  const newestFirst = [
    entry('allergy', { substance: 'Peanut', reaction: 'Hives', severity: 'severe' }, 4),
    entry('immunization', { vaccine: 'MMR', dose: 2, date: '2025-02-01' }, 3),
    entry('measurement', { date: '2025-01-01', weightKg: 12.5, heightCm: 88 }, 2),
  ];

  it('lists the entries as loaded, newest first, numbered down from the card version', () => {
    const items = cardHistoryItems(newestFirst, { version: 4, created }, false);
    expect(items.map((item) => [item.version, item.txId, item.author])).toEqual([
      [4, tx(4), 'ped-alice'],
      [3, tx(3), 'ped-alice'],
      [2, tx(2), 'ped-alice'],
    ]);
    expect(items.map((item) => item.change)).toEqual([
      { kind: 'allergy', summary: 'Peanut · severe' },
      { kind: 'immunization', summary: 'MMR · #2 · 2025-02-01' },
      { kind: 'measurement', summary: '2025-01-01 · 12.5 kg · 88 cm' },
    ]);
  });

  it('ends with the card’s creation once the oldest page is loaded', () => {
    const items = cardHistoryItems(newestFirst, { version: 4, created }, true);
    expect(items.at(-1)).toEqual({
      key: 'created',
      version: 1,
      txId: tx(9),
      time: created.at,
      author: 'ped-alice',
      change: null,
    });
    // A card converted from the one-value format has no creation record: the history ends with its oldest entry.
    expect(cardHistoryItems(newestFirst, { version: 4, created: null }, true)).toHaveLength(3);
  });
});
