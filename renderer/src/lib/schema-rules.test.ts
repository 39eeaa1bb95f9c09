import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  AllergyInput,
  ConditionInput,
  id,
  ImmunizationInput,
  isoDate,
  MeasurementInput,
  SchoolIds,
  Severity,
  text,
} from '@pediledger/domain';
import { en } from '../locales/en.ts';
import {
  coerceFieldValue,
  formLevelIssues,
  maxLengthOf,
  schemaRule,
  validateSync,
  type Translate,
} from './schema-rules.ts';

/** Translates with the English messages, as vue-i18n would (named parameters in braces). */
const t: Translate = (key, params = {}) => {
  const message = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], en);
  if (typeof message !== 'string') throw new Error(`missing message ${key}`);
  return message.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]));
};

describe('schemaRule: every validation message the forms can show', () => {
  // The rules several cases check, named once.
  const dose = schemaRule(ImmunizationInput.shape.dose, t, { coercion: 'number' });
  const schools = schemaRule(SchoolIds, t, { coercion: 'choice' });
  const cases: [string, ReturnType<typeof schemaRule>, unknown, string][] = [
    ['empty required text', schemaRule(AllergyInput.shape.substance, t), '', 'Required'],
    ['blank text (trimmed)', schemaRule(AllergyInput.shape.substance, t), '   ', 'Required'],
    ['text too long', schemaRule(AllergyInput.shape.substance, t), 'x'.repeat(101), 'At most 100 characters'],
    ['text with control characters', schemaRule(text(20), t), 'a\u0007b', 'Remove control characters'],
    ['broken unicode', schemaRule(text(20), t), 'a\uD800b', 'Contains broken characters'],
    ['minimum length above one', schemaRule(z.string().min(3), t), 'ab', 'At least 3 characters'],
    ['empty number', dose, '', 'Required'],
    ['not a number', dose, 'abc', 'Enter a valid number'],
    ['not a whole number', dose, '1.5', 'Must be a whole number'],
    ['number below minimum', dose, '0', 'Must be at least 1'],
    ['number above maximum', dose, '11', 'Must be at most 10'],
    [
      'measurement not positive',
      schemaRule(MeasurementInput.shape.weightKg.unwrap(), t, { coercion: 'number' }),
      '0',
      'Must be greater than 0',
    ],
    [
      'measurement too large',
      schemaRule(MeasurementInput.shape.heightCm.unwrap(), t, { coercion: 'number' }),
      '251',
      'Must be at most 250',
    ],
    ['date in the wrong format', schemaRule(isoDate, t), '14/03/2021', 'Enter a date as YYYY-MM-DD'],
    ['date that does not exist', schemaRule(isoDate, t), '2023-02-29', 'This date does not exist'],
    ['date-time in the wrong format', schemaRule(z.iso.datetime(), t), 'tomorrow', 'Enter a date and time'],
    [
      'id with forbidden characters',
      schemaRule(id, t),
      'ped alice',
      'Use letters, digits, “.”, “_” or “-”, starting with a letter or digit',
    ],
    ['generic pattern', schemaRule(z.string().regex(/^a+$/), t), 'b', 'Not in the expected format'],
    [
      'ICD-10 code',
      schemaRule(ConditionInput.shape.icd10.unwrap(), t),
      'asthma',
      'Use an ICD-10 code such as J45 or J45.909',
    ],
    ['empty choice', schemaRule(Severity, t, { coercion: 'choice' }), null, 'Required'],
    ['unknown choice', schemaRule(Severity, t, { coercion: 'choice' }), 'deadly', 'Choose one of the options'],
    ['no school', schools, [], 'Choose at least 1'],
    ['too many schools', schools, Array.from({ length: 11 }, (_, i) => `s${i}`), 'Choose at most 10'],
    ['a school twice', schools, ['oak', 'oak'], 'Each school only once'],
    [
      'a custom refinement',
      schemaRule(
        z.string().refine(() => false, 'something odd'),
        t,
      ),
      'x',
      'Not valid',
    ],
  ];

  it.each(cases)('%s', (_name, rule, value, message) => {
    expect(rule(value)).toBe(message);
  });

  it('accepts valid values and empty optional ones', () => {
    expect(dose('2')).toBe(true);
    expect(schemaRule(MeasurementInput.shape.weightKg.unwrap(), t, { coercion: 'number' })('12,5')).toBe(true);
    expect(schemaRule(isoDate, t, { optional: true })('')).toBe(true);
    expect(schemaRule(ConditionInput.shape.icd10.unwrap(), t)('J45.909')).toBe(true);
  });

  it('reports whole-object refinements as form-level messages', () => {
    const result = validateSync(MeasurementInput, { date: '2025-01-01' });
    expect(result.issues).toBeDefined();
    expect(formLevelIssues(result.issues ?? [], t)).toEqual([
      'Enter at least one of weight, height or head circumference',
    ]);
  });

  it('coerces raw input for the schema', () => {
    expect(coerceFieldValue('', 'number')).toBeUndefined();
    expect(coerceFieldValue(' 3.5 ', 'number')).toBe(3.5);
    expect(coerceFieldValue('x', 'number')).toBe('x');
    expect(coerceFieldValue('mild', 'choice')).toBe('mild');
  });
});

describe('maxLengthOf: a text field counts against its schema', () => {
  it('reads the longest text of a bounded string schema, and nothing of other schemas', () => {
    expect(maxLengthOf(text(20))).toBe(20);
    expect(maxLengthOf(z.string())).toBeUndefined();
    expect(maxLengthOf(isoDate)).toBeUndefined();
    expect(maxLengthOf(SchoolIds)).toBeUndefined();
  });
});
