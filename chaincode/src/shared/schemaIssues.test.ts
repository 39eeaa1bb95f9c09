import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeIssues, ProposeAgreementInput, ReportEnvelope, safeIssues } from '@pediledger/domain';
import { PLANTED_VALUE } from '../testing/badInputs';

// What an issue may say: the schema's own field names, indices and rules; never a value, never a key the caller chose.

function issuesOf(schema: z.ZodType, value: unknown): ReturnType<typeof safeIssues> {
  const parsed = schema.safeParse(value);
  if (parsed.success) throw new Error('expected the parse to fail');
  return safeIssues(parsed.error, schema);
}

describe('safeIssues', () => {
  it('names nested fields and indices through optional and nullable wrappers', () => {
    const issues = issuesOf(ProposeAgreementInput, {
      agreementId: 'a',
      childId: 'c',
      pediatricianUid: 'p',
      purpose: 'Care',
      validUntil: '2030-01-01T00:00:00Z',
      child: { givenName: `${PLANTED_VALUE}\u0000`, familyName: 'R', birthDate: '2019-01-01', sex: 'female' },
    });
    expect(issues).toEqual([{ path: 'child.givenName', message: 'must not contain control characters' }]);
    const envelope = issuesOf(ReportEnvelope, { salt: 'x', body: { allergies: [{ substance: '' }] } });
    expect(envelope.map((issue) => issue.path)).toContain('salt');
  });

  it('counts unknown fields instead of naming them', () => {
    const issues = issuesOf(z.strictObject({ a: z.string() }), { a: 'x', [PLANTED_VALUE]: 1, other: 2 });
    expect(issues).toEqual([{ path: '', message: 'has 2 fields the schema does not know' }]);
  });

  it('hides keys of records, in the path and below it', () => {
    const form = z.strictObject({ entry: z.record(z.string().max(8), z.json()) });
    const issues = issuesOf(form, { entry: { [PLANTED_VALUE]: 1, ok: Number.NaN } });
    expect(issues.map((issue) => issue.path)).toEqual(['entry.*', 'entry.*']);
    expect(JSON.stringify(issues)).not.toContain(PLANTED_VALUE);
  });

  it('names a field of a union by the branch that has it', () => {
    const union = z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('a'), name: z.string() }),
      z.strictObject({ kind: z.literal('b'), size: z.number() }),
    ]);
    expect(issuesOf(union, { kind: 'a', name: 1 }).map((issue) => issue.path)).toEqual(['name']);
  });

  it('hides every name when the schema is not known', () => {
    const schema = z.strictObject({ child: z.strictObject({ givenName: z.string() }) });
    const parsed = schema.safeParse({ child: { givenName: 1 } });
    expect(parsed.success).toBe(false);
    if (!parsed.success)
      expect(describeIssues(parsed.error)).toBe('*.*: Invalid input: expected string, received number');
  });
});
