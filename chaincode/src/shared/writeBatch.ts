import type { Context } from 'fabric-contract-api';
import { toBytes } from './serialization';

type Write =
  | { kind: 'put'; key: string; value: Uint8Array }
  | { kind: 'delete'; key: string }
  | { kind: 'putPrivate'; collection: string; key: string; value: Uint8Array }
  | { kind: 'purgePrivate'; collection: string; key: string };

/** Marks an index key as present; an empty value would mean "delete" to Fabric. */
const INDEX_MARKER = Uint8Array.of(0);

/**
 * Collects a transaction's writes and applies them only in `commit()`, the last step of a transaction. A transaction
 * therefore validates and checks everything before its first putState, and never reads its own pending writes
 * (Fabric's GetState would not see them either).
 */
export class WriteBatch {
  readonly #ctx: Context;
  readonly #writes: Write[] = [];
  #event: { name: string; payload: object } | undefined;

  constructor(ctx: Context) {
    this.#ctx = ctx;
  }

  /** Stores `value` as deterministic JSON. */
  put(key: string, value: object): this {
    this.#writes.push({ kind: 'put', key, value: toBytes(value) });
    return this;
  }

  /** Stores an index entry (the key is the information). */
  putIndex(key: string): this {
    this.#writes.push({ kind: 'put', key, value: INDEX_MARKER });
    return this;
  }

  /** Removes a key from world state. */
  delete(key: string): this {
    this.#writes.push({ kind: 'delete', key });
    return this;
  }

  /** Stores exact bytes in a private data collection. */
  putPrivate(collection: string, key: string, value: Uint8Array): this {
    this.#writes.push({ kind: 'putPrivate', collection, key, value });
    return this;
  }

  /** Deletes a private key and purges its history from every peer that holds it (Fabric 2.5, capability V2_5). */
  purgePrivate(collection: string, key: string): this {
    this.#writes.push({ kind: 'purgePrivate', collection, key });
    return this;
  }

  /** Sets the transaction's chaincode event (Fabric keeps one per transaction). Payloads carry ids, never health data. */
  event(name: string, payload: object): this {
    this.#event = { name, payload };
    return this;
  }

  /** Applies every write in order, then the event. */
  async commit(): Promise<void> {
    const stub = this.#ctx.stub;
    for (const write of this.#writes) {
      switch (write.kind) {
        case 'put':
          await stub.putState(write.key, write.value);
          break;
        case 'delete':
          await stub.deleteState(write.key);
          break;
        case 'putPrivate':
          await stub.putPrivateData(write.collection, write.key, write.value);
          break;
        case 'purgePrivate':
          await stub.purgePrivateData(write.collection, write.key);
          break;
      }
    }
    if (this.#event) stub.setEvent(this.#event.name, toBytes(this.#event.payload));
  }
}
