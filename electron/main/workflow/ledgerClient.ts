// The one place the workflow talks to chaincode: one client per chaincode (channel, chaincode, endorsing
// organisations per transaction) for evaluations (with failover and bounded retries of transient answers) and
// submissions (through the submitter), both decoding the chaincode's JSON answers with a schema.
import { setTimeout as sleep } from 'node:timers/promises';
import type { z } from 'zod';
import { safeIssues } from '@pediledger/domain';
import type { AppError } from '../../../shared/errors.ts';
import type { Committed } from '../../../shared/ipc/dto/workflow.ts';
import { toFabricError } from '../fabric/errorMapping.ts';
import { UnexpectedResponseError } from '../fabric/errors.ts';
import type { FabricConnection } from '../fabric/fabricConnection.ts';
import { LIMITS, page } from './schemas.ts';
import {
  LAGGING_ENDORSER_ATTEMPTS,
  retryDelayMs,
  transientStateOf,
  type TransactionSubmitter,
} from './transactionSubmitter.ts';

const decoder = new TextDecoder();

/**
 * Decodes chaincode JSON with `schema`; anything else means app and chaincode disagree. The error names fields and
 * rules only (the answer is a child's record); JSON.parse's error, which quotes the text, stays the `cause`, which the
 * log describes without its message.
 */
export function decodeJson<S extends z.ZodType>(schema: S, bytes: Uint8Array, what: string): z.output<S> {
  let json: unknown;
  try {
    json = JSON.parse(decoder.decode(bytes));
  } catch (cause) {
    throw new UnexpectedResponseError(`${what} returned something that is not JSON`, { cause });
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    throw new UnexpectedResponseError(`${what} returned data the app does not understand`, {
      details: { issues: safeIssues(parsed.error, schema, 5).map((issue) => `${issue.path}: ${issue.message}`) },
    });
  }
  return parsed.data;
}

/** How a {@link ChaincodeClient} reaches the network. */
export interface ChaincodeClientOptions<Tx extends string> {
  connection: Pick<FabricConnection, 'withGateway' | 'caller' | 'mspId'>;
  submitter: Pick<TransactionSubmitter, 'submit'>;
  channel: string;
  chaincode: string;
  /**
   * The organisations whose peers must endorse each submitted transaction (the chaincode's endorsement map; null: the
   * gateway plans from the chaincode's policy).
   */
  endorsers: Readonly<Record<Tx, readonly string[] | null>>;
  /** Tries of an evaluation that met a transient answer (default 3); waits as the submitter does. */
  evaluateAttempts?: number;
  sleep?: (ms: number) => Promise<unknown>;
}

/** Options of one evaluation. */
export interface EvaluateOptions {
  /**
   * Organisations whose peers must answer. Reads of private data name the caller's own org: its peer holds exactly
   * the collections the caller may read, whichever peer is the gateway after a failover.
   */
  targetOrganizations?: readonly string[];
  /**
   * Whether NOT_FOUND is retried (default true): the answering peer may not have committed a record another peer
   * committed a moment ago. False where "absent" is an expected answer (a reconcile's existence check).
   */
  retryNotFound?: boolean;
}

/** Options of one submission. */
export interface SubmitOptions<T> {
  /**
   * Finds out whether this change already took effect (an earlier try whose outcome was unknown, the user's earlier
   * click, a concurrent twin): the record as the chaincode would return it, or null. See {@link SubmitRequest}.
   */
  reconcile?: () => Promise<T | null>;
  /** Private inputs for the endorsers only. */
  transientData?: Readonly<Record<string, Uint8Array>>;
}

/**
 * One chaincode as the workflows use it: typed evaluations and submissions, arguments already validated by the
 * caller, answers decoded with the shared schemas.
 */
export interface ChaincodeClient<Tx extends string> {
  /** The MSP id of the connected identity (reads of the caller's own private data target it). */
  readonly mspId: string;
  /**
   * Evaluates a read-only transaction and decodes its answer; a transient answer (topology still settling, a lagging
   * peer's NOT_FOUND) is retried with bounded backoff first.
   * @throws the {@link toFabricError} mapping of the last failure; UnexpectedResponseError for an undecodable answer.
   */
  evaluate<S extends z.ZodType>(
    transactionName: string,
    args: readonly string[],
    schema: S,
    options?: Readonly<EvaluateOptions>,
  ): Promise<z.output<S>>;
  /**
   * Every item of a paged list (the chaincode's `{items, bookmark}` answers, `pageSize` and `bookmark` as the last two
   * arguments), following bookmarks page by page: each answer stays within the chaincode's page limits however long
   * the list, and the caller gets the whole list.
   */
  evaluateAllPages<S extends z.ZodType>(
    transactionName: string,
    item: S,
    args?: readonly string[],
  ): Promise<z.output<S>[]>;
  /**
   * Submits a transaction endorsed by its organisations from the endorsement map, waits for its commit and decodes
   * the answer.
   * @throws see {@link TransactionSubmitter.submit}; UnexpectedResponseError for an undecodable answer.
   */
  submit<S extends z.ZodType>(
    transactionName: Tx,
    args: readonly string[],
    schema: S,
    options?: Readonly<SubmitOptions<object>>,
  ): Promise<Committed<z.output<S>>>;
}

/** A {@link ChaincodeClient} for one chaincode. */
export function newChaincodeClient<Tx extends string>(
  options: Readonly<ChaincodeClientOptions<Tx>>,
): ChaincodeClient<Tx> {
  return new ChaincodeClientImpl(options);
}

const encoder = new TextEncoder();

class ChaincodeClientImpl<Tx extends string> implements ChaincodeClient<Tx> {
  readonly #options: Readonly<ChaincodeClientOptions<Tx>>;
  readonly #attempts: number;
  readonly #sleep: (ms: number) => Promise<unknown>;

  constructor(options: Readonly<ChaincodeClientOptions<Tx>>) {
    this.#options = options;
    this.#attempts = options.evaluateAttempts ?? LAGGING_ENDORSER_ATTEMPTS;
    this.#sleep = options.sleep ?? sleep;
  }

  get mspId(): string {
    return this.#options.connection.mspId;
  }

  async evaluate<S extends z.ZodType>(
    transactionName: string,
    args: readonly string[],
    schema: S,
    options: Readonly<EvaluateOptions> = {},
  ): Promise<z.output<S>> {
    const { channel, chaincode, connection } = this.#options;
    for (let attempt = 1; ; attempt++) {
      let bytes: Uint8Array;
      try {
        bytes = await connection.withGateway(
          (gateway) =>
            gateway
              .getNetwork(channel)
              .getContract(chaincode)
              .evaluate(transactionName, {
                arguments: [...args],
                ...(options.targetOrganizations === undefined
                  ? {}
                  : { endorsingOrganizations: [...options.targetOrganizations] }),
              }),
          { retryOnUnreachable: true },
        );
      } catch (thrown) {
        const error = toFabricError(thrown, { transactionName, caller: connection.caller });
        if (attempt >= this.#attempts || !this.#transient(thrown, error, options)) throw error;
        await this.#sleep(retryDelayMs(attempt));
        continue;
      }
      return decodeJson(schema, bytes, transactionName);
    }
  }

  #transient(thrown: unknown, error: AppError, options: Readonly<EvaluateOptions>): boolean {
    const state = transientStateOf(thrown, error);
    return state === 'SETTLING_TOPOLOGY' || (state === 'LAGGING_ENDORSER' && options.retryNotFound !== false);
  }

  async evaluateAllPages<S extends z.ZodType>(
    transactionName: string,
    item: S,
    args: readonly string[] = [],
  ): Promise<z.output<S>[]> {
    const items: z.output<S>[] = [];
    let bookmark = '';
    do {
      const answer = await this.evaluate(transactionName, [...args, String(LIMITS.pageEntries), bookmark], page(item));
      items.push(...(answer.items as z.output<S>[]));
      bookmark = answer.bookmark;
    } while (bookmark !== '');
    return items;
  }

  async submit<S extends z.ZodType>(
    transactionName: Tx,
    args: readonly string[],
    schema: S,
    options: Readonly<SubmitOptions<object>> = {},
  ): Promise<Committed<z.output<S>>> {
    const { channel, chaincode, endorsers, submitter } = this.#options;
    const { reconcile, transientData } = options;
    const committed = await submitter.submit({
      channel,
      chaincode,
      transactionName,
      arguments: args,
      endorsingOrganizations: endorsers[transactionName],
      ...(transientData === undefined ? {} : { transientData }),
      ...(reconcile === undefined
        ? {}
        : {
            // The record goes through the same decoding as the chaincode's own answer, so a reconciled result is
            // exactly what a committed one would be.
            reconcile: async () => {
              const record = await reconcile();
              return record === null ? null : encoder.encode(JSON.stringify(record));
            },
          }),
    });
    return { value: decodeJson(schema, committed.value, transactionName), txId: committed.txId };
  }
}
