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
  type Status,
  StatusCode,
} from '@hyperledger/fabric-gateway';
import { SubmitError } from '@hyperledger/fabric-gateway/dist/submiterror.js';
import { common, gateway as gatewayProtos } from '@hyperledger/fabric-protos';
import { describe, expect, it } from 'vitest';
import {
  CommitFailedError,
  EndorsementRefusedError,
  NetworkSettlingError,
  OrderingServiceUnavailableError,
  OutcomeUnknownError,
} from '../fabric/errors.ts';
import type { CommitWatcher } from './commitWatcher.ts';
import type { TxProgress } from './txProgress.ts';
import {
  DEFAULT_MAX_ATTEMPTS,
  type InFlightTransaction,
  LAGGING_ENDORSER_ATTEMPTS,
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

/** A SubmitError as fabric-gateway's client builds it from the gateway's gRPC status. */
function submitError(txId: string, code: GrpcStatus, message: string, orderers: string[] = []): SubmitError {
  return new SubmitError({
    code,
    message: `${String(code)} ${GrpcStatus[code]}: ${message}`,
    details: orderers.map((text, index) => ({
      address: `orderer${String(index)}:7050`,
      mspId: 'OrdererMSP',
      message: text,
    })),
    cause: serviceError(code, message),
    transactionId: txId,
  });
}

/** A CommitStatusError: the gateway peer did not give the status (deadline, or it died). */
function statusError(txId: string, code: GrpcStatus = GrpcStatus.DEADLINE_EXCEEDED): CommitStatusError {
  return new CommitStatusError({
    code,
    details: [],
    cause: serviceError(code, code === GrpcStatus.UNAVAILABLE ? 'Connection dropped' : 'Deadline exceeded'),
    transactionId: txId,
  });
}

/** One attempt's scripted outcome on the gateway. */
type Outcome =
  | { kind: 'commit'; code: number }
  | { kind: 'endorse-error'; error: (txId: string) => Error }
  | { kind: 'submit-error'; error: (txId: string) => Error }
  | { kind: 'status-error' };

const committed: Outcome = { kind: 'commit', code: StatusCode.VALID };
const commitFails = (code: number): Outcome => ({ kind: 'commit', code });
const statusLost: Outcome = { kind: 'status-error' };

const status = (txId: string, code: number): Status => ({
  blockNumber: 7n,
  code: code as never,
  successful: code === StatusCode.VALID,
  transactionId: txId,
});

/** What another peer of the profile knows of a transaction id: its status, or nothing (it throws). */
type PeerAnswer = { kind: 'status'; code: number } | { kind: 'silent' };

/**
 * Another gateway peer: answers the signed commit-status request and the re-submitted signed transaction from
 * `answer`, recording what it was asked (`commit:<txId>`, `resubmit:<txId>`).
 */
function otherPeer(answer: PeerAnswer, asked: string[]): Gateway {
  const reply = (txId: string): Promise<Status> =>
    answer.kind === 'status' ? Promise.resolve(status(txId, answer.code)) : Promise.reject(statusError(txId));
  const signed = (signature: Uint8Array): void => {
    // The same signature as the original: the same signed bytes, never a new transaction.
    expect(signature).toEqual(SIGNATURE);
  };
  return {
    newSignedCommit: (bytes: Uint8Array, signature: Uint8Array) => {
      signed(signature);
      const request = gatewayProtos.SignedCommitStatusRequest.deserializeBinary(bytes).getRequest_asU8();
      const txId = gatewayProtos.CommitStatusRequest.deserializeBinary(request).getTransactionId();
      return {
        getStatus: () => {
          asked.push(`commit:${txId}`);
          return reply(txId);
        },
      };
    },
    newSignedTransaction: (bytes: Uint8Array, signature: Uint8Array) => {
      signed(signature);
      const txId = gatewayProtos.PreparedTransaction.deserializeBinary(bytes).getTransactionId();
      return {
        submit: () => {
          asked.push(`resubmit:${txId}`);
          return Promise.resolve({ getStatus: () => reply(txId) });
        },
      };
    },
  } as unknown as Gateway;
}

const SIGNATURE = new Uint8Array([48, 69, 2, 33]);

/** A signed prepared transaction's bytes, as fabric-gateway's Transaction.getBytes() gives them once signed. */
function preparedTransaction(txId: string): Uint8Array {
  const envelope = new common.Envelope();
  envelope.setSignature(SIGNATURE);
  const prepared = new gatewayProtos.PreparedTransaction();
  prepared.setTransactionId(txId);
  prepared.setEnvelope(envelope);
  return prepared.serializeBinary();
}

/** A signed commit-status request's bytes, as SubmittedTransaction.getBytes() gives them after getStatus. */
function commitStatusRequest(txId: string): Uint8Array {
  const request = new gatewayProtos.CommitStatusRequest();
  request.setTransactionId(txId);
  const signed = new gatewayProtos.SignedCommitStatusRequest();
  signed.setRequest(request.serializeBinary());
  signed.setSignature(SIGNATURE);
  return signed.serializeBinary();
}

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
            getTransactionId: () => txId,
            getResult: () => encoder.encode('{"ok":true}'),
            getBytes: () => preparedTransaction(txId),
            submit: () => {
              if (outcome.kind === 'submit-error') return Promise.reject(outcome.error(txId));
              return Promise.resolve({
                getBytes: () => commitStatusRequest(txId),
                getStatus: () => {
                  if (outcome.kind === 'status-error') return Promise.reject(statusError(txId));
                  return Promise.resolve(status(txId, outcome.code));
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

/** A watcher that only records what it was given. */
function recordingWatcher(): CommitWatcher & { watched: InFlightTransaction[]; closed: boolean } {
  const watched: InFlightTransaction[] = [];
  return {
    watched,
    closed: false,
    watch: (tx) => watched.push(tx),
    get pending() {
      return watched.map((tx) => tx.txId);
    },
    close() {
      this.closed = true;
    },
  };
}

function submitterFor(
  outcomes: Outcome[],
  maxAttempts?: number,
  others: PeerAnswer[] = [],
): {
  submitter: TransactionSubmitter;
  proposals: string[];
  delays: number[];
  progress: TxProgress[];
  asked: string[];
  watcher: ReturnType<typeof recordingWatcher>;
} {
  const { gateway, proposals } = scriptedGateway(outcomes);
  const delays: number[] = [];
  const progress: TxProgress[] = [];
  const asked: string[] = [];
  const watcher = recordingWatcher();
  const peers = others.map((answer) => otherPeer(answer, asked));
  const submitter = new TransactionSubmitter({
    connection: {
      withGateway: (fn) => fn(gateway),
      // As FabricConnection does: each peer in turn until one answers; a peer that throws is skipped.
      askEachPeer: async (fn) => {
        for (const peer of peers) {
          try {
            const answer = await fn(peer);
            if (answer !== undefined) return answer;
          } catch {
            // next peer
          }
        }
        return undefined;
      },
      caller: { mspId: 'HospitalMSP', notAfter: '2099-01-01T00:00:00Z' },
    },
    onProgress: (p) => progress.push(p),
    sleep: (ms) => {
      delays.push(ms);
      return Promise.resolve();
    },
    random: () => 0.5,
    watcher,
    ...(maxAttempts === undefined ? {} : { maxAttempts }),
  });
  return { submitter, proposals, delays, progress, asked, watcher };
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
    expect(result).toEqual({ value: encoder.encode('{"ok":true}'), txId: proposals[2] });
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

  it('does not retry final failures: a chaincode refusal, an invalid endorsement, no orderer available', async () => {
    const refusal = submitterFor([{ kind: 'endorse-error', error: (tx) => refused(tx, 'FORBIDDEN: no agreement') }]);
    await expect(refusal.submitter.submit(request())).rejects.toBeInstanceOf(EndorsementRefusedError);
    expect(refusal.proposals).toHaveLength(1);
    const policy = submitterFor([commitFails(StatusCode.ENDORSEMENT_POLICY_FAILURE)]);
    await expect(policy.submitter.submit(request())).rejects.toBeInstanceOf(CommitFailedError);
    expect(policy.proposals).toHaveLength(1);
    const orderer = submitterFor([
      { kind: 'submit-error', error: (tx) => submitError(tx, GrpcStatus.UNAVAILABLE, 'no orderer nodes available') },
    ]);
    await expect(orderer.submitter.submit(request())).rejects.toBeInstanceOf(OrderingServiceUnavailableError);
    expect(orderer.proposals).toHaveLength(1);
    expect(orderer.watcher.watched).toEqual([]);
  });
});

describe('TransactionSubmitter reconcile', () => {
  it('an unknown outcome that reconcile finds done is a success, without a second transaction', async () => {
    const { submitter, proposals } = submitterFor([statusLost]);
    const result = await submitter.submit(request({ reconcile: () => Promise.resolve(encoder.encode('{"same":1}')) }));
    expect(proposals).toHaveLength(1);
    expect(result).toEqual({ value: encoder.encode('{"same":1}'), txId: proposals[0] });
  });

  it('CONFLICT for an id that already holds the same content is the earlier try’s success', async () => {
    const duplicate: Outcome = {
      kind: 'endorse-error',
      error: (tx) => refused(tx, 'CONFLICT: card entry e-1 already exists'),
    };
    const same = submitterFor([duplicate]);
    const value = encoder.encode('{"entryId":"e-1"}');
    expect((await same.submitter.submit(request({ reconcile: () => Promise.resolve(value) }))).value).toEqual(value);
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
    expect(result).toEqual({ value: encoder.encode('{"twin":true}'), txId: proposals[0] });
  });
});

describe('TransactionSubmitter: the submit path, case by case', () => {
  it('endorse fails at the gateway peer: nothing was ordered, no re-check, the refusal as it is', async () => {
    const { submitter, asked, watcher, progress } = submitterFor(
      [{ kind: 'endorse-error', error: (tx) => refused(tx, 'FORBIDDEN: no active agreement') }],
      undefined,
      [{ kind: 'status', code: StatusCode.VALID }],
    );
    await expect(submitter.submit(request())).rejects.toMatchObject({ code: 'ENDORSEMENT_REFUSED' });
    expect(asked).toEqual([]);
    expect(watcher.watched).toEqual([]);
    expect(progress.map((p) => p.stage)).toEqual(['endorsing', 'failed']);
    expect(progress[1]?.txId).toBe(progress[0]?.txId);
  });

  it('submit refused by every orderer (ABORTED with their details): nothing ordered, ORDERING_SERVICE_UNAVAILABLE', async () => {
    const { submitter, asked } = submitterFor(
      [
        {
          kind: 'submit-error',
          error: (tx) =>
            submitError(tx, GrpcStatus.ABORTED, 'received unsuccessful response from orderer', [
              'received unsuccessful response from orderer: status=SERVICE_UNAVAILABLE',
            ]),
        },
      ],
      undefined,
      [{ kind: 'status', code: StatusCode.VALID }],
    );
    const error = await submitter.submit(request()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OrderingServiceUnavailableError);
    expect((error as Error).message).not.toMatch(/ABORTED|SERVICE_UNAVAILABLE/);
    expect(asked).toEqual([]);
  });

  it('submit times out (the orderer may have it): the same signed transaction is sent again elsewhere, committed', async () => {
    const { submitter, proposals, asked, progress } = submitterFor(
      [
        {
          kind: 'submit-error',
          error: (tx) =>
            submitError(
              tx,
              GrpcStatus.DEADLINE_EXCEEDED,
              'submit timeout expired while broadcasting to ordering service',
            ),
        },
      ],
      undefined,
      [{ kind: 'status', code: StatusCode.VALID }],
    );
    const result = await submitter.submit(request());
    expect(proposals).toHaveLength(1);
    expect(asked).toEqual([`resubmit:${proposals[0] ?? ''}`]);
    expect(result).toEqual({ value: encoder.encode('{"ok":true}'), txId: proposals[0] });
    expect(progress.at(-1)).toMatchObject({ stage: 'committed', txId: proposals[0] });
  });

  it('commit status times out: another peer gives the status of the same transaction id, committed', async () => {
    const { submitter, proposals, asked } = submitterFor([statusLost], undefined, [
      { kind: 'silent' },
      { kind: 'status', code: StatusCode.VALID },
    ]);
    const result = await submitter.submit(request());
    const id = proposals[0] ?? '';
    // The silent peer is asked for the status, then given the same transaction again; the next one knows it.
    expect(asked).toEqual([`commit:${id}`, `resubmit:${id}`, `commit:${id}`]);
    expect(result.txId).toBe(id);
    expect(proposals).toHaveLength(1);
  });

  it('commit status fails and another peer says invalid (MVCC): a fresh endorsement, committed', async () => {
    const { submitter, proposals } = submitterFor([statusLost, committed], undefined, [
      { kind: 'status', code: StatusCode.MVCC_READ_CONFLICT },
    ]);
    const result = await submitter.submit(request());
    expect(proposals).toHaveLength(2);
    expect(result.txId).toBe(proposals[1]);
  });

  it('commit invalid at the gateway peer (ENDORSEMENT_POLICY_FAILURE): COMMIT_FAILED with the code name', async () => {
    const { submitter } = submitterFor([commitFails(StatusCode.ENDORSEMENT_POLICY_FAILURE)]);
    await expect(submitter.submit(request())).rejects.toMatchObject({
      code: 'COMMIT_FAILED',
      details: { validationCodeName: 'ENDORSEMENT_POLICY_FAILURE' },
    });
  });

  it('no peer can tell and reconcile does not find it: OUTCOME_UNKNOWN with the txId, watched, never "nothing changed"', async () => {
    const { submitter, proposals, watcher, progress } = submitterFor([statusLost], undefined, [{ kind: 'silent' }]);
    const error = await submitter.submit(request({ reconcile: () => Promise.resolve(null) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    expect(error).toMatchObject({ code: 'OUTCOME_UNKNOWN', txId: proposals[0] });
    expect((error as Error).message).not.toMatch(/nothing/i);
    expect(proposals).toHaveLength(1); // never a second, different transaction
    expect(watcher.watched.map((tx) => tx.txId)).toEqual([proposals[0]]);
    expect(progress.at(-1)).toMatchObject({ stage: 'unconfirmed', txId: proposals[0] });
    // The session closing stops the background re-checks, so no verdict reaches another identity's window.
    expect(watcher.closed).toBe(false);
    submitter.close();
    expect(watcher.closed).toBe(true);
  });

  it('a connection dropped during submit is an unknown outcome, not "offline"', async () => {
    const { submitter } = submitterFor([
      { kind: 'submit-error', error: (tx) => submitError(tx, GrpcStatus.UNAVAILABLE, 'Connection dropped') },
    ]);
    await expect(submitter.submit(request())).rejects.toMatchObject({ code: 'OUTCOME_UNKNOWN' });
  });
});

describe('TransactionSubmitter: transient network states', () => {
  const settling = (): GatewayError =>
    new GatewayError({
      code: GrpcStatus.UNAVAILABLE,
      message:
        '14 UNAVAILABLE: no combination of peers can be derived which satisfy the endorsement policy: required chaincodes are not installed on sufficient peers',
      details: [],
      cause: serviceError(GrpcStatus.UNAVAILABLE, 'no combination'),
    });

  it('retries "no combination of peers" with backoff, then commits', async () => {
    const { submitter, proposals, delays } = submitterFor([
      { kind: 'endorse-error', error: settling },
      { kind: 'endorse-error', error: settling },
      committed,
    ]);
    await submitter.submit(request());
    expect(proposals).toHaveLength(3);
    expect(delays).toHaveLength(2);
  });

  it('shows NETWORK_SETTLING once the retries are spent', async () => {
    const { submitter, proposals } = submitterFor(
      Array.from({ length: 9 }, (): Outcome => ({ kind: 'endorse-error', error: settling })),
    );
    await expect(submitter.submit(request())).rejects.toBeInstanceOf(NetworkSettlingError);
    expect(proposals).toHaveLength(DEFAULT_MAX_ATTEMPTS);
  });

  it('retries a lagging endorser’s NOT_FOUND a bounded number of times', async () => {
    const notFound: Outcome = {
      kind: 'endorse-error',
      error: (tx) => refused(tx, 'NOT_FOUND: agreement a-1 does not exist'),
    };
    const lagging = submitterFor([notFound, committed]);
    await lagging.submitter.submit(request());
    expect(lagging.proposals).toHaveLength(2);
    const absent = submitterFor(Array.from({ length: 9 }, () => notFound));
    await expect(absent.submitter.submit(request())).rejects.toBeInstanceOf(EndorsementRefusedError);
    expect(absent.proposals).toHaveLength(LAGGING_ENDORSER_ATTEMPTS);
  });
});
