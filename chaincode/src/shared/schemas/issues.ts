// Validation issues as they may be returned, shown or logged: the field and the rule, never the value. Used by the
// chaincode (INVALID_ARGUMENT messages), main (IPC and workflow errors, ledger answers) and the renderer (records
// it cannot read), so one definition decides what an issue may say.
import type { z } from 'zod';

/** One validation failure: where it is and which rule the value broke. */
export interface SafeIssue {
  /** Dotted path of the field inside the validated value (`allergies.0.reaction`); empty for the value itself. */
  readonly path: string;
  /** The rule, e.g. `must not contain control characters` or `Too big: expected string to have <=100 characters`. */
  readonly message: string;
}

/**
 * The message of one zod issue without anything the caller sent. zod 4's English messages name the rule and the
 * schema's own limits, with one exception: `unrecognized_keys` lists the unknown keys, and a key is caller input
 * (a child's name typed as a field name is still a child's name), so it is counted instead. Our refinements' messages
 * are constants (`primitives.ts`). Paths are the schema's own field names and array indices: no shared schema is
 * keyed by caller data (`z.record`), which would put input into the path.
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.length === 1
      ? 'has a field the schema does not know'
      : `has ${issue.keys.length} fields the schema does not know`;
  }
  return issue.message;
}

/** {@link SafeIssue} of one zod issue. */
export function safeIssue(issue: z.core.$ZodIssue): SafeIssue {
  return { path: issue.path.map(String).join('.'), message: issueMessage(issue) };
}

/** The first `max` issues of a failed parse, as {@link SafeIssue}s. */
export function safeIssues(error: z.ZodError, max = 10): SafeIssue[] {
  return error.issues.slice(0, max).map(safeIssue);
}

/** The first `max` issues on one line: `path: message; path: message` (`value: …` for an issue at the root). */
export function describeIssues(error: z.ZodError, max = 5): string {
  return safeIssues(error, max)
    .map((issue) => `${issue.path === '' ? 'value' : issue.path}: ${issue.message}`)
    .join('; ');
}
