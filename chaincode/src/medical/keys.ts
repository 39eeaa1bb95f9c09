import type { Context } from 'fabric-contract-api';

// Key design for the medical channel. Every attribute is a schema-validated id (never free text), because the Node
// shim joins attributes with U+0000 without checking them.

/** Object types of records and indexes. */
export const MEDICAL_TYPES = {
  child: 'child',
  /** child id → the card's own record (format 2), or the whole card as one value (format 1, until converted). */
  card: 'card',
  /** child id, entry id → one entry: the id lookup (duplicate check, ReadCardEntry) and the entry's history. */
  cardEntry: 'card~entry',
  /**
   * child id, newest-first sort key, kind, entry id → a copy of the entry: the card's history in one range read per
   * page, newest first (Fabric's range reads only go forward), and the counts by kind from the keys alone.
   */
  cardLog: 'card~log',
  agreement: 'agreement',
  /** guardian uid → child id: ListMyChildren for parents. */
  guardianChild: 'guardian~child',
  /** child id → agreement id: every agreement of a child (access checks, ListMyAgreements for parents). */
  childAgreement: 'child~agreement',
  /** pediatrician uid → agreement id: ListMyAgreements and ListMyChildren for pediatricians. */
  pediatricianAgreement: 'pediatrician~agreement',
} as const;

/** Builds the keys of the medical chaincode. */
export const medicalKeys = {
  child: (ctx: Context, childId: string): string => ctx.stub.createCompositeKey(MEDICAL_TYPES.child, [childId]),
  card: (ctx: Context, childId: string): string => ctx.stub.createCompositeKey(MEDICAL_TYPES.card, [childId]),
  cardEntry: (ctx: Context, childId: string, entryId: string): string =>
    ctx.stub.createCompositeKey(MEDICAL_TYPES.cardEntry, [childId, entryId]),
  cardLog: (ctx: Context, childId: string, entry: { recordedAt: string; kind: string; entryId: string }): string =>
    ctx.stub.createCompositeKey(MEDICAL_TYPES.cardLog, [childId, ...cardLogPosition(entry)]),
  agreement: (ctx: Context, agreementId: string): string =>
    ctx.stub.createCompositeKey(MEDICAL_TYPES.agreement, [agreementId]),
  guardianChild: (ctx: Context, uid: string, childId: string): string =>
    ctx.stub.createCompositeKey(MEDICAL_TYPES.guardianChild, [uid, childId]),
  childAgreement: (ctx: Context, childId: string, agreementId: string): string =>
    ctx.stub.createCompositeKey(MEDICAL_TYPES.childAgreement, [childId, agreementId]),
  pediatricianAgreement: (ctx: Context, uid: string, agreementId: string): string =>
    ctx.stub.createCompositeKey(MEDICAL_TYPES.pediatricianAgreement, [uid, agreementId]),
};

/** Sort keys run from this value down, so a later instant sorts first. 13 digits cover instants up to the year 2286. */
const NEWEST_FIRST_BASE = 9_999_999_999_999;

/** A card log key's attributes after the child id: newest-first sort key (13 digits), kind, entry id. */
export function cardLogPosition(entry: { recordedAt: string; kind: string; entryId: string }): string[] {
  const ms = Math.min(Math.max(Date.parse(entry.recordedAt), 0), NEWEST_FIRST_BASE);
  return [String(NEWEST_FIRST_BASE - ms).padStart(13, '0'), entry.kind, entry.entryId];
}
