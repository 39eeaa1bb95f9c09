import type { Context } from 'fabric-contract-api';
import { z } from 'zod';
import { notFound } from '../shared/errors';
import { indexPage, type Page, type PageCandidate, pageFrom } from '../shared/ledger';
import {
  CARD_LISTS,
  CardEntry,
  CardEntryKind,
  type CardEntryVersion,
  CardRecord,
  id,
  LegacyMedicalCard,
  type MedicalCardSummary,
} from '@pediledger/domain';
import { fromBytes, toJson } from '../shared/serialization';
import { timestampToIso } from '../shared/time';
import type { WriteBatch } from '../shared/writeBatch';
import { cardLogPosition, MEDICAL_TYPES, medicalKeys } from './keys';

// How a card is stored, in both formats, and the reads every card transaction shares.
//
// Format 2 (entries as records): `card` holds a small record written once; each entry is written under `card~entry`
// (by id) and `card~log` (newest first). A write touches only its own keys, so it costs the same on a card's first
// day and in its 18th year, and concurrent writers of different entries never conflict.
//
// Format 1 (before entries became records): `card` holds the whole card, every entry in five lists. Reads serve it
// as it is; the first write converts it (its entries become records, with the id of the transaction that recorded
// each), so no separate migration step exists and a card nobody writes again stays readable as it was.

/** A card as stored. */
export type StoredCard = { format: 2; record: CardRecord } | { format: 1; legacy: LegacyMedicalCard };

/** The parts of a card history bookmark: newest-first sort key, kind, entry id. */
export const CARD_LOG_BOOKMARK: readonly z.ZodType<string>[] = [
  z.string().regex(/^[0-9]{13}$/, 'must be a card history bookmark'),
  CardEntryKind,
  id,
];

/** The card of `childId` in whichever format it is stored, or `NOT_FOUND:`. */
export async function loadStoredCard(ctx: Context, childId: string): Promise<StoredCard> {
  const bytes = await ctx.stub.getState(medicalKeys.card(ctx, childId));
  if (bytes.length === 0) throw notFound(`child ${childId} has no medical card yet (no agreement has been accepted)`);
  const value = fromBytes(bytes);
  const record = CardRecord.safeParse(value);
  if (record.success) return { format: 2, record: record.data };
  return { format: 1, legacy: LegacyMedicalCard.parse(value) };
}

/** The entries of a format-1 card as records: each gets the id of the transaction that recorded it. */
export function legacyEntries(card: LegacyMedicalCard): CardEntry[] {
  return CardEntryKind.options.flatMap((kind) =>
    card[CARD_LISTS[kind]].map((item) => CardEntry.parse({ ...item, kind, entryId: item.txId, childId: card.childId })),
  );
}

/** Writes one entry record: under its id and in the card's newest-first log. */
export function putEntry(ctx: Context, batch: WriteBatch, entry: CardEntry): WriteBatch {
  return batch
    .put(medicalKeys.cardEntry(ctx, entry.childId, entry.entryId), entry)
    .put(medicalKeys.cardLog(ctx, entry.childId, entry), entry);
}

/**
 * Converts a format-1 card in the write that first touches it: every entry becomes a record, and the card's own
 * record replaces the old value. Returns the ids the converted entries take, so the write can refuse a duplicate.
 */
export function convertLegacyCard(
  ctx: Context,
  batch: WriteBatch,
  legacy: LegacyMedicalCard,
  by: string,
  at: string,
): Set<string> {
  const entries = legacyEntries(legacy);
  for (const entry of entries) putEntry(ctx, batch, entry);
  const record: CardRecord = {
    childId: legacy.childId,
    format: 2,
    created: null,
    converted: { by, at, txId: ctx.stub.getTxID(), fromVersion: legacy.version },
  };
  batch.put(medicalKeys.card(ctx, legacy.childId), record);
  return new Set(entries.map((entry) => entry.entryId));
}

type Counts = MedicalCardSummary['counts'];

function noCounts(): Counts {
  return { allergies: 0, conditions: 0, immunizations: 0, measurements: 0, visitNotes: 0 };
}

/**
 * What the card holds without its entries. For format 2 this reads the log's keys once (counts by kind from the keys,
 * the newest entry from the first value): the cost grows with the card, but only for this evaluation, never for a
 * write.
 */
export async function cardSummary(ctx: Context, childId: string, stored: StoredCard): Promise<MedicalCardSummary> {
  if (stored.format === 1) {
    const card = stored.legacy;
    const counts = noCounts();
    for (const kind of CardEntryKind.options) counts[CARD_LISTS[kind]] = card[CARD_LISTS[kind]].length;
    const { version, txId, updatedBy, updatedAt } = card;
    return { childId, format: 1, created: null, version, txId, updatedBy, updatedAt, counts };
  }
  const counts = noCounts();
  let total = 0;
  let newest: CardEntry | undefined;
  for await (const row of ctx.stub.getStateByPartialCompositeKey(MEDICAL_TYPES.cardLog, [childId])) {
    const kind = CardEntryKind.parse(ctx.stub.splitCompositeKey(row.key).attributes[2]);
    counts[CARD_LISTS[kind]] += 1;
    total += 1;
    newest ??= CardEntry.parse(fromBytes(row.value));
  }
  const { record } = stored;
  const last = newest
    ? { txId: newest.txId, by: newest.recordedBy, at: newest.recordedAt }
    : (record.created ?? record.converted);
  // A converted card always has an entry (conversion happens in an entry's write), and a new card has `created`.
  if (last === undefined) throw new Error(`card ${childId} has neither a creation nor an entry`);
  return {
    childId,
    format: 2,
    created: record.created,
    version: 1 + total,
    txId: last.txId,
    updatedBy: last.by,
    updatedAt: last.at,
    counts,
  };
}

/** Orders card log positions as LevelDB orders their keys (every attribute is ASCII). */
function comparePositions(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** One page of the card's entries, newest first, starting at the position `start` (null: the newest). */
export async function cardHistoryPage(
  ctx: Context,
  childId: string,
  stored: StoredCard,
  pageSize: number,
  start: string[] | null,
): Promise<Page<CardEntry>> {
  if (stored.format === 1) {
    const all = legacyEntries(stored.legacy)
      .map((entry) => ({ item: entry, position: cardLogPosition(entry), bytes: Buffer.byteLength(toJson(entry)) }))
      .sort((a, b) => comparePositions(a.position, b.position));
    const from = start === null ? 0 : all.findIndex((c) => comparePositions(c.position, start) >= 0);
    const first = from === -1 ? all.length : from;
    const candidates = all.slice(first, first + pageSize);
    return pageFrom(candidates, all[first + pageSize]?.position ?? null);
  }
  const { rows, next } = await indexPage(ctx, MEDICAL_TYPES.cardLog, [childId], pageSize, start);
  const candidates = rows.map((row) => ({
    item: CardEntry.parse(fromBytes(row.value)),
    position: row.attributes,
    bytes: row.value.length,
  }));
  return pageFrom(candidates, next);
}

/** One entry of the card, or `NOT_FOUND:`. */
export async function loadEntry(
  ctx: Context,
  stored: StoredCard,
  childId: string,
  entryId: string,
): Promise<CardEntry> {
  let entry: CardEntry | undefined;
  if (stored.format === 1) {
    entry = legacyEntries(stored.legacy).find((e) => e.entryId === entryId);
  } else {
    const bytes = await ctx.stub.getState(medicalKeys.cardEntry(ctx, childId, entryId));
    if (bytes.length > 0) entry = CardEntry.parse(fromBytes(bytes));
  }
  if (entry === undefined) throw notFound(`card entry ${entryId} does not exist`);
  return entry;
}

/**
 * One page of an entry's versions from the ledger history, newest first, starting at the version written by
 * `startTxId` (null: the newest). An entry of a format-1 card has the one version its own provenance names.
 */
export async function entryHistoryPage(
  ctx: Context,
  stored: StoredCard,
  childId: string,
  entryId: string,
  pageSize: number,
  startTxId: string | null,
): Promise<Page<CardEntryVersion>> {
  if (stored.format === 1) {
    const entry = await loadEntry(ctx, stored, childId, entryId);
    const only = { txId: entry.txId, time: entry.recordedAt, isDelete: false, entry };
    const items = startTxId === null || startTxId === entry.txId ? [only] : [];
    return { items, bookmark: '' };
  }
  const candidates: PageCandidate<CardEntryVersion>[] = [];
  let seen = 0;
  let after: string[] | null = null;
  for await (const modification of ctx.stub.getHistoryForKey(medicalKeys.cardEntry(ctx, childId, entryId))) {
    seen += 1;
    if (candidates.length === 0 && startTxId !== null && modification.txId !== startTxId) continue;
    if (candidates.length === pageSize) {
      after = [modification.txId];
      break;
    }
    const entry = modification.isDelete ? null : CardEntry.parse(fromBytes(modification.value));
    const version = {
      txId: modification.txId,
      time: timestampToIso(modification.timestamp),
      isDelete: modification.isDelete,
      entry,
    };
    candidates.push({ item: version, position: [modification.txId], bytes: Buffer.byteLength(toJson(version)) });
  }
  if (seen === 0) throw notFound(`card entry ${entryId} does not exist`);
  return pageFrom(candidates, after);
}
