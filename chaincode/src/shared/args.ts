import type { z } from 'zod';
import { invalidArgument } from './errors';
import { BOOKMARK_SEPARATOR } from './ledger';
import { safeIssue, BookmarkArg, LIMITS, PageSizeArg } from '@pediledger/domain';

/**
 * Validates one transaction argument, turning the first schema issue into an `INVALID_ARGUMENT:` error that names the
 * argument, the field and the rule, never the value: the message reaches the client, the chaincode server's log and
 * the peers' logs (see SECURITY.md, "Logging policy").
 */
export function parseArg<S extends z.ZodType>(schema: S, value: unknown, name: string): z.infer<S> {
  let result: z.ZodSafeParseResult<z.infer<S>>;
  try {
    result = schema.safeParse(value);
  } catch {
    // A refinement that throws on odd input must still end as a coded rejection, never as a raw error.
    throw invalidArgument(`${name}: is invalid`);
  }
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const issue = first === undefined ? undefined : safeIssue(first, schema);
  const where = issue !== undefined && issue.path !== '' ? `${name}.${issue.path}` : name;
  throw invalidArgument(`${where}: ${issue?.message ?? 'is invalid'}`);
}

/** Parses a JSON argument (size-limited before parsing, so a huge argument costs nothing) and validates it. */
export function parseJsonArg<S extends z.ZodType>(
  schema: S,
  raw: unknown,
  name: string,
  maxBytes: number = LIMITS.jsonArgumentBytes,
): z.infer<S> {
  if (typeof raw !== 'string') throw invalidArgument(`${name}: must be a JSON string`);
  if (Buffer.byteLength(raw, 'utf8') > maxBytes) throw invalidArgument(`${name}: must be at most ${maxBytes} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    // JSON.parse's message quotes the text around the error, so it is never passed on.
    throw invalidArgument(`${name}: is not valid JSON`);
  }
  return parseArg(schema, value, name);
}

/**
 * Parses a bookmark argument into the key attributes the next page starts at (null: the first page). Each part is
 * validated with its own schema, so the key the list rebuilds under its prefix holds only well-formed attributes.
 */
export function parseBookmark(raw: unknown, parts: readonly z.ZodType<string>[], name = 'bookmark'): string[] | null {
  const text = parseArg(BookmarkArg, raw, name);
  if (text === '') return null;
  const pieces = text.split(BOOKMARK_SEPARATOR);
  if (pieces.length !== parts.length) throw invalidArgument(`${name}: is not a bookmark of this list`);
  return pieces.map((piece, index) => parseArg(parts[index] ?? BookmarkArg, piece, name));
}

/** Parses a page-size argument (a decimal string, 1 to LIMITS.pageEntries). */
export function parsePageSize(raw: unknown, name = 'pageSize'): number {
  return parseArg(PageSizeArg, raw, name);
}
