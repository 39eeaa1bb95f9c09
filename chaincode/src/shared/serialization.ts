import stringify from 'json-stringify-deterministic';
import sortKeysRecursive from 'sort-keys-recursive';

/**
 * Deterministic JSON bytes: every endorser must produce the same bytes for the same value, or endorsements disagree.
 * Keys are sorted recursively, so the property order of the object that was built does not matter.
 */
export function toBytes(value: object): Uint8Array {
  return Buffer.from(stringify(sortKeysRecursive(value)), 'utf8');
}

/** Parses ledger bytes back to an untyped value; callers validate it with a schema before trusting its shape. */
export function fromBytes(bytes: Uint8Array): unknown {
  return JSON.parse(Buffer.from(bytes).toString('utf8'));
}

/** A transaction's JSON return value, with the same deterministic key order as the ledger bytes. */
export function toJson(value: object): string {
  return stringify(sortKeysRecursive(value));
}
