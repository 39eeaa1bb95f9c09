import { createHash } from 'node:crypto';
import { type Contract, Context } from 'fabric-contract-api';
import type { ChaincodeStub } from 'fabric-shim';
import type { EndorsingOrgs, MspId } from '../shared/endorsement';
import { clientIdentityOf, DEMO_USERS, type DemoUid, type TestIdentity } from './identities';
import { type CollectionMembers, MemoryLedger, MemoryStub, type PendingWrite } from './memoryStub';

type TransactionFn = (ctx: Context, ...args: unknown[]) => Promise<string>;

/** Options of one transaction. */
export interface InvokeOptions {
  transient?: Readonly<Record<string, string>>;
}

/**
 * Runs a contract's transactions against one in-memory ledger, the way the gateway would: submitted transactions are
 * simulated on each endorsing organization's peer (and must produce identical results and write sets there), then
 * committed once; evaluated transactions run on the caller's own organization's peer and are never committed.
 */
export class ChaincodeHarness {
  readonly ledger = new MemoryLedger();
  /** The next transaction's timestamp; tests move it forward explicitly. */
  now = new Date('2025-03-01T09:00:00.000Z');
  /** The write set of the last transaction that threw (empty when it threw before writing, as it must). */
  lastRejectedWrites: PendingWrite[] = [];
  /** The last committed transaction's stub: its read set and write set. */
  lastCommitted: MemoryStub | undefined;
  #txCounter = 0;

  constructor(
    private readonly contract: Contract,
    private readonly channel: string,
    private readonly endorsers: Readonly<Record<string, EndorsingOrgs>>,
    private readonly collections: CollectionMembers = {},
  ) {}

  /** Moves the clock by `ms` milliseconds. */
  advance(ms: number): void {
    this.now = new Date(this.now.getTime() + ms);
  }

  /** Submits a transaction as `who` (a demo uid or a custom identity) and returns its result. */
  async submit(who: DemoUid | TestIdentity, fn: string, args: unknown[], options: InvokeOptions = {}): Promise<string> {
    const identity = typeof who === 'string' ? DEMO_USERS[who] : who;
    const pinned = this.endorsers[fn];
    const peers: readonly string[] = pinned ?? [identity.mspId, this.#anotherOrg(identity.mspId)];
    const tx = this.#newTx(options);
    const runs = await Promise.all(peers.map((peer) => this.#simulate(identity, fn, args, tx, peer)));
    const [first, ...others] = runs;
    if (!first) throw new Error('no endorsing peer');
    if (!first.ok) {
      this.lastRejectedWrites = first.stub.writes;
      throw first.error;
    }
    for (const other of others) {
      // Endorsers must agree byte for byte, or the gateway reports mismatched proposal responses.
      if (!other.ok || other.result !== first.result || !sameWrites(other.stub.writes, first.stub.writes)) {
        throw new Error(`endorsements of ${fn} differ between peers`);
      }
    }
    first.stub.commit();
    this.lastCommitted = first.stub;
    return first.result;
  }

  /** Evaluates a read-only transaction as `who` on their own organization's peer. */
  async evaluate(who: DemoUid | TestIdentity, fn: string, args: unknown[] = []): Promise<string> {
    const identity = typeof who === 'string' ? DEMO_USERS[who] : who;
    const run = await this.#simulate(identity, fn, args, this.#newTx({}), identity.mspId);
    if (!run.ok) throw run.error;
    if (run.stub.writes.length > 0) throw new Error(`${fn} wrote during evaluation`);
    return run.result;
  }

  /** Submit, parsing the JSON result. */
  async submitJson(
    who: DemoUid | TestIdentity,
    fn: string,
    args: unknown[],
    options?: InvokeOptions,
  ): Promise<unknown> {
    return JSON.parse(await this.submit(who, fn, args, options)) as unknown;
  }

  /** Evaluate, parsing the JSON result. */
  async evaluateJson(who: DemoUid | TestIdentity, fn: string, args: unknown[] = []): Promise<unknown> {
    return JSON.parse(await this.evaluate(who, fn, args)) as unknown;
  }

  /**
   * Every item of a paged list (`…args, pageSize, bookmark` → `{items, bookmark}`), following the bookmarks; a small
   * page size by default, so the tests cross page boundaries.
   */
  async evaluateAllPages(
    who: DemoUid | TestIdentity,
    fn: string,
    args: unknown[] = [],
    pageSize = 2,
  ): Promise<unknown[]> {
    const items: unknown[] = [];
    let bookmark = '';
    do {
      const answer = (await this.evaluateJson(who, fn, [...args, String(pageSize), bookmark])) as {
        items: unknown[];
        bookmark: string;
      };
      items.push(...answer.items);
      bookmark = answer.bookmark;
    } while (bookmark !== '');
    return items;
  }

  #anotherOrg(mspId: string): MspId {
    return mspId === 'HospitalMSP' ? 'ParentsMSP' : 'HospitalMSP';
  }

  #newTx(options: InvokeOptions): { txId: string; time: Date; channel: string; transient: Map<string, Uint8Array> } {
    this.#txCounter += 1;
    const transient = new Map(
      Object.entries(options.transient ?? {}).map(([key, value]) => [key, Buffer.from(value, 'utf8')]),
    );
    return {
      txId: createHash('sha256').update(`tx-${this.#txCounter}`).digest('hex'),
      time: new Date(this.now.getTime()),
      channel: this.channel,
      transient,
    };
  }

  async #simulate(
    identity: TestIdentity,
    fn: string,
    args: unknown[],
    tx: { txId: string; time: Date; channel: string; transient: Map<string, Uint8Array> },
    peer: string,
  ): Promise<{ ok: true; result: string; stub: MemoryStub } | { ok: false; error: unknown; stub: MemoryStub }> {
    const stub = new MemoryStub(this.ledger, tx, peer, this.collections);
    const ctx = new Context();
    ctx.stub = stub as unknown as ChaincodeStub;
    ctx.clientIdentity = clientIdentityOf(identity);
    const method = (this.contract as unknown as Record<string, unknown>)[fn];
    if (typeof method !== 'function') throw new Error(`no transaction ${fn}`);
    try {
      const result = await (method as TransactionFn).call(this.contract, ctx, ...args);
      return { ok: true, result, stub };
    } catch (error) {
      return { ok: false, error, stub };
    }
  }
}

function sameWrites(a: PendingWrite[], b: PendingWrite[]): boolean {
  const encode = (writes: PendingWrite[]): string =>
    JSON.stringify(writes.map((w) => ({ ...w, value: w.value ? Buffer.from(w.value).toString('base64') : null })));
  return encode(a) === encode(b);
}
