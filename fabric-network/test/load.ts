/**
 * A bounded background load on the real network, for tests that must hold while other clients write: paced writers
 * (one write started every `paceMs`, never more than the pace however slow the network), raw fabric-gateway submits
 * whose outcome is classified the way a client can know it, and a re-check of each write on the ledger through qscc.
 * Used by the fault suite (`electron/test/faults.ts`) and the browser story under load.
 */
import { CommitStatusError, EndorseError, type Contract, type Gateway } from '@hyperledger/fabric-gateway';
import { peer as peerProtos } from '@hyperledger/fabric-protos';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

/** How a write ended, as its client knows it: `unknown` once it may have reached an orderer without a commit status. */
export type Outcome = 'pending' | 'committed' | 'failed' | 'unknown';

/**
 * Starts `write(i)` every `paceMs` (i = 0, 1, …) while `isRunning()` holds, without waiting for earlier writes: a
 * slow network makes writes overlap, never the pace drop. Resolves once `isRunning()` turns false.
 */
export async function paced(paceMs: number, isRunning: () => boolean, write: (i: number) => void): Promise<void> {
  const start = performance.now();
  for (let i = 0; isRunning(); i++) {
    const wait = start + i * paceMs - performance.now();
    if (wait > 0) await sleep(wait);
    if (!isRunning()) break;
    write(i);
  }
}

/**
 * A raw fabric-gateway client's failure: refused or unanswered at endorsement means nothing reached the orderer
 * (`failed`); a failure to submit or to get the commit status leaves the outcome unknown until re-checked.
 */
export function classifyRaw(error: unknown): Outcome {
  if (error instanceof EndorseError) return 'failed';
  // SubmitError is exported as a type only; its name identifies it.
  if (error instanceof CommitStatusError || (error instanceof Error && error.name === 'SubmitError')) return 'unknown';
  return 'failed';
}

/**
 * Endorses, submits and waits for the commit of `transaction` on `contract`. `onTxId` learns the transaction id
 * before anything is sent, so an outcome-unknown failure can still be re-checked by id. Throws fabric-gateway's
 * errors as they are, and an Error when the transaction committed invalid (e.g. an MVCC conflict: on the ledger
 * without effect, a definite failure).
 */
export async function submitRaw(
  contract: Contract,
  transaction: string,
  args: string[],
  onTxId: (txId: string) => void = () => undefined,
): Promise<{ txId: string }> {
  const proposal = contract.newProposal(transaction, { arguments: args });
  const txId = proposal.getTransactionId();
  onTxId(txId);
  const endorsed = await proposal.endorse();
  const commit = await endorsed.submit();
  const status = await commit.getStatus();
  if (!status.successful) throw new Error(`${txId} committed invalid (validation code ${String(status.code)})`);
  return { txId };
}

/**
 * The validation code of `txId` on `channel` as the gateway's peer has it (qscc GetTransactionByID; needs an org
 * admin's identity, qscc refuses clients), or null when that peer has no such transaction.
 */
export async function txValidation(adminGateway: Gateway, channel: string, txId: string): Promise<number | null> {
  try {
    const bytes = await adminGateway
      .getNetwork(channel)
      .getContract('qscc')
      .evaluateTransaction('GetTransactionByID', channel, txId);
    return peerProtos.ProcessedTransaction.deserializeBinary(bytes).getValidationcode();
  } catch (error) {
    if (/not found|Failed to get transaction/i.test(error instanceof Error ? error.message : String(error))) {
      return null;
    }
    throw error;
  }
}

/** One write of a {@link RawLoad}. */
export interface RawWrite {
  writer: string;
  channel: string;
  txId: string | null;
  outcome: Outcome;
  message: string | null;
  /** After {@link RawLoad.stop}: whether the transaction is on the ledger as VALID, by qscc through another peer. */
  onLedger?: boolean;
}

/** A writer of a {@link RawLoad}: its name, channel, pace, and the write it starts each time. */
export interface RawWriter {
  name: string;
  channel: string;
  paceMs: number;
  /** Starts write number `i`; calls `onTxId` before sending (see {@link submitRaw}). */
  write(i: number, onTxId: (txId: string) => void): Promise<{ txId: string }>;
}

/** Counts of a writer's writes after the re-check: `lost` = reported committed but not VALID on the ledger. */
export interface RawLoadCounts {
  writer: string;
  attempted: number;
  committed: number;
  failed: number;
  /** Outcome unknown, and what the re-check found. */
  unknown: number;
  unknownOnLedger: number;
  unknownNotOnLedger: number;
  /** Outcome unknown and not re-checked (no transaction id): must be 0. */
  unresolved: number;
  lost: number;
}

/** A running {@link startRawLoad}. */
export interface RawLoad {
  /**
   * Stops starting writes, waits for those in flight, then re-checks each write with a transaction id through
   * `checkerFor(channel)` (an admin gateway to a peer other than the writers'), retrying up to `recheckMs` while the
   * checking peer may still be catching up. Returns every write and the counts per writer.
   */
  stop(
    checkerFor: (channel: string) => Gateway,
    recheckMs?: number,
  ): Promise<{ writes: RawWrite[]; counts: RawLoadCounts[] }>;
}

/** Starts every writer at its pace; see {@link RawLoad.stop}. */
export function startRawLoad(writers: readonly RawWriter[]): RawLoad {
  const writes: RawWrite[] = [];
  const inFlight = new Set<Promise<void>>();
  let running = true;
  const loops = writers.map((writer) =>
    paced(
      writer.paceMs,
      () => running,
      (i) => {
        const record: RawWrite = {
          writer: writer.name,
          channel: writer.channel,
          txId: null,
          outcome: 'pending',
          message: null,
        };
        writes.push(record);
        const done = writer
          .write(i, (txId) => {
            record.txId = txId;
          })
          .then(
            () => {
              record.outcome = 'committed';
            },
            (error: unknown) => {
              record.outcome = classifyRaw(error);
              record.message = error instanceof Error ? error.message : String(error);
            },
          );
        inFlight.add(done);
        void done.finally(() => inFlight.delete(done));
      },
    ),
  );
  return {
    async stop(checkerFor, recheckMs = 60_000) {
      running = false;
      await Promise.all(loops);
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
      const deadline = Date.now() + recheckMs;
      for (const write of writes) {
        if (write.txId === null || write.outcome === 'failed') continue;
        for (;;) {
          const code = await txValidation(checkerFor(write.channel), write.channel, write.txId);
          write.onLedger = code === peerProtos.TxValidationCode.VALID;
          // A write the checking peer lacks may be in a block it has not received yet: ask again until the deadline.
          if (write.onLedger || code !== null || Date.now() > deadline) break;
          await sleep(500);
        }
      }
      const counts = writers.map(({ name }): RawLoadCounts => {
        const mine = writes.filter((w) => w.writer === name);
        const unknown = mine.filter((w) => w.outcome === 'unknown');
        return {
          writer: name,
          attempted: mine.length,
          committed: mine.filter((w) => w.outcome === 'committed').length,
          failed: mine.filter((w) => w.outcome === 'failed').length,
          unknown: unknown.length,
          unknownOnLedger: unknown.filter((w) => w.onLedger === true).length,
          unknownNotOnLedger: unknown.filter((w) => w.onLedger === false).length,
          unresolved: unknown.filter((w) => w.onLedger === undefined).length,
          lost: mine.filter((w) => w.outcome === 'committed' && w.onLedger !== true).length,
        };
      });
      return { writes, counts };
    },
  };
}
