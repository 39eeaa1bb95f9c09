import { createHash } from 'node:crypto';
import type { Context, Contract } from 'fabric-contract-api';
import { type ChaincodeStub, ClientIdentity } from 'fabric-shim';
import { PediLedgerContext } from '../shared/context';
import type { EndorsingOrgs, MspId } from '@pediledger/domain';
import { certificateOf, DEMO_USERS, type DemoUid, type TestIdentity } from './identities';
import {
  type ChaincodeResponse,
  type CollectionMembers,
  MemoryLedger,
  MemoryStub,
  type MemoryTx,
  type PendingWrite,
} from './memoryStub';

type TransactionFn = (ctx: Context, ...args: unknown[]) => Promise<string>;

/** Another channel's chaincode this one calls (chaincode name = channel name, as in PediLedger). */
interface Link {
  harness: ChaincodeHarness;
  /** Organizations whose peers joined that channel: only they can run a call into it. */
  members: readonly string[];
  /** Settles once the linked ledger holds what the test needs. */
  ready: Promise<unknown>;
}

/** Options of one transaction. */
export interface InvokeOptions {
  transient?: Readonly<Record<string, string>>;
}

/**
 * Runs a contract's transactions against one in-memory ledger, the way the gateway would: submitted transactions are
 * simulated on each endorsing organization's peer (and must produce identical results and write sets there), then
 * committed once; evaluated transactions run on the caller's own organization's peer and are never committed. Each
 * simulation goes the way fabric-contract-api dispatches on a peer: the contract's own context, fabric-shim's
 * ClientIdentity over a real certificate, then `beforeTransaction`, then the transaction.
 */
export class ChaincodeHarness {
  readonly ledger = new MemoryLedger();
  /** The next transaction's timestamp; tests move it forward explicitly. */
  now = new Date('2025-03-01T09:00:00.000Z');
  /** How far every endorser's clock is from the proposal's timestamp (endorser minus proposal), in ms. */
  endorserClockOffsetMs = 0;
  /** The write set of the last transaction that threw (empty when it threw before writing, as it must). */
  lastRejectedWrites: PendingWrite[] = [];
  /** The last committed transaction's stub: its read set and write set. */
  lastCommitted: MemoryStub | undefined;
  #txCounter = 0;
  readonly #links = new Map<string, Link>();

  constructor(
    private readonly contract: Contract,
    private readonly channel: string,
    private readonly endorsers: Readonly<Record<string, EndorsingOrgs>>,
    private readonly collections: CollectionMembers = {},
  ) {}

  /**
   * Lets this chaincode call `harness`'s chaincode on `channel` (ChaincodeStub.invokeChaincode), on the peers of
   * `members` only, once `ready` has settled (the fixture that fills the linked ledger).
   */
  link(channel: string, harness: ChaincodeHarness, members: readonly string[], ready: Promise<unknown>): this {
    this.#links.set(channel, { harness, members, ready });
    return this;
  }

  /** The harness linked for `channel`. */
  linked(channel: string): ChaincodeHarness {
    const link = this.#links.get(channel);
    if (link === undefined) throw new Error(`no channel ${channel} is linked`);
    return link.harness;
  }

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
    // Any endorser's refusal fails the transaction, as the gateway reports it.
    for (const run of runs) {
      if (!run.ok) {
        this.lastRejectedWrites = run.stub.writes;
        throw run.error;
      }
    }
    if (!first.ok) throw new Error('unreachable: every run succeeded');
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

  #callAcross(
    identity: TestIdentity,
    tx: MemoryTx,
    peer: string,
    call: { name: string; args: string[]; channel: string },
  ): Promise<ChaincodeResponse> {
    const [fn, ...args] = call.args;
    return callAcrossWith(
      this.#links.get(call.channel),
      (harness) => harness.#simulate(identity, fn ?? '', args, { ...tx, channel: call.channel }, peer),
      peer,
      call.channel,
    );
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

  #newTx(options: InvokeOptions): MemoryTx {
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
    tx: MemoryTx,
    peer: string,
  ): Promise<{ ok: true; result: string; stub: MemoryStub } | { ok: false; error: unknown; stub: MemoryStub }> {
    const creator = { mspid: identity.mspId, idBytes: Buffer.from(await certificateOf(identity)) };
    const stub = new MemoryStub(this.ledger, tx, peer, this.collections, creator, (name, callArgs, channel) =>
      this.#callAcross(identity, tx, peer, { name, args: callArgs, channel }),
    );
    const ctx = this.contract.createContext();
    ctx.stub = stub as unknown as ChaincodeStub;
    ctx.clientIdentity = new ClientIdentity(stub as unknown as ChaincodeStub);
    if (ctx instanceof PediLedgerContext) ctx.endorserClockMs = tx.time.getTime() + this.endorserClockOffsetMs;
    const method = (this.contract as unknown as Record<string, unknown>)[fn];
    if (typeof method !== 'function') throw new Error(`no transaction ${fn}`);
    try {
      await this.contract.beforeTransaction(ctx);
      const result = await (method as TransactionFn).call(this.contract, ctx, ...args);
      return { ok: true, result, stub };
    } catch (error) {
      return { ok: false, error, stub };
    }
  }
}

/**
 * A cross-channel call as Fabric 2.5 runs it (core/chaincode/handler.go): the same proposal (identity, transaction id,
 * time) on the target channel's ledger of the same peer, in a simulator whose writes are dropped. A chaincode error
 * comes back as status 500 with its message; a peer without that channel's ledger fails the call.
 */
async function callAcrossWith(
  link: Link | undefined,
  run: (harness: ChaincodeHarness) => Promise<{ ok: true; result: string } | { ok: false; error: unknown }>,
  peer: string,
  channel: string,
): Promise<ChaincodeResponse> {
  if (link === undefined || !link.members.includes(peer))
    throw new Error(`failed to find ledger for channel: ${channel}`);
  await link.ready;
  const outcome = await run(link.harness);
  if (outcome.ok) return { status: 200, message: '', payload: Buffer.from(outcome.result, 'utf8') };
  const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
  return { status: 500, message, payload: new Uint8Array(0) };
}

function sameWrites(a: PendingWrite[], b: PendingWrite[]): boolean {
  const encode = (writes: PendingWrite[]): string =>
    JSON.stringify(writes.map((w) => ({ ...w, value: w.value ? Buffer.from(w.value).toString('base64') : null })));
  return encode(a) === encode(b);
}
