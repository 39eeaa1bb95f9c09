import { describe, expect, it } from 'vitest';
import { ReportBody } from '../../domain/records.ts';
import { cardRecord, tx } from '../../testing/fake-api.ts';
import type { MedicalCardRecord } from '../../domain/records.ts';
import { previewReportBody, provenanceCode, withheldFromReport } from './report-preview.ts';

const at = '2026-01-02T10:00:00.000Z';
const by = { recordedBy: 'ped-alice', recordedAt: at, txId: tx(2) };
const card = cardRecord({
  version: 5,
  allergies: [{ substance: 'Peanut', reaction: 'Hives', severity: 'severe', notedOn: '2024-01-01', ...by }],
  conditions: [{ name: 'Asthma', icd10: 'J45', notes: 'private note', ...by }],
  immunizations: [{ vaccine: 'MMR', dose: 1, date: '2022-03-20', lotNumber: 'L1', ...by }],
  measurements: [
    { date: '2025-09-01', weightKg: 17.4, heightCm: 107.5, ...by },
    { date: '2023-03-20', weightKg: 12.1, ...by },
  ],
  visitNotes: [{ date: '2025-09-01', text: 'Very private', ...by }],
}) as unknown as MedicalCardRecord;

describe('report preview', () => {
  it('copies only what the report body allows, as main builds it', () => {
    const body = previewReportBody(
      card,
      { givenName: 'Mia', familyName: 'Rossi', birthDate: '2021-03-14' },
      { fit: true, statement: 'Fit.' },
      '2026-01-05',
    );
    expect(ReportBody.safeParse(body).success).toBe(true);
    expect(body.allergies).toEqual([{ substance: 'Peanut', reaction: 'Hives', severity: 'severe' }]);
    expect(body.conditions).toEqual([{ name: 'Asthma', icd10: 'J45' }]);
    expect(body.immunizations).toEqual([{ vaccine: 'MMR', dose: 1, date: '2022-03-20' }]);
    expect(body.latestMeasurement).toEqual({ date: '2025-09-01', weightKg: 17.4, heightCm: 107.5 });
    expect(body.source).toEqual({ channel: 'medical', cardVersion: 5, cardTxId: tx(1) });
    expect(JSON.stringify(body)).not.toContain('private');
    expect(withheldFromReport(card)).toEqual({ visitNotes: 1, measurements: 1 });
  });

  it('encodes the report id, hash and transaction in the QR text', () => {
    expect(provenanceCode({ reportId: 'rep-1', bodyHash: 'ab', txId: tx(3) })).toBe(
      `pediledger:report/rep-1?sha256=ab&tx=${tx(3)}`,
    );
    expect(provenanceCode({ reportId: 'rep-1', bodyHash: 'ab', txId: null })).toBe('pediledger:report/rep-1?sha256=ab');
  });
});
