import { describe, expect, it } from 'vitest';
import { assembleCard, type CardEntry, type MedicalCardSummary } from './medicalCard.ts';
import { reportStaleness } from './reportStaleness.ts';

const summary: MedicalCardSummary = {
  childId: 'child-a',
  format: 2,
  created: { by: 'ped-alice', at: '2025-03-01T09:00:00.000Z', txId: 'tx-0' },
  version: 1,
  txId: 'tx-0',
  updatedBy: 'ped-alice',
  updatedAt: '2025-03-01T09:00:00.000Z',
  counts: { allergies: 0, conditions: 0, immunizations: 0, measurements: 0, visitNotes: 0 },
};

const base = { childId: 'child-a', recordedBy: 'ped-alice' };
const measurement: CardEntry = {
  ...base,
  kind: 'measurement',
  entryId: 'm-1',
  date: '2025-03-01',
  weightKg: 19,
  recordedAt: '2025-03-01T10:00:00.000Z',
  txId: 'tx-1',
};
const allergy: CardEntry = {
  ...base,
  kind: 'allergy',
  entryId: 'a-1',
  substance: 'Penicillin',
  reaction: 'Rash',
  severity: 'moderate',
  recordedAt: '2025-03-05T10:00:00.000Z',
  txId: 'tx-2',
};
const condition: CardEntry = {
  ...base,
  kind: 'condition',
  entryId: 'c-1',
  name: 'Asthma',
  since: '2025-02-01',
  recordedAt: '2025-03-05T10:00:00.500Z',
  txId: 'tx-3',
};

describe('reportStaleness', () => {
  it('is fresh while the card is at the report version', () => {
    const card = assembleCard(summary, [measurement]);
    expect(reportStaleness('rep-1', 2, card)).toEqual({
      reportId: 'rep-1',
      reportCardVersion: 2,
      cardVersion: 2,
      stale: false,
      changes: [],
    });
  });

  it('is stale after a new allergy, naming the entries added since by kind and date, newest first, no content', () => {
    const card = assembleCard(summary, [condition, allergy, measurement]);
    const staleness = reportStaleness('rep-1', 2, card);
    expect(staleness).toMatchObject({ stale: true, reportCardVersion: 2, cardVersion: 4 });
    expect(staleness.changes).toEqual([
      { kind: 'condition', date: '2025-02-01', recordedAt: '2025-03-05T10:00:00.500Z' },
      { kind: 'allergy', recordedAt: '2025-03-05T10:00:00.000Z' },
    ]);
    expect(JSON.stringify(staleness)).not.toMatch(/Penicillin|Asthma|Rash/);
  });

  it('counts every entry of a card built before any entry, and never a negative change', () => {
    expect(reportStaleness('rep-1', 1, assembleCard(summary, [measurement])).changes).toHaveLength(1);
    expect(reportStaleness('rep-1', 5, assembleCard(summary, [measurement]))).toMatchObject({
      stale: false,
      changes: [],
    });
  });
});
