// The background re-check of transactions whose outcome is unknown, with fake timers and a scripted network.
import { StatusCode, type Status } from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { newCommitWatcher } from './commitWatcher.ts';
import type { InFlightTransaction } from './transactionSubmitter.ts';
import type { TxProgress } from './txProgress.ts';

const tx = (txId: string): InFlightTransaction => ({
  txId,
  channel: 'medical',
  transactionName: 'RecordMeasurement',
  result: new Uint8Array(),
  transaction: { bytes: new Uint8Array(), signature: new Uint8Array() },
  commitRequest: null,
});
const status = (txId: string, code: number): Status => ({
  blockNumber: 9n,
  code: code as never,
  successful: code === StatusCode.VALID,
  transactionId: txId,
});

/** Timers run by hand: `fire()` runs every pending timer once and records its delay. */
function manualTimers(): {
  setTimer: (fn: () => void, ms: number) => object;
  fire: () => Promise<void>;
  delays: number[];
} {
  let pending: (() => void)[] = [];
  const delays: number[] = [];
  return {
    delays,
    setTimer: (fn, ms) => {
      delays.push(ms);
      pending.push(fn);
      return {};
    },
    fire: async () => {
      const due = pending;
      pending = [];
      for (const fn of due) fn();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('CommitWatcher', () => {
  it('asks again with backoff until a peer knows, then reports committed under the same txId', async () => {
    const timers = manualTimers();
    const answers: (Status | undefined)[] = [undefined, undefined, status('t1', StatusCode.VALID)];
    const outcomes: TxProgress[] = [];
    const watcher = newCommitWatcher({
      check: () => Promise.resolve(answers.shift()),
      onOutcome: (p) => outcomes.push(p),
      delaysMs: [10, 20, 40],
      setTimer: timers.setTimer,
    });
    watcher.watch(tx('t1'));
    watcher.watch(tx('t1')); // already watched: once
    expect(watcher.pending).toEqual(['t1']);
    for (let i = 0; i < 3; i++) await timers.fire();
    expect(timers.delays).toEqual([10, 20, 40]);
    expect(outcomes).toEqual([
      { txId: 't1', channel: 'medical', transactionName: 'RecordMeasurement', attempt: 1, stage: 'committed' },
    ]);
    expect(watcher.pending).toEqual([]);
  });

  it('reports an invalid transaction as failed with COMMIT_FAILED and the validation code name', async () => {
    const timers = manualTimers();
    const outcomes: TxProgress[] = [];
    const watcher = newCommitWatcher({
      check: () => Promise.resolve(status('t2', StatusCode.MVCC_READ_CONFLICT)),
      onOutcome: (p) => outcomes.push(p),
      setTimer: timers.setTimer,
    });
    watcher.watch(tx('t2'));
    await timers.fire();
    expect(outcomes[0]).toMatchObject({
      txId: 't2',
      stage: 'failed',
      error: { code: 'COMMIT_FAILED', details: { validationCodeName: 'MVCC_READ_CONFLICT' } },
    });
  });

  it('keeps asking through failed checks, gives up after its bound, and stops on close', async () => {
    const timers = manualTimers();
    let now = 0;
    let checks = 0;
    const watcher = newCommitWatcher({
      check: () => {
        checks += 1;
        return Promise.reject(new Error('peer down'));
      },
      onOutcome: () => {
        throw new Error('no outcome expected');
      },
      delaysMs: [5],
      giveUpAfterMs: 100,
      setTimer: timers.setTimer,
      now: () => now,
    });
    watcher.watch(tx('t3'));
    await timers.fire();
    now = 100;
    await timers.fire();
    expect(checks).toBe(2);
    expect(watcher.pending).toEqual([]);
    watcher.watch(tx('t4'));
    watcher.close();
    await timers.fire();
    expect(checks).toBe(2);
  });
});
