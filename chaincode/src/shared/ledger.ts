import type { Context } from 'fabric-contract-api';
import type { z } from 'zod';
import { describeIssues, LIMITS } from '@pediledger/domain';
import { fromBytes, toJson } from './serialization';

/**
 * Parses stored bytes with the record's schema. A record that fails is a bug or tampering, not user error; the error
 * names what was read but never quotes it (JSON.parse's message quotes the text around the fault, and the text is a
 * child's record): the chaincode server and the peers log the message, and the client receives it.
 */
export function parseStored<S extends z.ZodType>(schema: S, bytes: Uint8Array, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = fromBytes(bytes);
  } catch {
    throw new Error(`the stored ${what} is not JSON`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    throw new Error(`the stored ${what} does not match its schema (${describeIssues(parsed.error, schema)})`);
  return parsed.data;
}

/**
 * Reads one record and checks it against its schema (a record that fails is a bug or tampering, not user error).
 * Returns undefined when the key is absent.
 */
export async function readRecord<S extends z.ZodType>(
  ctx: Context,
  key: string,
  schema: S,
): Promise<z.infer<S> | undefined> {
  const bytes = await ctx.stub.getState(key);
  if (bytes.length === 0) return undefined;
  return parseStored(schema, bytes, ctx.stub.splitCompositeKey(key).objectType || 'record');
}

/** Whether a key holds a value. */
export async function exists(ctx: Context, key: string): Promise<boolean> {
  return (await ctx.stub.getState(key)).length > 0;
}

/**
 * The last attribute of every composite key under `objectType` + `prefix`. Partial composite-key queries are
 * re-executed at validation (phantom-read safe), unlike rich queries.
 */
export async function listIndex(ctx: Context, objectType: string, prefix: string[]): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of ctx.stub.getStateByPartialCompositeKey(objectType, prefix)) {
    const last = ctx.stub.splitCompositeKey(entry.key).attributes.at(-1);
    if (last !== undefined) found.push(last);
  }
  return found;
}

/** One key of an index page: its attributes after the list's prefix, and its value. */
export interface IndexRow {
  attributes: string[];
  value: Uint8Array;
}

/** A page of an index: up to the page size of rows in key order, and where the next page starts (null: no more). */
export interface IndexPage {
  rows: IndexRow[];
  next: string[] | null;
}

/**
 * One page of the composite keys under `objectType` + `prefix`, starting at the key whose remaining attributes are
 * `start` (inclusive; null for the first page). Evaluations only: Fabric refuses writes after a paginated query.
 *
 * The start key is always rebuilt here from `prefix` and validated attributes, never taken from a client: Fabric
 * begins a page at the bookmark key as given, even outside the prefix's range.
 */
export async function indexPage(
  ctx: Context,
  objectType: string,
  prefix: string[],
  pageSize: number,
  start: string[] | null,
): Promise<IndexPage> {
  const bookmark = start === null ? '' : ctx.stub.createCompositeKey(objectType, [...prefix, ...start]);
  const { iterator, metadata } = await ctx.stub.getStateByPartialCompositeKeyWithPagination(
    objectType,
    prefix,
    pageSize,
    bookmark,
  );
  const rows: IndexRow[] = [];
  try {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const { attributes } = ctx.stub.splitCompositeKey(next.value.key);
      rows.push({ attributes: attributes.slice(prefix.length), value: next.value.value });
    }
  } finally {
    await iterator.close();
  }
  // The shim leaves `metadata` out when the peer's metadata is empty (no rows and no next key).
  const nextKey = (metadata as typeof metadata | undefined)?.bookmark ?? '';
  const following = nextKey === '' ? null : ctx.stub.splitCompositeKey(nextKey).attributes;
  return { rows, next: following === null ? null : following.slice(prefix.length) };
}

/** A page of a list answer, as the chaincode returns it. */
export interface Page<T> {
  items: T[];
  bookmark: string;
}

/** Bookmarks are the key attributes after a list's prefix, joined by `~` (which no id, kind or sort key contains). */
export const BOOKMARK_SEPARATOR = '~';

/** Turns the next page's start attributes into the answer's bookmark (empty: this was the last page). */
export function bookmarkOf(next: readonly string[] | null): string {
  return next === null ? '' : next.join(BOOKMARK_SEPARATOR);
}

/** One candidate for a page: the item (null: skipped, e.g. not the caller's to see), where it starts, its JSON size. */
export interface PageCandidate<T> {
  item: T | null;
  position: string[];
  bytes: number;
}

/** Room left in a page for everything around its items (`{"bookmark":…,"items":[…]}`). */
const PAGE_ENVELOPE_BYTES = 1024;

/**
 * The page of `candidates` (in order) that fits in {@link LIMITS.pageBytes}, bookmarked at the first candidate left
 * out, or at `after` when all fit. At least one item always fits: every record is far smaller than a page.
 */
export function pageFrom<T>(candidates: readonly PageCandidate<T>[], after: string[] | null): Page<T> {
  const items: T[] = [];
  let bytes = PAGE_ENVELOPE_BYTES;
  for (const candidate of candidates) {
    if (candidate.item === null) continue;
    const size = candidate.bytes + 1; // the comma between array items
    if (items.length > 0 && bytes + size > LIMITS.pageBytes) {
      return { items, bookmark: bookmarkOf(candidate.position) };
    }
    items.push(candidate.item);
    bytes += size;
  }
  return { items, bookmark: bookmarkOf(after) };
}

/**
 * A page of the records an index names: `load` turns each row into its record, or null to leave it out (a record the
 * caller may not see, or that the list filters). The page holds at most `pageSize` rows' worth and at most
 * {@link LIMITS.pageBytes}; its bookmark is the first row not returned.
 */
export async function recordPage<T extends object>(
  ctx: Context,
  objectType: string,
  prefix: string[],
  pageSize: number,
  start: string[] | null,
  load: (row: IndexRow) => Promise<T | null>,
): Promise<Page<T>> {
  const { rows, next } = await indexPage(ctx, objectType, prefix, pageSize, start);
  const candidates: PageCandidate<T>[] = [];
  for (const row of rows) {
    const item = await load(row);
    candidates.push({ item, position: row.attributes, bytes: item === null ? 0 : Buffer.byteLength(toJson(item)) });
  }
  return pageFrom(candidates, next);
}
