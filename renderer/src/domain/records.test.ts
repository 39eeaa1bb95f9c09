import { describe, expect, it } from 'vitest';
import { MedicalCard, parseRecord, UnexpectedRecordError } from './records.ts';

// A record the app cannot read is reported by its fields and rules: the message is shown and may be passed on, and
// the record is a child's data.

describe('parseRecord', () => {
  it('names fields and rules, never values or unknown field names', () => {
    const planted = 'Zq7PlantedInRenderer';
    const card = { childId: `${planted}\u0000`, allergies: [{ substance: 1 }], [planted]: planted };
    let thrown: unknown;
    try {
      parseRecord(MedicalCard, card, 'medical card');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(UnexpectedRecordError);
    const message = (thrown as Error).message;
    expect(message).toMatch(/^The ledger answered with a medical card this app cannot read \(childId: /);
    expect(message).not.toContain(planted);
  });
});
