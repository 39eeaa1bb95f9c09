// Argument validation before anything is signed: the same schemas the chaincode applies, so a bad form value fails
// here with field-level issues instead of as an endorsement refusal.
import type { z } from 'zod';
import { AppError } from '../../../shared/errors.ts';

/** Code of {@link InvalidInputError}. */
export const INVALID_INPUT = 'INVALID_INPUT';

/** An argument of a workflow call failed the shared schema; nothing was sent to the network. */
export class InvalidInputError extends AppError {
  override name = 'InvalidInputError';
  constructor(field: string, issues: { path: string; message: string }[]) {
    super(INVALID_INPUT, `Invalid ${field}: ${issues.map((i) => `${i.path || field} ${i.message}`).join('; ')}`, {
      details: { field, issues },
    });
  }
}

/** Parses `value` with `schema` or throws {@link InvalidInputError} naming `field`. */
export function validateInput<S extends z.ZodType>(schema: S, value: unknown, field: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new InvalidInputError(
    field,
    parsed.error.issues
      .slice(0, 10)
      .map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
  );
}
