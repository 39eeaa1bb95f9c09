// Standard Schema → Vuetify `rules`: the forms validate each field with the shared chaincode schemas (zod implements
// Standard Schema), and every issue is translated through vue-i18n instead of showing the schema's English text.

/** The part of the Standard Schema v1 interface this adapter uses (the spec is meant to be copied as types). */
export interface StandardSchemaV1<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
  };
}
type StandardResult<Output> =
  { readonly value: Output; readonly issues?: undefined } | { readonly issues: readonly StandardIssue[] };

/** A Standard Schema issue; zod's issues also carry `code` and its parameters, which the translation uses. */
export interface StandardIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
  readonly code?: string;
  readonly origin?: string;
  readonly format?: string;
  readonly expected?: string;
  readonly minimum?: number | bigint;
  readonly maximum?: number | bigint;
  readonly inclusive?: boolean;
  readonly input?: unknown;
}

/** Translates a message key with named parameters (vue-i18n's `t`). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** A Vuetify validation rule. */
export type FieldRule = (value: unknown) => true | string;

/** The shared schemas' own messages (refinements and patterns), by the key that translates them. */
const knownMessages: Readonly<Record<string, string>> = {
  'must be letters, digits, ".", "_" or "-", starting with a letter or digit': 'validation.id',
  'must not contain control characters': 'validation.controlCharacters',
  'must be well-formed Unicode': 'validation.unicode',
  'must be a real calendar date': 'validation.realDate',
  'must be a real date-time': 'validation.realDate',
  'must look like an ICD-10 code, e.g. J45.909': 'validation.icd10',
  'a measurement needs heightCm, weightKg or headCircumferenceCm': 'validation.measurementNeedsValue',
  'must not repeat a school': 'validation.schoolRepeated',
  // The IPC primitives of the first-run screen (shared/ipc/dto/primitives.ts).
  'Enrollment ids use letters, digits and . _ @ - (at most 64)': 'validation.enrollmentId',
  'Secrets use printable ASCII characters': 'validation.secretAscii',
  'Labels cannot contain control characters': 'validation.controlCharacters',
  'Expected one PEM certificate': 'validation.pemCertificate',
  'Expected one PEM private key': 'validation.pemKey',
  'The PIN must be 4 to 12 digits': 'validation.pin',
};

function isEmpty(input: unknown): boolean {
  return input === undefined || input === null || input === '';
}

function sizeIssue(issue: StandardIssue, edge: 'min' | 'max'): string {
  const limit = Number(edge === 'min' ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'string':
      return edge === 'min' && limit <= 1 ? 'validation.required' : `validation.${edge}Length`;
    case 'array':
    case 'set':
      return `validation.${edge}Items`;
    default:
      if (edge === 'min' && limit === 0 && issue.inclusive === false) return 'validation.positive';
      return `validation.${edge}Value`;
  }
}

function issueKey(issue: StandardIssue, value: unknown): string {
  const known = knownMessages[issue.message];
  if (known !== undefined) return known;
  switch (issue.code) {
    case 'invalid_type':
      if (isEmpty(value)) return 'validation.required';
      return issue.expected === 'int' ? 'validation.integer' : `validation.type.${issue.expected ?? 'value'}`;
    case 'too_small':
      return sizeIssue(issue, 'min');
    case 'too_big':
      return sizeIssue(issue, 'max');
    case 'invalid_format':
      // A well-formed date that zod's calendar check rejects (2023-02-29) does not exist.
      if (issue.format === 'date') {
        return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
          ? 'validation.realDate'
          : 'validation.date';
      }
      if (issue.format === 'datetime') return 'validation.dateTime';
      return 'validation.pattern';
    case 'invalid_value':
      return isEmpty(value) ? 'validation.required' : 'validation.choice';
    default:
      return 'validation.invalid';
  }
}

/**
 * The translated text of one issue. `value` is what was checked (zod leaves the input out of its issues), so an empty
 * value reads "Required" rather than "expected number".
 */
export function translateIssue(issue: StandardIssue, t: Translate, value?: unknown): string {
  const key = issueKey(issue, (issue.path ?? []).length === 0 ? value : issue.input);
  const params = {
    min: issue.minimum === undefined ? undefined : Number(issue.minimum),
    max: issue.maximum === undefined ? undefined : Number(issue.maximum),
  };
  if (key.startsWith('validation.type.')) return t('validation.type', { expected: issue.expected ?? '' });
  return t(key, params);
}

/** Validates synchronously; the shared schemas have no async refinements. */
export function validateSync<T>(schema: StandardSchemaV1<T>, value: unknown): StandardResult<T> {
  const result = schema['~standard'].validate(value);
  if (result instanceof Promise) throw new TypeError('Asynchronous schemas cannot back a form rule');
  return result;
}

/** How a field's raw input becomes the value the schema checks. */
export type FieldCoercion = 'text' | 'number' | 'choice';

/** The value a form field holds, converted for its schema: empty input is `undefined`, numbers are parsed. */
export function coerceFieldValue(raw: unknown, coercion: FieldCoercion): unknown {
  if (isEmpty(raw)) return undefined;
  if (coercion === 'number') {
    if (typeof raw === 'number') return raw;
    const text = String(raw).trim().replace(',', '.');
    const parsed = Number(text);
    return text === '' ? undefined : Number.isNaN(parsed) ? raw : parsed;
  }
  return raw;
}

/** Options of {@link schemaRule}. */
export interface SchemaRuleOptions {
  readonly coercion?: FieldCoercion;
  /** Empty input is valid (the schema is for a present value). */
  readonly optional?: boolean;
}

/** One Vuetify rule backed by `schema`: `true`, or the first issue's translated text. */
export function schemaRule(schema: StandardSchemaV1, t: Translate, options: SchemaRuleOptions = {}): FieldRule {
  return (raw) => {
    const value = coerceFieldValue(raw, options.coercion ?? 'text');
    if (value === undefined && options.optional === true) return true;
    const result = validateSync(schema, value);
    const first = result.issues?.[0];
    return first === undefined ? true : translateIssue(first, t, value);
  };
}

/** The issues of a whole-object check that belong to no single field (e.g. "give at least one value"). */
export function formLevelIssues(issues: readonly StandardIssue[], t: Translate): string[] {
  return issues.filter((issue) => (issue.path ?? []).length === 0).map((issue) => translateIssue(issue, t));
}

/**
 * The longest text `schema` accepts, for a field's character counter: zod's string schemas expose it as `maxLength`
 * (null when unbounded); `undefined` for any other schema.
 */
export function maxLengthOf(schema: StandardSchemaV1): number | undefined {
  const maxLength = (schema as { readonly maxLength?: unknown }).maxLength;
  return typeof maxLength === 'number' ? maxLength : undefined;
}
