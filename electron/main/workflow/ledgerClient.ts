// The one place the workflow talks to chaincode: evaluations (with failover) and submissions (through the
// submitter), both decoding the chaincode's JSON answers with a schema.
import type { z } from 'zod';
import { safeIssues } from '@pediledger/domain';
import { toFabricError } from '../fabric/errorMapping.ts';
import { UnexpectedResponseError } from '../fabric/errors.ts';
import type { FabricConnection } from '../fabric/fabricConnection.ts';
import { LIMITS, page } from './schemas.ts';
import type { SubmitRequest, TransactionSubmitter } from './transactionSubmitter.ts';

/** Options for {@link LedgerClient}. */
export interface LedgerClientOptions {
  connection: FabricConnection;
  submitter: TransactionSubmitter;
}

/** An evaluation (read-only transaction). */
export interface EvaluateRequest {
  channel: string;
  chaincode: string;
  transactionName: string;
  arguments?: readonly string[];
  /**
   * Organisations whose peers must answer. Reads of private data name the caller's own org: its peer holds exactly
   * the collections the caller may read, whichever peer is the gateway after a failover.
   */
  targetOrganizations?: readonly string[];
}

/** A committed submission and its decoded result. */
export interface Committed<T> {
  value: T;
  txId: string;
}

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

/** Evaluates and submits chaincode transactions, returning schema-checked values. */
export class LedgerClient {
  readonly #connection: FabricConnection;
  readonly #submitter: TransactionSubmitter;

  constructor(options: Readonly<LedgerClientOptions>) {
    this.#connection = options.connection;
    this.#submitter = options.submitter;
  }

  /** The connection this client uses (for the active identity's MSP id). */
  get connection(): FabricConnection {
    return this.#connection;
  }

  /** Evaluates a read-only transaction and decodes its answer. */
  async evaluate<S extends z.ZodType>(request: Readonly<EvaluateRequest>, schema: S): Promise<z.output<S>> {
    let bytes: Uint8Array;
    try {
      bytes = await this.#connection.withGateway(
        (gateway) =>
          gateway
            .getNetwork(request.channel)
            .getContract(request.chaincode)
            .evaluate(request.transactionName, {
              arguments: [...(request.arguments ?? [])],
              ...(request.targetOrganizations === undefined
                ? {}
                : { endorsingOrganizations: [...request.targetOrganizations] }),
            }),
        { retryOnUnreachable: true },
      );
    } catch (error) {
      throw toFabricError(error, { transactionName: request.transactionName, caller: this.#connection.caller });
    }
    return decodeJson(schema, bytes, request.transactionName);
  }

  /**
   * Every item of a paged list (the chaincode's `{items, bookmark}` answers, `pageSize` and `bookmark` as the last two
   * arguments), following bookmarks page by page: each answer stays within the chaincode's page limits however long
   * the list, and the caller gets the whole list.
   */
  async evaluateAllPages<S extends z.ZodType>(request: Readonly<EvaluateRequest>, item: S): Promise<z.output<S>[]> {
    const items: z.output<S>[] = [];
    let bookmark = '';
    do {
      const answer = await this.evaluate(
        { ...request, arguments: [...(request.arguments ?? []), String(LIMITS.pageEntries), bookmark] },
        page(item),
      );
      items.push(...(answer.items as z.output<S>[]));
      bookmark = answer.bookmark;
    } while (bookmark !== '');
    return items;
  }

  /** Submits a transaction, waits for its commit and decodes its answer. */
  async submit<S extends z.ZodType>(request: Readonly<SubmitRequest>, schema: S): Promise<Committed<z.output<S>>> {
    const committed = await this.#submitter.submit(request);
    return { value: decodeJson(schema, committed.result, request.transactionName), txId: committed.txId };
  }
}
