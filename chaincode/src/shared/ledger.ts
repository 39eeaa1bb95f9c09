import type { Context } from 'fabric-contract-api';
import type { z } from 'zod';
import { describeIssues } from './schemas/issues';
import { fromBytes } from './serialization';

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
