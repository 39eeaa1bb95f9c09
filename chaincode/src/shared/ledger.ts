import type { Context } from 'fabric-contract-api';
import type { z } from 'zod';
import { fromBytes } from './serialization';

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
  return schema.parse(fromBytes(bytes));
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
