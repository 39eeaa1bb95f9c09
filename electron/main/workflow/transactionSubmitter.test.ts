// The submitter's retry policy, driven by fabric-gateway's own error classes: which failures are transient (and
// retried with a fresh endorsement after a backoff spread over blocks), which are final, and when `reconcile` turns a
// failure into the success it actually was.
import { Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import {
  CommitError,
  CommitStatusError,
  EndorseError,
  type Gateway,
  GatewayError,
  StatusCode,
} from '@hyperledger/fabric-gateway';
import { describe, expect, it } from 'vitest';
import { CommitFailedError, EndorsementRefusedError, GatewayFailureError } from '../fabric/errors.ts';
import type { TxProgress } from './txProgress.ts';
import {
  DEFAULT_MAX_ATTEMPTS,
  retryDelayMs,
  type SubmitRequest,
  TransactionSubmitter,
  transientConflictOf,
} from './transactionSubmitter.ts';

const encoder = new TextEncoder();

function serviceError(code: GrpcStatus, message: string): ServiceError {
  return Object.assign(new Error(message), { code, details: message, metadata: new Metadata() });
}

/** What the gateway says when the endorsers' responses differ (Fabric 2.5 internal/pkg/gateway). */
function mismatch(txId: string): EndorseError {
  return new EndorseError({
    code: GrpcStatus.ABORTED,
    message: 'failed to collect enough transaction endorsements, see attached details for more info',
    details: [{ address: '127.0.0.1:8051', mspId: 'ParentsMSP', message: 'ProposalResponsePayloads do not match' }],
    cause: serviceError(GrpcStatus.ABORTED, 'failed to collect enough transaction endorsements'),
    transactionId: txId,
  });
}

function refused(txId: string, coded: string): EndorseError {
  return new EndorseError({
    code: GrpcStatus.ABORTED,
    message: 'failed to endorse transaction, see attached details for more info',
    details: [{ address: '127.0.0.1:7051', mspId: 'HospitalMSP', message: `chaincode response 500, ${coded}` }],
    cause: serviceError(GrpcStatus.ABORTED, 'failed to endorse transaction'),
    transactionId: txId,
  });
}

/** One attempt's scripted outcome. */
type Outcome =
  | { kind: 'commit'; code: number }
  | { kind: 'endorse-error'; error: (txId: string) => Error }
  | { kind: 'submit-error' }
  | { kind: 'status-error' };

const committed: Outcome = { kind: 'commit', code: StatusCode.VALID };
const commitFails = (code: number): Outcome => ({ kind: 'commit', code });

/** A gateway whose every proposal plays the next scripted outcome. */
function scriptedGateway(outcomes: Outcome[]): { gateway: Gateway; proposals: string[] } {
  const proposals: string[] = [];
  let next = 0;
  const contract = {
    newProposal: () => {
      const txId = `tx${String(proposals.length + 1)}`.padEnd(64, '0');
      proposals.push(txId);
      const outcome = outcomes[next++] ?? committed;
      return {
        getTransactionId: () => txId,
        endorse: () => {
          if (outcome.kind === 'endorse-error') return Promise.reject(outcome.error(txId));
          return Promise.resolve({
            submit: () => {
              if (outcome.kind === 'submit-error') {
                // fabric-gateway exports SubmitError as a type only; its base class carries the same fields.
                return Promise.reject(
                  new GatewayError({
                    code: GrpcStatus.ABORTED,
                    details: [],
                    cause: serviceError(GrpcStatus.ABORTED, 'received unsuccessful response from orderer'),
                  }),
                );
              }
              return Promise.resolve({
                getResult: () => encoder.encode('{"ok":true}'),
                getStatus: () => {
                  if (outcome.kind === 'status-error') {
                    return Promise.reject(
                      new CommitStatusError({
                        code: GrpcStatus.DEADLINE_EXCEEDED,
                        details: [],
                        cause: serviceError(GrpcStatus.DEADLINE_EXCEEDED, 'deadline'),
                        transactionId: txId,
                      }),
                    );
                  }
                  const { code } = outcome;
                  return Promise.resolve({
                    blockNumber: 7n,
                    code,
                    successful: code === StatusCode.VALID,
                    transactionId: txId,
                  });
                },
              });
            },
          });
        },
      };
    },
  };
  const gateway = { getNetwork: () => ({ getContract: () => contract }) } as unknown as Gateway;
  return { gateway, proposals };
}

function submitterFor(
  outcomes: Outcome[],
  maxAttempts?: number,
): { submitter: TransactionSubmitter; proposals: string[]; delays: number[]; progress: TxProgress[] } {
  const { gateway, proposals } = scriptedGateway(outcomes);
  const delays: number[] = [];
  const progress: TxProgress[] = [];
  const submitter = new TransactionSubmitter({
    connection: {
      withGateway: (fn) => fn(gateway),
      caller: { mspId: 'HospitalMSP', notAfter: '2099-01-01T00:00:00Z' },
    },
    onProgress: (p) => progress.push(p),
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
  });
  return { submitter, proposals, delays, progress };
}

const request = (extra: Partial<SubmitRequest> = {}): SubmitRequest => ({
  channel: 'medical',
  chaincode: 'medical',
  transactionName: 'RecordMeasurement',
  arguments: ['child-1', 'entry-1', '{}'],
  ...extra,
});

describe('transientConflictOf', () => {
  it('names the three transient conflicts from fabric-gateway’s error classes', () => {
    const commit = (code: number): CommitError => new CommitError({ code: code as never, transactionId: 'tx' });
    expect(transientConflictOf(commit(StatusCode.MVCC_READ_CONFLICT))).toBe('MVCC_READ_CONFLICT');
    expect(transientConflictOf(commit(StatusCode.PHANTOM_READ_CONFLICT))).toBe('PHANTOM_READ_CONFLICT');
    expect(transientConflictOf(mismatch('tx'))).toBe('ENDORSEMENT_MISMATCH');
  });

  it('leaves every other failure alone', () => {
    const commit = (code: number): CommitError => new CommitError({ code: code as never, transactionId: 'tx' });
    expect(transientConflictOf(commit(StatusCode.ENDORSEMENT_POLICY_FAILURE))).toBeNull();
    expect(transientConflictOf(commit(StatusCode.DUPLICATE_TXID))).toBeNull();
    expect(transientConflictOf(refused('tx', 'CONFLICT: card entry e-1 already exists'))).toBeNull();
    expect(transientConflictOf(new Error('ProposalResponsePayloads do not match'))).toBeNull();
  });
});

describe('retryDelayMs', () => {
  it('waits at least half a block and spreads retries over a window that doubles per attempt, capped', () => {
    expect(
      [1, 2, 3, 4, 5, 9].map((attempt) => [retryDelayMs(attempt, () => 0), retryDelayMs(attempt, () => 0.999)]),
    ).toEqual([
      [125, 249],
      [250, 499],
      [500, 999],
      [1000, 1999],
      [1000, 1999],
      [1000, 1999],
    ]);
  });
});

describe('TransactionSubmitter retries', () => {
  const transient: [string, Outcome][] = [
    ['MVCC_READ_CONFLICT', commitFails(StatusCode.MVCC_READ_CONFLICT)],
    ['PHANTOM_READ_CONFLICT', commitFails(StatusCode.PHANTOM_READ_CONFLICT)],
    ['ProposalResponsePayloads do not match', { kind: 'endorse-error', error: mismatch }],
  ];
  it.each(transient)('%s: endorses again with a new transaction after a backoff, and commits', async (_, failure) => {
    const { submitter, proposals, delays, progress } = submitterFor([failure, failure, committed]);
    const result = await submitter.submit(request());
    expect(proposals).toHaveLength(3);
    expect(result.txId).toBe(proposals[2]);
    expect(result.blockNumber).toBe(7n);
    expect(delays).toEqual([retryDelayMs(1, () => 0.5), retryDelayMs(2, () => 0.5)]);
    expect(progress.filter((p) => p.stage === 'committed').map((p) => p.attempt)).toEqual([3]);
  });

  it('gives up after maxAttempts with the last failure', async () => {
    const { submitter, proposals } = submitterFor(
      Array.from({ length: 9 }, () => commitFails(StatusCode.MVCC_READ_CONFLICT)),
    );
    await expect(submitter.submit(request())).rejects.toBeInstanceOf(CommitFailedError);
    expect(proposals).toHaveLength(DEFAULT_MAX_ATTEMPTS);
  });

  it('does not retry final failures: a chaincode refusal, an invalid endorsement, an unreachable orderer', async () => {
    const refusal = submitterFor([{ kind: 'endorse-error', error: (tx) => refused(tx, 'FORBIDDEN: no agreement') }]);
    await expect(refusal.submitter.submit(request())).rejects.toBeInstanceOf(EndorsementRefusedError);
    expect(refusal.proposals).toHaveLength(1);
    const policy = submitterFor([commitFails(StatusCode.ENDORSEMENT_POLICY_FAILURE)]);
    await expect(policy.submitter.submit(request())).rejects.toBeInstanceOf(CommitFailedError);
    expect(policy.proposals).toHaveLength(1);
    const orderer = submitterFor([{ kind: 'submit-error' }]);
    await expect(orderer.submitter.submit(request())).rejects.toBeInstanceOf(GatewayFailureError);
    expect(orderer.proposals).toHaveLength(1);
  });
});

describe('TransactionSubmitter reconcile', () => {
  it('an unknown outcome that did commit is a success, without a second transaction', async () => {
    const { submitter, proposals } = submitterFor([{ kind: 'status-error' }]);
    const result = await submitter.submit(request({ reconcile: () => Promise.resolve(encoder.encode('{"same":1}')) }));
    expect(proposals).toHaveLength(1);
    expect(result).toEqual({ result: encoder.encode('{"same":1}'), txId: proposals[0], blockNumber: null });
  });

  it('CONFLICT for an id that already holds the same content is the earlier try’s success', async () => {
    const duplicate: Outcome = {
      kind: 'endorse-error',
      error: (tx) => refused(tx, 'CONFLICT: card entry e-1 already exists'),
    };
    const same = submitterFor([duplicate]);
    const value = encoder.encode('{"entryId":"e-1"}');
    expect((await same.submitter.submit(request({ reconcile: () => Promise.resolve(value) }))).result).toEqual(value);
    // Different content under the id: a real conflict, reported as the chaincode's refusal.
    const other = submitterFor([duplicate]);
    await expect(other.submitter.submit(request({ reconcile: () => Promise.resolve(null) }))).rejects.toMatchObject({
      chaincodeCode: 'CONFLICT',
    });
  });

  it('asks reconcile before each retry, so a concurrent twin is not done twice', async () => {
    const { submitter, proposals } = submitterFor([commitFails(StatusCode.MVCC_READ_CONFLICT), committed]);
    let checks = 0;
    const result = await submitter.submit(
      request({
        reconcile: () => {
          checks += 1;
          return Promise.resolve(encoder.encode('{"twin":true}'));
        },
      }),
    );
    expect(checks).toBe(1);
    expect(proposals).toHaveLength(1);
    expect(result.blockNumber).toBeNull();
  });
});
