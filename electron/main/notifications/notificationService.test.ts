// The notification service's failure handling, on a scripted chain of events: a batch the network cannot answer
// about right now is asked about again from the checkpoint (each failure built as fabric-gateway reports it, then
// mapped as the app maps it), a final answer skips only its own batch, and nothing is notified twice.
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { GatewayError, type ChaincodeEvent, type Checkpoint, type Gateway } from '@hyperledger/fabric-gateway';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { toFabricError } from '../fabric/errorMapping.ts';
import { NotConnectedError, UnexpectedResponseError } from '../fabric/errors.ts';
import type { Notice } from '../workflow/schemas.ts';
import type { UserNotification } from './notification.ts';
import { isFinalAnswer, listenRetryDelayMs, NotificationService } from './notificationService.ts';

const call = {
  transactionName: 'ListMyNotices',
  caller: { mspId: 'ParentsMSP', notAfter: '2027-01-01T00:00:00.000Z' },
};

/** A gateway error as fabric-gateway builds it from the peer's gRPC status, mapped as the app maps it. */
function mapped(code: number, message: string, details: string[] = []): Error {
  const error = new GatewayError({
    code,
    message: `${String(code)} ${GrpcStatus[code] ?? ''}: ${message}`,
    details: details.map((text) => ({ address: 'peer0.hospital:7051', mspId: 'HospitalMSP', message: text })),
    cause: new Error(message) as ServiceError,
  });
  return toFabricError(error, call);
}

/** Failures that may pass: the batch must be asked about again. */
const MAY_PASS: [string, () => Error][] = [
  ['the gateway peer unreachable', () => mapped(GrpcStatus.UNAVAILABLE, 'connection refused')],
  [
    'the chaincode service not answering',
    () =>
      mapped(
        GrpcStatus.UNKNOWN,
        'evaluate call to endorser returned error: timeout expired while executing transaction',
      ),
  ],
  ['the gateway’s evaluate deadline', () => mapped(GrpcStatus.DEADLINE_EXCEEDED, 'evaluate timeout expired')],
  [
    'no endorsing peer of an organisation',
    () => mapped(GrpcStatus.UNAVAILABLE, 'failed to find any endorsing peers for org(s): HospitalMSP'),
  ],
  [
    'the topology settling after a restart',
    () => mapped(GrpcStatus.UNAVAILABLE, 'no combination of peers can be derived which satisfy the endorsement policy'),
  ],
  [
    'an expired certificate (until it is renewed)',
    () => mapped(GrpcStatus.UNKNOWN, 'chaincode response 500, CERTIFICATE_EXPIRED: expired at the transaction time'),
  ],
  ['the chaincode’s NOT_FOUND', () => mapped(GrpcStatus.UNKNOWN, 'chaincode response 500, NOT_FOUND: no such thing')],
  ['no connection', () => new NotConnectedError('The connection was closed')],
  ['anything unknown', () => new TypeError('something broke')],
];

/** Final answers: the same batch would get the same answer. */
const FINAL: [string, () => Error][] = [
  [
    'the chaincode calling the question malformed',
    () => mapped(GrpcStatus.UNKNOWN, 'chaincode response 500, INVALID_ARGUMENT: txIdsJson: too many'),
  ],
  ['an answer the app does not understand', () => new UnexpectedResponseError('ListMyNotices returned data')],
];

const txIdOf = (n: number): string => n.toString(16).padStart(64, '0');

/** A channel's chaincode events, delivered from a checkpoint as a peer's gateway delivers them. */
class ScriptedChain {
  readonly events: ChaincodeEvent[] = [];
  readonly #waiting = new Set<() => void>();

  append(blockNumber: number, count: number): string[] {
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const transactionId = txIdOf(this.events.length + 1);
      ids.push(transactionId);
      this.events.push({
        blockNumber: BigInt(blockNumber),
        transactionId,
        chaincodeName: 'medical',
        eventName: 'Notice',
        payload: new Uint8Array(),
      });
    }
    for (const wake of this.#waiting) wake();
    return ids;
  }

  /** The events after `checkpoint` (all of them without one), then waits for more until closed. */
  stream(checkpoint: Checkpoint): AsyncIterable<ChaincodeEvent> & { close: () => void } {
    let closed = false;
    const wakeOnClose = new Set<() => void>();
    const start = checkpoint.getBlockNumber();
    const after = checkpoint.getTransactionId();
    let index = this.events.findIndex((e) =>
      start === undefined ? true : e.blockNumber > start || (e.blockNumber === start && after === undefined),
    );
    if (start !== undefined && after !== undefined) {
      index = this.events.findIndex((e) => e.transactionId === after) + 1;
    }
    if (index < 0) index = this.events.length;
    const chain = this.events;
    const waiting = this.#waiting;
    async function* iterate(): AsyncGenerator<ChaincodeEvent> {
      while (!closed) {
        const event = chain[index];
        if (event !== undefined) {
          index += 1;
          yield event;
          continue;
        }
        await new Promise<void>((resolve) => {
          waiting.add(resolve);
          wakeOnClose.add(resolve);
        });
      }
    }
    return Object.assign(iterate(), {
      close: () => {
        closed = true;
        for (const wake of wakeOnClose) wake();
      },
    });
  }
}

/** ListMyNotices on the scripted chain: every transaction in `mine` is a notice for the caller. */
class ScriptedReader {
  readonly mine = new Set<string>();
  /** Thrown, in order, by the next calls. */
  readonly failures: Error[] = [];
  readonly asked: string[][] = [];

  async listMyNotices(txIds: readonly string[]): Promise<Notice[]> {
    await Promise.resolve();
    this.asked.push([...txIds]);
    const failure = this.failures.shift();
    if (failure !== undefined) throw failure;
    return txIds.filter((txId) => this.mine.has(txId)).map((txId) => ({ txId, kind: 'agreement-accepted', refs: {} }));
  }
}

let dir: string;
let chain: ScriptedChain;
let reader: ScriptedReader;
let notified: UserNotification[];
let errors: unknown[];
let pauses: number[];
let service: NotificationService | undefined;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pediledger-notices-'));
  chain = new ScriptedChain();
  reader = new ScriptedReader();
  notified = [];
  errors = [];
  pauses = [];
});

afterEach(async () => {
  await service?.stop();
  service = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function startService(): Promise<void> {
  const gateway = {
    getNetwork: () => ({
      getChaincodeEvents: (_name: string, options: { checkpoint: Checkpoint }) =>
        Promise.resolve(chain.stream(options.checkpoint)),
    }),
  } as unknown as Gateway;
  service = new NotificationService({
    connection: { identityId: 'parent-carla', withGateway: (fn) => fn(gateway) },
    channels: ['medical'],
    readers: { medical: reader, report: reader },
    checkpointDir: dir,
    onNotification: (n) => notified.push(n),
    onError: (e) => errors.push(e),
    retryDelayMs: 1_000,
    maxRetryDelayMs: 8_000,
    sleep: async (ms) => {
      pauses.push(ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
  });
  await service.start();
}

/** Waits (in event-loop turns, not time) until `predicate` holds. */
async function settle(predicate: () => boolean): Promise<void> {
  for (let turn = 0; turn < 10_000 && !predicate(); turn++) await new Promise((resolve) => setImmediate(resolve));
  expect(predicate()).toBe(true);
}

describe('isFinalAnswer', () => {
  it.each(MAY_PASS)('%s may pass', (_, failure) => {
    expect(isFinalAnswer(failure())).toBe(false);
  });
  it.each(FINAL)('%s is final', (_, failure) => {
    expect(isFinalAnswer(failure())).toBe(true);
  });
});

describe('listenRetryDelayMs', () => {
  it('doubles from the first pause per failure in a row, up to the longest', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => listenRetryDelayMs(n, 1_000, 8_000))).toEqual([
      1_000, 2_000, 4_000, 8_000, 8_000, 8_000,
    ]);
  });
});

describe('NotificationService', () => {
  it.each(MAY_PASS)('asks about a batch again after %s, and notifies each notice exactly once', async (_, failure) => {
    const [first, second] = chain.append(5, 2);
    reader.mine.add(first ?? '').add(second ?? '');
    reader.failures.push(failure(), failure());
    await startService();
    await settle(() => notified.length === 2);
    expect(notified.map((n) => n.id)).toEqual([first, second]);
    expect(reader.asked).toEqual([
      [first, second],
      [first, second],
      [first, second],
    ]);
    expect(errors).toHaveLength(2);
    expect(pauses).toEqual([1_000, 2_000]);

    // The checkpoint is past the batch: a restart asks about the next event only.
    await service?.stop();
    const [third] = chain.append(6, 1);
    reader.mine.add(third ?? '');
    await startService();
    await settle(() => notified.length === 3);
    expect(reader.asked.at(-1)).toEqual([third]);
    expect(notified.map((n) => n.id)).toEqual([first, second, third]);
  });

  it.each(FINAL)('skips only the batch of %s, reporting it, and goes on', async (_, failure) => {
    const [skipped] = chain.append(5, 1);
    reader.mine.add(skipped ?? '');
    reader.failures.push(failure());
    await startService();
    await settle(() => reader.asked.length === 1);
    const [next] = chain.append(6, 1);
    reader.mine.add(next ?? '');
    await settle(() => notified.length === 1);
    expect(notified.map((n) => n.id)).toEqual([next]);
    expect(errors).toHaveLength(1);
    expect(pauses).toEqual([]);
  });

  it('starts the pauses again from the first after a batch succeeds', async () => {
    const [first] = chain.append(5, 1);
    reader.mine.add(first ?? '');
    reader.failures.push(...MAY_PASS.slice(0, 3).map(([, failure]) => failure()));
    await startService();
    await settle(() => notified.length === 1);
    const [second] = chain.append(6, 1);
    reader.mine.add(second ?? '');
    reader.failures.push(new TypeError('down again'));
    await settle(() => notified.length === 2);
    expect(pauses).toEqual([1_000, 2_000, 4_000, 1_000]);
  });

  it('starts from now after a torn checkpoint file, reporting it, rather than never starting', async () => {
    await writeFile(path.join(dir, 'parent-carla-medical.json'), '{"blockNumber":"1');
    await startService();
    const [next] = chain.append(6, 1);
    reader.mine.add(next ?? '');
    await settle(() => notified.length === 1);
    expect(errors.map((e) => (e as Error).name)).toEqual(['UnreadableCheckpointError']);
  });

  it('stops during a pause without waiting for it to end', async () => {
    chain.append(5, 1);
    const never = new Promise<never>(() => undefined);
    reader.failures.push(new TypeError('down'));
    service = new NotificationService({
      connection: {
        identityId: 'parent-carla',
        withGateway: (fn) =>
          fn({
            getNetwork: () => ({
              getChaincodeEvents: (_: string, o: { checkpoint: Checkpoint }) => chain.stream(o.checkpoint),
            }),
          } as unknown as Gateway),
      },
      channels: ['medical'],
      readers: { medical: reader, report: reader },
      checkpointDir: dir,
      onNotification: (n) => notified.push(n),
      sleep: () => never,
    });
    await service.start();
    await settle(() => reader.asked.length === 1);
    await service.stop();
    service = undefined;
    expect(notified).toEqual([]);
  });
});
