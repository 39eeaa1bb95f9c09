import fc from 'fast-check';
import { LIMITS } from '@pediledger/domain';

// fast-check arbitraries that produce only invalid transaction arguments, so every generated call must be rejected.

/**
 * Caller text planted in the generated bad input (as a field value, a field name, an id's text, a name, a reason, a
 * fragment of JSON). Error messages name the argument, field and rule, never the value, so no rejection may contain
 * it. Letters and digits only, so it would also pass as an id if any generator let it through whole.
 */
export const PLANTED_VALUE = 'Zq7PlantedValue';

const VALID_ID_CHARS = ['a', 'b', 'c', 'X', 'Y', 'Z', '0', '1', '9', '.', '_', '-'];

/** Characters that must never get into an id: controls (U+0000 above all), U+10FFFF, surrogates, separators. */
const FORBIDDEN_IN_ID = fc.constantFrom(
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\n',
  '\u{10FFFF}',
  '\uD800',
  ' ',
  '/',
  ':',
  '~',
  'é',
  '\u2028',
  '*',
);

const validIdText = fc.string({ unit: fc.constantFrom(...VALID_ID_CHARS), minLength: 1, maxLength: 20 });

/** A value that is not a string. */
export const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);

/** An invalid id: empty, too long, a forbidden character anywhere, a bad first character, or not a string. */
export const badId: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(''),
  fc
    .string({ unit: fc.constantFrom(...VALID_ID_CHARS), minLength: LIMITS.idLength + 1, maxLength: 200 })
    .map((s) => `a${s}`),
  fc.tuple(validIdText, FORBIDDEN_IN_ID, fc.string({ maxLength: 5 })).map(([a, bad, b]) => a + bad + b),
  FORBIDDEN_IN_ID.map((bad) => `${PLANTED_VALUE}${bad}`),
  fc.constant(`${PLANTED_VALUE}${'x'.repeat(LIMITS.idLength)}`),
  fc.tuple(fc.constantFrom('-', '.', '_'), validIdText).map(([first, rest]) => first + rest),
  fc.constantFrom('-', '.', '_').map((first) => `${first}${PLANTED_VALUE}`),
  notAString,
);

/** An invalid free-text reason. */
export const badReason: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', '   ', 'a\u0000b', 'line\nbreak', 'bad\uDC00'),
  fc.constantFrom(`${PLANTED_VALUE}\u0000`, `${PLANTED_VALUE}\n2nd line`, `${PLANTED_VALUE}\uDC00`),
  fc.constant('x'.repeat(LIMITS.shortTextLength + 1)),
  fc.constant(PLANTED_VALUE.repeat(LIMITS.shortTextLength)),
  notAString,
);

/** An invalid directory display name: empty, blank, control characters, lone surrogates, over 80, not a string. */
export const badDisplayName: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', '   ', 'Dr\u0000Alice', 'Dr\nAlice', 'Dr\tAlice', 'Oak\u2028Primary', 'bad\uDC00', '\u0085x'),
  fc.constantFrom(`Dr ${PLANTED_VALUE}\u0000`, `Dr ${PLANTED_VALUE}\tMoreau`, PLANTED_VALUE.repeat(10)),
  fc.string({ minLength: LIMITS.directoryNameLength + 1, maxLength: 200 }).map((s) => `x${s.trim()}${'y'.repeat(80)}`),
  notAString,
);

/** An invalid directory kind. */
export const badDirectoryKind: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', 'parent', 'Pediatrician', 'schools', ' school', 'hospital', '__proto__', PLANTED_VALUE),
  notAString,
);

/** An invalid UTC instant. */
export const badDateTime: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    '',
    'tomorrow',
    '2025-13-01T00:00:00Z',
    '2025-02-30T00:00:00Z',
    '2025-09-01',
    '2025-09-01T00:00:00+02:00',
    '2025-09-01T25:00:00Z',
    '2025-09-01 00:00:00Z',
    `2025-09-01T00:00:00Z${PLANTED_VALUE}`,
  ),
  notAString,
);

/** JSON text that cannot be the expected object at all. */
const badJsonText = fc.constantFrom(
  '',
  '{',
  '{"a":}',
  'null',
  '[]',
  '"text"',
  '42',
  'undefined',
  '\u0000',
  // JSON.parse's own message would quote these.
  `{"${PLANTED_VALUE}"`,
  `${PLANTED_VALUE}}`,
  `"${PLANTED_VALUE}"`,
);

/**
 * Invalid JSON arguments derived from a valid object: not JSON, an unknown key, a required key missing, a field of
 * the wrong type, a field far too long, or more bytes than any argument may have.
 */
export function badJson(valid: Record<string, unknown>, required: readonly string[]): fc.Arbitrary<unknown> {
  const keys = Object.keys(valid);
  const unknownKey = fc.oneof(
    fc.string({ minLength: 1, maxLength: 8 }).filter((k) => !keys.includes(k)),
    fc.constant(PLANTED_VALUE),
  );
  return fc.oneof(
    badJsonText,
    notAString,
    fc.tuple(unknownKey, fc.jsonValue()).map(([k, v]) => JSON.stringify({ ...valid, [k]: v })),
    fc.constant(`{"__proto__":{"polluted":true},${JSON.stringify(valid).slice(1)}`),
    fc
      .constantFrom(...required)
      .map((k) => JSON.stringify(Object.fromEntries(Object.entries(valid).filter(([key]) => key !== k)))),
    fc
      .tuple(
        fc.constantFrom(...keys),
        fc.constantFrom<unknown>(null, { x: 1 }, [[1]], { [PLANTED_VALUE]: PLANTED_VALUE }, [`${PLANTED_VALUE}\u0000`]),
      )
      .map(([k, v]) => JSON.stringify({ ...valid, [k]: v })),
    fc.constantFrom(...keys).map((k) => JSON.stringify({ ...valid, [k]: 'x'.repeat(LIMITS.longTextLength + 1) })),
    fc
      .constantFrom(...keys)
      .map((k) => JSON.stringify({ ...valid, [k]: `${PLANTED_VALUE}${'x'.repeat(LIMITS.longTextLength)}` })),
    fc
      .tuple(fc.constantFrom(...keys), fc.constantFrom('\u0000', '\u0007', '\u2028', '\uDC00'))
      .map(([k, bad]) => JSON.stringify({ ...valid, [k]: `${PLANTED_VALUE}${bad}x` })),
    fc.constant(JSON.stringify({ ...valid, padding: 'x'.repeat(LIMITS.jsonArgumentBytes) })),
  );
}

/** A transaction with valid arguments and, per argument, how to break it. */
export interface CallTemplate {
  fn: string;
  caller: string;
  submit: boolean;
  args: unknown[];
  breakers: fc.Arbitrary<unknown>[];
  /** The valid transient report envelope, and its required keys, for transactions that take one. */
  envelope?: { valid: Record<string, unknown>; required: readonly string[] };
}

/** One generated call. */
export interface BadCall {
  fn: string;
  caller: string;
  submit: boolean;
  args: unknown[];
  transient: Record<string, string>;
}

/** Calls from `templates`, each with exactly one argument (or the transient envelope) replaced by an invalid one. */
export function badCalls(templates: readonly CallTemplate[]): fc.Arbitrary<BadCall> {
  return fc.constantFrom(...templates).chain((template) => {
    const { fn, caller, submit, envelope } = template;
    const validTransient: Record<string, string> = envelope ? { report: JSON.stringify(envelope.valid) } : {};
    const options: fc.Arbitrary<BadCall>[] = template.breakers.map((breaker, index) =>
      breaker.map((bad) => ({
        fn,
        caller,
        submit,
        args: template.args.map((arg, i) => (i === index ? bad : arg)),
        transient: validTransient,
      })),
    );
    if (envelope) {
      options.push(
        badJson(envelope.valid, envelope.required).map((bad): BadCall => ({
          fn,
          caller,
          submit,
          args: template.args,
          transient: typeof bad === 'string' ? { report: bad } : {},
        })),
      );
    }
    return fc.oneof(...options);
  });
}

/** An invalid page size: not a decimal 1–100. */
export const badPageSize: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('', '0', '101', '999', '1000', '-1', '1.5', ' 5', '5 ', '1e2', '0x10', '٣', 'ten', '05'),
  fc.integer({ min: 101, max: 10_000 }).map(String),
  notAString,
);

/**
 * An invalid bookmark for a list whose bookmark has `parts` `~`-separated parts: a part that is not an id, the wrong
 * number of parts, too long, or not a string. Never a well-formed bookmark, so every call must be refused.
 */
export function badBookmark(parts: number): fc.Arbitrary<unknown> {
  const idPart = validIdText;
  const wrongCount = fc
    .array(idPart, { minLength: 1, maxLength: 5 })
    .filter((pieces) => pieces.length !== parts)
    .map((pieces) => pieces.join('~'));
  const badPart = fc
    .tuple(
      fc.array(idPart, { minLength: parts - 1, maxLength: parts - 1 }),
      // Never empty: an empty last part is a valid start for some lists (a parent's `childId~`).
      badId.filter((v) => typeof v === 'string' && v !== ''),
    )
    .map(([good, bad]) => [...good, bad].join('~'))
    .filter((text) => text !== '' && text.split('~').length === parts);
  return fc.oneof(
    wrongCount,
    badPart,
    fc.string({ minLength: LIMITS.bookmarkLength + 1, maxLength: LIMITS.bookmarkLength + 50 }).map((s) => `a${s}`),
    fc.constantFrom('\u0000', '\u0000card~log\u0000child-b\u0000'),
    notAString,
  );
}

/**
 * An invalid gestational age at birth: weeks outside 22–44 or not whole, days outside 0–6 or not whole, a part
 * missing or of the wrong type, an unknown key, or not an object.
 */
export const badGestationalAge: fc.Arbitrary<unknown> = fc.oneof(
  fc.record({
    weeks: fc.oneof(fc.integer({ max: 21 }), fc.integer({ min: 45 })),
    days: fc.integer({ min: 0, max: 6 }),
  }),
  fc.record({
    weeks: fc.integer({ min: 22, max: 44 }),
    days: fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: 7 })),
  }),
  fc.record({
    weeks: fc.double({ min: 22.01, max: 43.99, noNaN: true }).filter((w) => !Number.isInteger(w)),
    days: fc.constant(0),
  }),
  fc.record({ weeks: fc.constant(30), days: fc.constantFrom(0.5, 3.25, 5.999) }),
  fc.constantFrom<unknown>(
    { weeks: 30 },
    { days: 2 },
    { weeks: '30', days: 2 },
    { weeks: 30, days: '2' },
    { weeks: null, days: 0 },
    { weeks: 30, days: 2, [PLANTED_VALUE]: 1 },
    { weeks: 30, days: 2, corrected: true },
    PLANTED_VALUE,
    '30+2',
    30,
    null,
    [30, 2],
    {},
  ),
);
