// IPC's own bounds on a user's form. A form crosses IPC as the object the renderer built and is parsed in main, by the
// router, with the domain schema of its transaction (a form breaking the domain's rules is the user's mistake:
// INVALID_INPUT naming the field). Before that, a form field that is an object of more than 32 fields, or with a
// field name over 64 characters, is no form the app could have built: a malformed call (IPC_INVALID_ARGS), refused
// before any schema walks it.
import type { z } from 'zod';
import type { JsonValue } from '../../errors.ts';

const MAX_FIELDS = 32;
const MAX_FIELD_NAME = 64;

/** What {@link withinFormBounds} allows, for error messages. */
export const formBoundsRule = `an object of at most ${MAX_FIELDS} fields named in at most ${MAX_FIELD_NAME} characters`;

/**
 * Whether a form field's raw value stays within IPC's bounds on a form. Only objects are bounded here: any other
 * value (a string field such as a reason, or a value of the wrong type) is left to the domain schema.
 */
export function withinFormBounds(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return true;
  const names = Object.keys(value);
  return names.length <= MAX_FIELDS && names.every((name) => name.length <= MAX_FIELD_NAME);
}

/** A form as the renderer sends it: the fields it collected, any JSON, whatever the user typed. */
export type FormFields = Record<string, JsonValue>;

/**
 * A form field of a contract entry: parsed with the domain `schema` of its transaction (the same object at run time,
 * so issue paths name its fields), typed for the renderer as the fields it collected ({@link FormFields}), since
 * checking them against the domain's rules is main's job, and for the handler as the domain's parsed value.
 */
export function form<S extends z.ZodType>(schema: S): z.ZodType<z.output<S>, FormFields> {
  return schema as unknown as z.ZodType<z.output<S>, FormFields>;
}
