// Validation issues as they may be returned, shown or logged: the field and the rule, never the value. Used by the
// chaincode (INVALID_ARGUMENT messages), main (IPC and workflow errors, ledger answers, its log) and the renderer
// (records it cannot read), so one definition decides what an issue may say.
import type { z } from 'zod';

/** One validation failure: where it is and which rule the value broke. */
export interface SafeIssue {
  /**
   * Dotted path of the field inside the validated value (`allergies.0.reaction`); empty for the value itself. A key
   * the caller chose (of a `z.record`, or one the schema does not know) is shown as `*`.
   */
  readonly path: string;
  /** The rule, e.g. `must not contain control characters` or `Too big: expected string to have <=100 characters`. */
  readonly message: string;
}

/** A failed parse: zod's `ZodError` (and its core `$ZodError`). */
export interface IssueList {
  readonly issues: readonly z.core.$ZodIssue[];
}

/**
 * The message of one zod issue without anything the caller sent. zod 4's English messages name the rule and the
 * schema's own limits, with one exception: `unrecognized_keys` lists the unknown keys, and a key is caller input
 * (a child's name typed as a field name is still a child's name), so it is counted instead. Our refinements' messages
 * are constants (`primitives.ts`).
 */
export function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.length === 1
      ? 'has a field the schema does not know'
      : `has ${issue.keys.length} fields the schema does not know`;
  }
  return issue.message;
}

/** The parts of zod 4's schema definitions the path walk reads (`schema._zod.def`). */
interface SchemaDef {
  readonly type: string;
  readonly shape?: Readonly<Record<string, unknown>>;
  readonly catchall?: unknown;
  readonly element?: unknown;
  readonly items?: readonly unknown[];
  readonly rest?: unknown;
  readonly valueType?: unknown;
  readonly innerType?: unknown;
  readonly in?: unknown;
  readonly options?: readonly unknown[];
  readonly left?: unknown;
  readonly right?: unknown;
  readonly getter?: () => unknown;
}

function defOf(schema: unknown): SchemaDef | undefined {
  if (typeof schema !== 'object' || schema === null || !('_zod' in schema)) return undefined;
  const internals = (schema as { _zod?: { def?: SchemaDef } })._zod;
  return internals?.def;
}

/** Wrappers whose path is their inner schema's (optional, nullable, default, lazy, the input side of a pipe, …). */
function unwrap(schema: unknown): SchemaDef | undefined {
  let def = defOf(schema);
  for (let depth = 0; def !== undefined && depth < 32; depth++) {
    if (def.innerType !== undefined) def = defOf(def.innerType);
    else if (def.type === 'pipe') def = defOf(def.in);
    else if (def.type === 'lazy' && def.getter !== undefined) def = defOf(def.getter());
    else return def;
  }
  return def;
}

/** A path segment as it may be shown, and the schema of the value it leads to (undefined: unknown from here on). */
interface Step {
  readonly label: string;
  readonly next: unknown;
}

/** A segment the walk cannot vouch for: an index is kept, a name is hidden. */
function hidden(segment: PropertyKey): Step {
  return { label: typeof segment === 'number' ? String(segment) : '*', next: undefined };
}

function objectStep(def: SchemaDef, segment: PropertyKey): Step {
  const field = typeof segment === 'string' ? def.shape?.[segment] : undefined;
  return field !== undefined ? { label: String(segment), next: field } : { label: '*', next: def.catchall };
}

/** A union's or intersection's segment: named by the first branch that knows it. */
function branchStep(branches: readonly unknown[], segment: PropertyKey): Step {
  return branches.map((branch) => step(branch, segment)).find((s) => s.label !== '*') ?? hidden(segment);
}

function step(schema: unknown, segment: PropertyKey): Step {
  const def = unwrap(schema);
  switch (def?.type) {
    case 'object':
      return objectStep(def, segment);
    case 'array':
      return { label: String(segment), next: def.element };
    case 'tuple':
      return {
        label: String(segment),
        next: typeof segment === 'number' ? (def.items?.[segment] ?? def.rest) : undefined,
      };
    case 'record':
    case 'map':
      return { label: '*', next: def.valueType };
    case 'union':
      return branchStep(def.options ?? [], segment);
    case 'intersection':
      return branchStep([def.left, def.right], segment);
    default:
      return hidden(segment);
  }
}

/**
 * {@link SafeIssue} of one zod issue of a parse with `schema`. The path is walked along the schema, so a segment is
 * shown only when it is one of the schema's own field names or an index; without the schema, every name is hidden.
 */
export function safeIssue(issue: z.core.$ZodIssue, schema?: z.core.$ZodType): SafeIssue {
  let current: unknown = schema;
  const labels = issue.path.map((segment) => {
    const { label, next } = step(current, segment);
    current = next;
    return label;
  });
  return { path: labels.join('.'), message: issueMessage(issue) };
}

/** The first `max` issues of a failed parse with `schema`, as {@link SafeIssue}s. */
export function safeIssues(error: IssueList, schema?: z.core.$ZodType, max = 10): SafeIssue[] {
  return error.issues.slice(0, max).map((issue) => safeIssue(issue, schema));
}

/** The first `max` issues on one line: `path: message; path: message` (`value: …` for an issue at the root). */
export function describeIssues(error: IssueList, schema?: z.core.$ZodType, max = 5): string {
  return safeIssues(error, schema, max)
    .map((issue) => `${issue.path === '' ? 'value' : issue.path}: ${issue.message}`)
    .join('; ');
}
