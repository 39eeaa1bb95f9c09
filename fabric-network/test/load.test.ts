import type { ServiceError } from '@grpc/grpc-js';
import { CommitStatusError, EndorseError, type Gateway } from '@hyperledger/fabric-gateway';
import { peer as peerProtos } from '@hyperledger/fabric-protos';
import { describe, expect, it, vi } from 'vitest';
import { classifyRaw, startRawLoad } from './load.ts';

const cause = new Error('grpc') as ServiceError;
const endorseError = (txId: string): EndorseError =>
  new EndorseError({ code: 10, details: [], cause, transactionId: txId, message: 'endorse failed' });
const commitStatusError = (txId: string): CommitStatusError =>
  new CommitStatusError({ code: 4, details: [], cause, transactionId: txId, message: 'deadline' });

/** A qscc stand-in: VALID for every transaction id but those in `missing`, which it has never seen. */
function checker(missing: Set<string>): Gateway {
  const contract = {
    evaluateTransaction: (_fn: string, _channel: string, txId: string): Promise<Uint8Array> => {
      if (missing.has(txId)) return Promise.reject(new Error(`Failed to get transaction with id ${txId}`));
      const processed = new peerProtos.ProcessedTransaction();
      processed.setValidationcode(peerProtos.TxValidationCode.VALID);
      return Promise.resolve(processed.serializeBinary());
    },
  };
  return { getNetwork: () => ({ getContract: () => contract }) } as unknown as Gateway;
}

describe('classifyRaw', () => {
  it('an endorsement failure is failed; a lost commit status, or any submit failure, is outcome-unknown', () => {
    expect(classifyRaw(endorseError('a'))).toBe('failed');
    expect(classifyRaw(commitStatusError('a'))).toBe('unknown');
    expect(classifyRaw(Object.assign(new Error('x'), { name: 'SubmitError' }))).toBe('unknown');
    expect(classifyRaw(new Error('committed invalid'))).toBe('failed');
  });
});

describe('startRawLoad', () => {
  it('counts each outcome per writer, re-checks by transaction id, and counts a committed write the ledger lacks as lost', async () => {
    let started = 0;
    const load = startRawLoad([
      {
        name: 'w',
        channel: 'medical',
        paceMs: 1,
        write: (i, onTxId) => {
          started++;
          const txId = `tx-${String(i)}`;
          onTxId(txId);
          if (i === 1) return Promise.reject(endorseError(txId));
          if (i === 2) return Promise.reject(commitStatusError(txId));
          return Promise.resolve({ txId });
        },
      },
    ]);
    // Four writes at least (one of each kind); at a 1 ms pace this is soon, however busy the machine.
    await vi.waitFor(
      () => {
        expect(started).toBeGreaterThanOrEqual(4);
      },
      { timeout: 10_000 },
    );
    const { writes, counts } = await load.stop(() => checker(new Set(['tx-3'])), 0);
    expect(writes.length).toBeGreaterThanOrEqual(4);
    expect(counts).toEqual([
      {
        writer: 'w',
        attempted: writes.length,
        committed: writes.length - 2,
        failed: 1,
        unknown: 1,
        unknownOnLedger: 1,
        unknownNotOnLedger: 0,
        unresolved: 0,
        lost: 1,
      },
    ]);
  });
});
