import { createHash } from 'node:crypto';
import type { ChaincodeStub } from 'fabric-shim';
import { ChaincodeStub as RealStub } from 'fabric-shim';

// An in-memory ChaincodeStub for unit tests. It keeps Fabric's transaction semantics where they matter to us:
// writes are buffered in a write set and only committed when the transaction succeeds; reads never see the
// transaction's own writes; composite keys are built by the real shim's code; private data keeps a sha256 hash that
// non-member peers can read; history records every committed version.

type Timestamp = ReturnType<ChaincodeStub['getTxTimestamp']>;
type KV = { namespace: string; key: string; value: Uint8Array };
type KeyModification = { isDelete: boolean; value: Uint8Array; timestamp: Timestamp; txId: string };

/** One write the transaction asked for, in order. */
export type PendingWrite =
  | { kind: 'put' | 'delete'; key: string; value?: Uint8Array }
  | { kind: 'putPrivate' | 'deletePrivate' | 'purgePrivate'; collection: string; key: string; value?: Uint8Array };

/** Which organizations' peers store each collection (School's implicit collection: School only). */
export type CollectionMembers = Readonly<Record<string, readonly string[]>>;

const EMPTY = new Uint8Array(0);

/** Orders keys the way LevelDB does (by UTF-8 bytes), not by UTF-16 code units. */
function byteOrder(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

function sha256(bytes: Uint8Array): Uint8Array {
  return createHash('sha256').update(bytes).digest();
}

/** Wraps results as Fabric's iterator promise that is also async-iterable. */
function iterable<T>(
  items: T[],
): Promise<{ next(): Promise<{ value: T; done: boolean }>; close(): Promise<void> }> & AsyncIterable<T> {
  let index = 0;
  const iterator = {
    next: (): Promise<{ value: T; done: boolean }> => {
      const value = items[index];
      index += 1;
      return Promise.resolve(value === undefined ? { value: undefined as T, done: true } : { value, done: false });
    },
    close: (): Promise<void> => Promise.resolve(),
  };
  return Object.assign(Promise.resolve(iterator), {
    async *[Symbol.asyncIterator](): AsyncGenerator<T> {
      for (const item of items) yield await Promise.resolve(item);
    },
  });
}

/** The committed ledger shared by every transaction of one test. */
export class MemoryLedger {
  readonly state = new Map<string, Uint8Array>();
  readonly privateData = new Map<string, Map<string, Uint8Array>>();
  readonly privateHashes = new Map<string, Map<string, Uint8Array>>();
  readonly purged: { collection: string; key: string }[] = [];
  readonly history = new Map<string, KeyModification[]>();
  /** Chaincode events of committed transactions, payload as the bytes the chaincode set. */
  readonly events: { txId: string; name: string; payload: Uint8Array }[] = [];

  /** A snapshot of everything observable, to assert that a rejected transaction changed nothing. */
  snapshot(): string {
    const dump = (map: Map<string, Uint8Array>): [string, string][] =>
      [...map.entries()].map(([k, v]) => [k, Buffer.from(v).toString('base64')]);
    return JSON.stringify({
      state: dump(this.state),
      private: [...this.privateData.entries()].map(([c, m]) => [c, dump(m)]),
      hashes: [...this.privateHashes.entries()].map(([c, m]) => [c, dump(m)]),
      events: this.events.length,
    });
  }
}

/** What a cross-channel call answers (fabric-shim's ChaincodeResponse). */
export interface ChaincodeResponse {
  status: number;
  message: string;
  payload: Uint8Array;
}

/**
 * Runs another channel's chaincode for this transaction, as the peer would (same proposal, a simulator of its own
 * whose writes are dropped); throws when this peer has no ledger for that channel.
 */
export type CrossChannelCall = (chaincodeName: string, args: string[], channel: string) => Promise<ChaincodeResponse>;

/** The transaction a stub serves. */
export interface MemoryTx {
  txId: string;
  time: Date;
  channel: string;
  transient: Map<string, Uint8Array>;
}

/** A stub for one transaction against a MemoryLedger, on the peer of `peerMspId`. */
export class MemoryStub {
  readonly writes: PendingWrite[] = [];
  event: { name: string; payload: Uint8Array } | undefined;
  /** Whether the transaction ran a paginated query: Fabric then refuses its writes (pagination is for reads only). */
  paginated = false;
  /**
   * What the transaction read, as Fabric's read set would hold it: keys read one by one, and ranges (start and end
   * key) that validation re-executes. Two transactions conflict when one writes what the other read.
   */
  readonly reads = { keys: new Set<string>(), ranges: [] as { start: string; end: string }[] };

  constructor(
    private readonly ledger: MemoryLedger,
    private readonly tx: MemoryTx,
    private readonly peerMspId: string,
    private readonly collections: CollectionMembers,
    private readonly creator: { mspid: string; idBytes: Uint8Array },
    private readonly crossChannel: CrossChannelCall = (_name, _args, channel) =>
      Promise.reject(new Error(`failed to find ledger for channel: ${channel}`)),
  ) {}

  getCreator(): { mspid: string; idBytes: Uint8Array } {
    return this.creator;
  }

  getTxID(): string {
    return this.tx.txId;
  }
  getChannelID(): string {
    return this.tx.channel;
  }
  getMspID(): string {
    return this.peerMspId;
  }
  getTransient(): Map<string, Uint8Array> {
    return this.tx.transient;
  }
  getDateTimestamp(): Date {
    return new Date(this.tx.time.getTime());
  }
  getTxTimestamp(): Timestamp {
    const ms = this.tx.time.getTime();
    return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1_000_000 } as unknown as Timestamp;
  }

  createCompositeKey(objectType: string, attributes: string[]): string {
    return RealStub.prototype.createCompositeKey.call(this, objectType, attributes);
  }
  splitCompositeKey(key: string): { objectType: string; attributes: string[] } {
    return RealStub.prototype.splitCompositeKey.call(this, key);
  }

  getState(key: string): Promise<Uint8Array> {
    this.reads.keys.add(key);
    return Promise.resolve(this.ledger.state.get(key) ?? EMPTY);
  }
  putState(key: string, value: Uint8Array): Promise<void> {
    if (key.startsWith('\u0000') && !key.endsWith('\u0000')) throw new Error('invalid composite key');
    this.writes.push({ kind: 'put', key, value });
    return Promise.resolve();
  }
  deleteState(key: string): Promise<void> {
    this.writes.push({ kind: 'delete', key });
    return Promise.resolve();
  }
  getStateByPartialCompositeKey(objectType: string, attributes: string[]): ReturnType<typeof iterable<KV>> {
    const start = this.createCompositeKey(objectType, attributes);
    const end = start + '\u{10FFFF}';
    this.reads.ranges.push({ start, end });
    const keys = [...this.ledger.state.keys()]
      .filter((k) => byteOrder(k, start) >= 0 && byteOrder(k, end) < 0)
      .sort(byteOrder);
    return iterable(keys.map((key) => ({ namespace: '', key, value: this.ledger.state.get(key) ?? EMPTY })));
  }
  /**
   * A page of keys from the bookmark (used verbatim as the start key, as Fabric's LevelDB does, even outside the
   * prefix's range) or the prefix, and the next key as the bookmark ('' when there is none).
   */
  getStateByPartialCompositeKeyWithPagination(
    objectType: string,
    attributes: string[],
    pageSize: number,
    bookmark = '',
  ): Promise<{
    iterator: Awaited<ReturnType<typeof iterable<KV>>>;
    metadata: { fetchedRecordsCount: number; bookmark: string };
  }> {
    this.paginated = true;
    const prefix = this.createCompositeKey(objectType, attributes);
    const start = bookmark === '' ? prefix : bookmark;
    const end = prefix + '\u{10FFFF}';
    const keys = [...this.ledger.state.keys()]
      .filter((k) => byteOrder(k, start) >= 0 && byteOrder(k, end) < 0)
      .sort(byteOrder);
    const pageKeys = keys.slice(0, pageSize);
    const rows = pageKeys.map((key) => ({ namespace: '', key, value: this.ledger.state.get(key) ?? EMPTY }));
    const next = keys[pageSize] ?? '';
    // Like the real shim: no metadata at all when the peer's is empty (no rows, no next key).
    return iterable(rows).then((iterator) =>
      rows.length === 0 && next === ''
        ? ({ iterator } as { iterator: typeof iterator; metadata: { fetchedRecordsCount: number; bookmark: string } })
        : { iterator, metadata: { fetchedRecordsCount: rows.length, bookmark: next } },
    );
  }
  getHistoryForKey(key: string): ReturnType<typeof iterable<KeyModification>> {
    // Fabric returns newest first; so do we, so that callers cannot depend on the order by accident.
    return iterable([...(this.ledger.history.get(key) ?? [])].reverse());
  }

  #isMember(collection: string): boolean {
    return this.collections[collection]?.includes(this.peerMspId) ?? false;
  }
  getPrivateData(collection: string, key: string): Promise<Uint8Array> {
    // A peer outside the collection never received the data.
    if (!this.#isMember(collection)) return Promise.resolve(EMPTY);
    return Promise.resolve(this.ledger.privateData.get(collection)?.get(key) ?? EMPTY);
  }
  getPrivateDataHash(collection: string, key: string): Promise<Uint8Array> {
    return Promise.resolve(this.ledger.privateHashes.get(collection)?.get(key) ?? EMPTY);
  }
  putPrivateData(collection: string, key: string, value: Uint8Array): Promise<void> {
    this.writes.push({ kind: 'putPrivate', collection, key, value });
    return Promise.resolve();
  }
  deletePrivateData(collection: string, key: string): Promise<void> {
    this.writes.push({ kind: 'deletePrivate', collection, key });
    return Promise.resolve();
  }
  purgePrivateData(collection: string, key: string): Promise<void> {
    this.writes.push({ kind: 'purgePrivate', collection, key });
    return Promise.resolve();
  }
  setEvent(name: string, payload: Uint8Array): void {
    this.event = { name, payload };
  }
  invokeChaincode(chaincodeName: string, args: string[], channel: string): Promise<ChaincodeResponse> {
    return this.crossChannel(chaincodeName, args, channel);
  }

  /** Applies the write set to the ledger: what ordering and validation would do for a valid transaction. */
  commit(): void {
    const { ledger } = this;
    if (this.paginated && this.writes.length > 0) throw new Error('a transaction that paginated may not write');
    const at = this.getTxTimestamp();
    for (const write of this.writes) {
      if (!('collection' in write)) {
        if (write.kind === 'put' && write.value) ledger.state.set(write.key, write.value);
        else ledger.state.delete(write.key);
        const versions = ledger.history.get(write.key) ?? [];
        versions.push({
          isDelete: write.kind === 'delete',
          value: write.value ?? EMPTY,
          timestamp: at,
          txId: this.tx.txId,
        });
        ledger.history.set(write.key, versions);
        continue;
      }
      const data = ledger.privateData.get(write.collection) ?? new Map<string, Uint8Array>();
      const hashes = ledger.privateHashes.get(write.collection) ?? new Map<string, Uint8Array>();
      if (write.kind === 'putPrivate' && write.value) {
        hashes.set(write.key, sha256(write.value));
        // Only member peers store the value; we model one ledger per network, so store it once for members.
        data.set(write.key, write.value);
      } else {
        data.delete(write.key);
        hashes.delete(write.key);
        if (write.kind === 'purgePrivate') ledger.purged.push({ collection: write.collection, key: write.key });
      }
      ledger.privateData.set(write.collection, data);
      ledger.privateHashes.set(write.collection, hashes);
    }
    if (this.event) ledger.events.push({ txId: this.tx.txId, name: this.event.name, payload: this.event.payload });
  }
}
