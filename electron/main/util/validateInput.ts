// The error of a value that breaks the domain's rules before anything is signed, with field-level issues instead of an
// endorsement refusal. The IPC router raises it for a call whose user-typed fields fail the entry's domain schemas
// (the one parse of a call's arguments in main); `validateInput` checks the values main builds or decides on itself
// (a report envelope, a notice query, a rejection's reason).
import type { z } from 'zod';
import { safeIssues, type SafeIssue, errorCodes } from '@pediledger/domain';
import { AppError } from '../../../shared/errors.ts';

/** Code of {@link InvalidInputError}. */
export const INVALID_INPUT = errorCodes.invalidInput;

/**
 * An argument of a workflow call failed the shared schema; nothing was sent to the network. The message and details
 * name fields and rules, never the values (main logs the message; see SECURITY.md, "Logging policy").
 */
export class InvalidInputError extends AppError {
  override name = 'InvalidInputError';
  constructor(field: string, issues: readonly SafeIssue[]) {
    super(INVALID_INPUT, `Invalid ${field}: ${issues.map((i) => `${i.path || field} ${i.message}`).join('; ')}`, {
      details: { field, issues: issues.map((issue) => ({ ...issue })) },
    });
  }
}

/** Parses `value` with `schema` or throws {@link InvalidInputError} naming `field`. */
export function validateInput<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(field, safeIssues(parsed.error, schema));
}
