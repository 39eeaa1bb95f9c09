import type { Context } from 'fabric-contract-api';
import { NOTICE_EVENT, type NoticeDraft, noticeKey, storedNotice } from './notices';
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
  #notice: NoticeDraft | undefined;

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

  /**
   * Tells `parties` about this transaction (one notice per transaction; see `notices.ts`). The notice is stored
   * under the transaction id; the chaincode event every transaction emits carries nothing.
   */
  notify(notice: NoticeDraft): this {
    this.#notice = notice;
    return this;
  }

  /** Applies every write in order, then the notice (if any) and the transaction's event. */
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
    if (this.#notice !== undefined && this.#notice.parties.length > 0) {
      await stub.putState(noticeKey(this.#ctx, stub.getTxID()), toBytes(storedNotice(this.#notice)));
    }
    // Every transaction emits the same empty event, notice or not: the stream tells a listener nothing else.
    stub.setEvent(NOTICE_EVENT, new Uint8Array(0));
  }
}
