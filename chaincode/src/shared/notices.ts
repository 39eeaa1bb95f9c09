import type { Context } from 'fabric-contract-api';
import type { Actor } from './caller';
import { readRecord } from './ledger';
import { type Notice, type NoticeKind, type NoticeRefs, StoredNotice } from '@pediledger/domain';

// Notices: how a party learns that a transaction concerns them, without any other client learning anything.
//
// Every member client of a channel receives every chaincode event of the channel (Gateway ChaincodeEvents, from
// block 0). So every transaction emits the same event, NOTICE_EVENT, with an empty payload: the stream says only
// that a transaction committed. Transactions that concern someone also store a notice naming its parties; a client
// asks ListMyNotices about the transaction ids of the events it received and gets back only the notices it is a party
// to. A transaction without a notice and someone else's notice get the same answer: nothing.

/** The one chaincode event name of both chaincodes. Its payload is always empty. */
export const NOTICE_EVENT = 'Notice';

/**
 * Party keys: whose lists a record appears in, and whom a notice is for. A uid is prefixed with its role so a parent
 * and a pediatrician that happen to share a uid never see each other's lists or notices.
 */
export const party = {
  guardian: (uid: string): string => `guardian:${uid}`,
  pediatrician: (uid: string): string => `pediatrician:${uid}`,
  school: (schoolId: string): string => `school:${schoolId}`,
};

/** The party key of an actor: a parent as guardian, a pediatrician, a school admin as their school. */
export function partyOf(actor: Actor): string {
  if (actor.role === 'parent') return party.guardian(actor.uid);
  if (actor.role === 'pediatrician') return party.pediatrician(actor.uid);
  return party.school(actor.schoolId);
}

/** Object type of stored notices: `notice~<txId>`. */
export const NOTICE_TYPE = 'notice';

/** The key of the notice of transaction `txId`. */
export function noticeKey(ctx: Context, txId: string): string {
  return ctx.stub.createCompositeKey(NOTICE_TYPE, [txId]);
}

/** A notice the current transaction stores (see WriteBatch.notify). */
export interface NoticeDraft {
  kind: NoticeKind;
  /** Party keys ({@link party}); duplicates are dropped. */
  parties: readonly string[];
  refs: NoticeRefs;
}

/** The stored form of a draft. */
export function storedNotice(draft: Readonly<NoticeDraft>): StoredNotice {
  return { kind: draft.kind, refs: draft.refs, parties: [...new Set(draft.parties)] };
}

/** The stored notices of `txIds` that name the actor as a party, in the order asked. */
export async function storedNoticesFor(ctx: Context, actor: Actor, txIds: readonly string[]): Promise<Notice[]> {
  const me = partyOf(actor);
  const notices: Notice[] = [];
  for (const txId of txIds) {
    const stored = await readRecord(ctx, noticeKey(ctx, txId), StoredNotice);
    if (stored?.parties.includes(me) === true) notices.push({ txId, kind: stored.kind, refs: stored.refs });
  }
  return notices;
}
