// What the report channel's aggregates share: the status change every record keeps, and the party index with its
// paged lists.
import { Context } from 'fabric-contract-api';
import { parseBookmark, parsePageSize } from '../shared/args';
import { type Actor } from '../shared/caller';
import { type IndexRow, recordPage } from '../shared/ledger';
import { partyOf } from '../shared/notices';
import { id } from '@pediledger/domain';
import { toJson } from '../shared/serialization';
import { txTime } from '../shared/time';
import { WriteBatch } from '../shared/writeBatch';
import { type IndexedType, REPORT_TYPES, reportKeys } from './keys';

/** A record's status change. */
export interface StatusChange<S extends string> {
  status: S;
  by: string;
  at: string;
  txId: string;
  reason?: string;
}

/** The status change every record keeps: who, when (transaction time), which transaction, and why. */
export function change<S extends string>(ctx: Context, status: S, by: string, reason?: string): StatusChange<S> {
  return { status, by, at: txTime(ctx), txId: ctx.stub.getTxID(), ...(reason ? { reason } : {}) };
}

/** One page of the records of `type` listed under the actor's party key, loaded with `load` (null: left out). */
export async function partyPage<T extends object>(
  ctx: Context,
  actor: Actor,
  type: IndexedType,
  pageSizeArg: unknown,
  bookmarkArg: unknown,
  load: (recordId: string) => Promise<T | null>,
): Promise<string> {
  const size = parsePageSize(pageSizeArg);
  const start = parseBookmark(bookmarkArg, [id]);
  const page = await recordPage(ctx, REPORT_TYPES.partyIndex, [partyOf(actor), type], size, start, (row: IndexRow) =>
    load(row.attributes[0] ?? ''),
  );
  return toJson(page);
}

/** Lists record `recordId` of `type` under each party's key, where the party's ListMy* read ({@link partyPage}) finds it. */
export function indexForParties(
  ctx: Context,
  batch: WriteBatch,
  partyKeys: string[],
  type: IndexedType,
  recordId: string,
): WriteBatch {
  for (const partyKey of partyKeys) batch.putIndex(reportKeys.partyIndex(ctx, partyKey, type, recordId));
  return batch;
}
