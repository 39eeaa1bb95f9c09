import { describe, expect, it } from 'vitest';
import type { MedicalCardVersion } from '../../domain/records.ts';
import { cardRecord, tx } from '../../testing/fake-api.ts';
import { cardHistoryItems } from './card-history.ts';

const by = { recordedBy: 'ped-alice', recordedAt: '2026-01-02T10:00:00.000Z', txId: tx(2) };
const version = (n: number, card: Record<string, unknown>): MedicalCardVersion =>
  ({
    txId: tx(n),
    time: `2026-01-0${n}T10:00:00.000Z`,
    author: 'ped-alice',
    version: n,
    card: cardRecord(card),
  }) as unknown as MedicalCardVersion;

describe('card history', () => {
  it('lists versions newest first with the entries each one added', () => {
    const items = cardHistoryItems([
      version(2, { measurements: [{ date: '2025-01-01', weightKg: 12.5, heightCm: 88, ...by }] }),
      version(1, {}),
      version(3, {
        measurements: [{ date: '2025-01-01', weightKg: 12.5, heightCm: 88, ...by }],
        allergies: [{ substance: 'Peanut', reaction: 'Hives', severity: 'severe', ...by }],
        immunizations: [{ vaccine: 'MMR', dose: 2, date: '2025-02-01', ...by }],
      }),
    ]);
    expect(items.map((item) => item.version)).toEqual([3, 2, 1]);
    expect(items[0]?.changes).toEqual([
      { kind: 'allergy', summary: 'Peanut · severe' },
      { kind: 'immunization', summary: 'MMR · #2 · 2025-02-01' },
    ]);
    expect(items[1]?.changes).toEqual([{ kind: 'measurement', summary: '2025-01-01 · 12.5 kg · 88 cm' }]);
    expect(items[2]?.changes).toEqual([]);
  });
});
