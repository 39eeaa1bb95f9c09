import { describe, expect, it } from 'vitest';
import { MedicalContract } from '../medical/medicalContract';
import { ReportContract } from '../report/reportContract';
import { PLANTED_VALUE } from '../testing/badInputs';
import { parseStored } from './ledger';
import type { PediLedgerContract } from './pediLedgerContract';
import { AllergyInput, describeIssues, MedicalCard } from '@pediledger/domain';

// Error texts the property test cannot reach with generated arguments: stored records that fail to parse, and
// function names the contract does not have. Neither may repeat what was stored or sent.

const bytes = (text: string): Uint8Array => Buffer.from(text, 'utf8');

describe('parseStored', () => {
  it('names what was read, never its content, when the bytes are not JSON', () => {
    expect(() =>
      parseStored(MedicalCard, bytes(`{"allergies":[{"substance":"${PLANTED_VALUE}"`), 'medical card'),
    ).toThrow(/^the stored medical card is not JSON$/);
  });

  it('lists fields and rules, never values or unknown field names, when the schema refuses', () => {
    const stored = JSON.stringify({ childId: `${PLANTED_VALUE}\u0000`, [PLANTED_VALUE]: PLANTED_VALUE });
    let message = '';
    try {
      parseStored(MedicalCard, bytes(stored), 'medical card');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^the stored medical card does not match its schema \(/);
    expect(message).not.toContain(PLANTED_VALUE);
  });
});

describe('describeIssues', () => {
  it('counts unknown fields instead of naming them', () => {
    const parsed = AllergyInput.safeParse({
      substance: 'Dust',
      reaction: 'Hives',
      severity: 'mild',
      [PLANTED_VALUE]: 1,
    });
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(describeIssues(parsed.error)).toBe('value: has a field the schema does not know');
  });
});

describe('unknownTransaction', () => {
  // Typed as the base class: the two contract classes have the same instance shape (their surfaces are declared data).
  it.each<[string, PediLedgerContract]>([
    ['medical', new MedicalContract()],
    ['report', new ReportContract()],
  ])('%s refuses an unknown function with a coded message and no arguments', async (name, contract) => {
    await expect(contract.unknownTransaction()).rejects.toThrow(
      new RegExp(`^INVALID_ARGUMENT: the ${name} contract has no transaction of that name$`),
    );
  });
});
