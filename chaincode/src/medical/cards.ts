// The medical card (medical channel): entries recorded by the child's pediatrician and read by its guardians, stored
// as in card.ts and cardEntries.ts. The transactions of MedicalContract (medicalContract.ts) with these names run these
// functions.
import { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { parseArg, parseBookmark, parseJsonArg, parsePageSize } from '../shared/args';
import { requireRole } from '../shared/caller';
import { PediLedgerContext } from '../shared/context';
import { conflict, forbidden, invalidArgument } from '../shared/errors';
import { exists } from '../shared/ledger';
import { type CardEntry, Child, id } from '@pediledger/domain';
import { toJson } from '../shared/serialization';
import { txLatestDate, txTime } from '../shared/time';
import { WriteBatch } from '../shared/writeBatch';
import { hasAgreementInForce } from './access';
import {
  CARD_LOG_BOOKMARK,
  cardHistoryPage,
  cardSummary,
  convertLegacyCard,
  entryHistoryPage,
  loadEntry,
  loadStoredCard,
  putEntry,
} from './card';
import { CARD_ENTRY_KINDS, type CardEntryKind } from './cardEntries';
import { medicalKeys } from './keys';
import { agreementsOfChild, loadChild } from './records';
import { loadReadableChild } from './children';

/**
 * Rejects a date that lies in the future or before the child was born. The message names the field, never the date:
 * it would give the child's birth date away to whoever reads the error or a log.
 */
function checkEntryDate(ctx: Context, child: Child, field: string, date: string | undefined): void {
  if (date === undefined) return;
  if (date > txLatestDate(ctx)) throw invalidArgument(`entryJson.${field}: is in the future`);
  if (date < child.birthDate) throw invalidArgument(`entryJson.${field}: is before the child's birth date`);
}

/**
 * The transaction that records one kind of card entry (the five card-writing transactions below differ only in it):
 * a pediatrician with an active agreement records an entry under `entryId` (chosen by the client, unique on the card;
 * a second write with the same id is `CONFLICT:`). Returns the entry.
 *
 * The write reads the child, its agreements, the card's own record and the new entry's id key, and writes only the
 * entry's two keys: its cost does not depend on the card's size, and concurrent writers of different entries touch no
 * common key. A format-1 card is converted in the same write. The returned function's parameter names are the
 * transaction's (the contract metadata reads them from its source).
 */
function entryRecorder<S extends z.ZodType>(
  kind: CardEntryKind<S>,
): (ctx: PediLedgerContext, childId: string, entryId: string, entryJson: string) => Promise<string> {
  return async (ctx, childId, entryId, entryJson) => {
    const childIdValue = parseArg(id, childId, 'childId');
    const entryIdValue = parseArg(id, entryId, 'entryId');
    const input = parseJsonArg(kind.schema, entryJson, 'entryJson');
    const pediatrician = requireRole(ctx, 'pediatrician');
    const child = await loadChild(ctx, childIdValue);
    if (!hasAgreementInForce(pediatrician, await agreementsOfChild(ctx, childIdValue), txTime(ctx))) {
      throw forbidden(`pediatrician ${pediatrician.uid} has no active agreement for child ${childIdValue}`);
    }
    for (const [field, date] of Object.entries(kind.dates(input))) checkEntryDate(ctx, child, field, date);
    const stored = await loadStoredCard(ctx, childIdValue);
    const batch = new WriteBatch(ctx);
    const now = txTime(ctx);
    const duplicate =
      stored.format === 1
        ? convertLegacyCard(ctx, batch, stored.legacy, pediatrician.uid, now).has(entryIdValue)
        : await exists(ctx, medicalKeys.cardEntry(ctx, childIdValue, entryIdValue));
    if (duplicate) throw conflict(`card entry ${entryIdValue} already exists`);
    const entry = {
      ...(input as object),
      kind: kind.kind,
      entryId: entryIdValue,
      childId: childIdValue,
      recordedBy: pediatrician.uid,
      recordedAt: now,
      txId: ctx.stub.getTxID(),
    } as CardEntry;
    await putEntry(ctx, batch, entry).commit();
    return toJson(entry);
  };
}

/** Records a growth measurement. */
export const RecordMeasurement = entryRecorder(CARD_ENTRY_KINDS.measurement);

/** Records an immunization. */
export const RecordImmunization = entryRecorder(CARD_ENTRY_KINDS.immunization);

/** Records an allergy. */
export const RecordAllergy = entryRecorder(CARD_ENTRY_KINDS.allergy);

/** Records a condition. */
export const RecordCondition = entryRecorder(CARD_ENTRY_KINDS.condition);

/** Adds a visit note. */
export const AddVisitNote = entryRecorder(CARD_ENTRY_KINDS.visitNote);

/**
 * The card without its entries (version, newest write, counts by kind), for its guardians and for pediatricians
 * with an active agreement. The entries come page by page from GetMedicalCardHistory.
 */
export async function ReadMedicalCard(ctx: PediLedgerContext, childId: string): Promise<string> {
  const childIdValue = parseArg(id, childId, 'childId');
  const actor = requireRole(ctx, 'parent', 'pediatrician');
  await loadReadableChild(ctx, actor, childIdValue);
  return toJson(await cardSummary(ctx, childIdValue, await loadStoredCard(ctx, childIdValue)));
}

/**
 * The card's entries, newest first, one page at a time: at most `pageSize` (1–100) entries and 256 KiB of JSON,
 * however old the card. `{items, bookmark}`; pass `bookmark` back for the next page ('' for the first; '' in the
 * answer on the last).
 */
export async function GetMedicalCardHistory(
  ctx: PediLedgerContext,
  childId: string,
  pageSize: string,
  bookmark: string,
): Promise<string> {
  const childIdValue = parseArg(id, childId, 'childId');
  const size = parsePageSize(pageSize);
  const start = parseBookmark(bookmark, CARD_LOG_BOOKMARK);
  const actor = requireRole(ctx, 'parent', 'pediatrician');
  await loadReadableChild(ctx, actor, childIdValue);
  const stored = await loadStoredCard(ctx, childIdValue);
  return toJson(await cardHistoryPage(ctx, childIdValue, stored, size, start));
}

/** One entry of the card by its id, for the card's readers (the app's check that a retried write landed). */
export async function ReadCardEntry(ctx: PediLedgerContext, childId: string, entryId: string): Promise<string> {
  const childIdValue = parseArg(id, childId, 'childId');
  const entryIdValue = parseArg(id, entryId, 'entryId');
  const actor = requireRole(ctx, 'parent', 'pediatrician');
  await loadReadableChild(ctx, actor, childIdValue);
  return toJson(await loadEntry(ctx, await loadStoredCard(ctx, childIdValue), childIdValue, entryIdValue));
}

/**
 * The ledger history of one entry's key, newest first (`{items: [{txId, time, isDelete, entry}], bookmark}`); the
 * bookmark is the transaction id of the next version. Entries are append-only, so this is normally one version.
 */
export async function GetCardEntryHistory(
  ctx: PediLedgerContext,
  childId: string,
  entryId: string,
  pageSize: string,
  bookmark: string,
): Promise<string> {
  const childIdValue = parseArg(id, childId, 'childId');
  const entryIdValue = parseArg(id, entryId, 'entryId');
  const size = parsePageSize(pageSize);
  const start = parseBookmark(bookmark, [id])?.[0] ?? null;
  const actor = requireRole(ctx, 'parent', 'pediatrician');
  await loadReadableChild(ctx, actor, childIdValue);
  const stored = await loadStoredCard(ctx, childIdValue);
  return toJson(await entryHistoryPage(ctx, stored, childIdValue, entryIdValue, size, start));
}
