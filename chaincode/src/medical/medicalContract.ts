import { Context, Contract, Info, Returns, Transaction } from 'fabric-contract-api';
import { z } from 'zod';
import { parseArg, parseBookmark, parseJsonArg, parsePageSize } from '../shared/args';
import { type Actor, callerOf, requireRole } from '../shared/caller';
import { PediLedgerContext } from '../shared/context';
import { conflict, forbidden, invalidArgument, unknownTransaction } from '../shared/errors';
import { exists, indexPage, type Page, type PageCandidate, pageFrom, readRecord, recordPage } from '../shared/ledger';
import { type NoticeDraft, party, storedNoticesFor } from '../shared/notices';
import {
  type Agreement,
  type AgreementStatus,
  type CardEntry,
  type CardRecord,
  Child,
  GestationalAge,
  id,
  LIMITS,
  NoticeTxIds,
  ProposeAgreementInput,
  Reason,
} from '../shared/schemas';
import { toJson } from '../shared/serialization';
import { txLatestDate, txTime } from '../shared/time';
import { checkProposal } from '../shared/proposalChecks';
import { WriteBatch } from '../shared/writeBatch';
import { hasAgreementInForce, isGuardian, isInForce } from './access';
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
import { MEDICAL_TYPES, medicalKeys } from './keys';
import { agreementsOfChild, childIdsOfGuardian, loadAgreement, loadChild } from './records';

/** Appends a status change (who, when, which transaction) to an agreement. */
function changeAgreement(
  ctx: Context,
  agreement: Agreement,
  status: AgreementStatus,
  by: string,
  reason?: string,
): Agreement {
  const change = { status, by, at: txTime(ctx), txId: ctx.stub.getTxID(), ...(reason === undefined ? {} : { reason }) };
  return { ...agreement, status, changes: [...agreement.changes, change] };
}

/** The child, if the actor may read its card: a guardian, or a pediatrician with an agreement in force. */
async function loadReadableChild(ctx: Context, actor: Actor, childId: string): Promise<Child> {
  const child = await loadChild(ctx, childId);
  if (isGuardian(actor, child)) return child;
  if (hasAgreementInForce(actor, await agreementsOfChild(ctx, childId), txTime(ctx))) return child;
  throw forbidden(
    `the caller is neither a guardian of child ${childId} nor its pediatrician under an active agreement`,
  );
}

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
 * Shared body of the five card-writing transactions. The write reads the child, its agreements, the card's own record
 * and the new entry's id key, and writes only the entry's two keys: its cost does not depend on the card's size, and
 * concurrent writers of different entries touch no common key. A format-1 card is converted in the same write.
 */
async function recordEntry<S extends z.ZodType>(
  ctx: Context,
  kind: CardEntryKind<S>,
  childIdArg: unknown,
  entryIdArg: unknown,
  entryJson: unknown,
): Promise<string> {
  const childId = parseArg(id, childIdArg, 'childId');
  const entryId = parseArg(id, entryIdArg, 'entryId');
  const input = parseJsonArg(kind.schema, entryJson, 'entryJson');
  const pediatrician = requireRole(ctx, 'pediatrician');
  const child = await loadChild(ctx, childId);
  if (!hasAgreementInForce(pediatrician, await agreementsOfChild(ctx, childId), txTime(ctx))) {
    throw forbidden(`pediatrician ${pediatrician.uid} has no active agreement for child ${childId}`);
  }
  for (const [field, date] of Object.entries(kind.dates(input))) checkEntryDate(ctx, child, field, date);
  const stored = await loadStoredCard(ctx, childId);
  const batch = new WriteBatch(ctx);
  const now = txTime(ctx);
  const duplicate =
    stored.format === 1
      ? convertLegacyCard(ctx, batch, stored.legacy, pediatrician.uid, now).has(entryId)
      : await exists(ctx, medicalKeys.cardEntry(ctx, childId, entryId));
  if (duplicate) throw conflict(`card entry ${entryId} already exists`);
  const entry = {
    ...(input as object),
    kind: kind.kind,
    entryId,
    childId,
    recordedBy: pediatrician.uid,
    recordedAt: now,
    txId: ctx.stub.getTxID(),
  } as CardEntry;
  await putEntry(ctx, batch, entry).commit();
  return toJson(entry);
}

/** A notice to the child's current guardians that the agreement's pediatrician answered its proposal. */
async function guardiansNotice(
  ctx: Context,
  kind: 'agreement-accepted' | 'agreement-declined',
  agreement: Agreement,
): Promise<NoticeDraft> {
  const child = await loadChild(ctx, agreement.childId);
  return {
    kind,
    parties: child.guardianUids.map(party.guardian),
    refs: {
      agreementId: agreement.agreementId,
      childId: agreement.childId,
      pediatricianUid: agreement.pediatricianUid,
    },
  };
}

/** The child a proposal is about: the existing one (caller must be its guardian) or a new one the caller registers. */
async function childForProposal(
  ctx: Context,
  parent: Actor,
  input: ProposeAgreementInput,
): Promise<{ child: Child; isNew: boolean }> {
  const existing = await readRecord(ctx, medicalKeys.child(ctx, input.childId), Child);
  if (existing) {
    if (!isGuardian(parent, existing)) throw forbidden(`the caller is not a guardian of child ${input.childId}`);
    if (input.child) throw conflict(`child ${input.childId} already exists: leave out the child details`);
    return { child: existing, isNew: false };
  }
  if (!input.child) throw invalidArgument(`agreementJson.child: is required to register new child ${input.childId}`);
  if (input.child.birthDate > txLatestDate(ctx))
    throw invalidArgument('agreementJson.child.birthDate: is in the future');
  const now = txTime(ctx);
  const child: Child = {
    childId: input.childId,
    ...input.child,
    guardianUids: [parent.uid],
    createdBy: parent.uid,
    createdAt: now,
    changes: [{ status: 'registered', by: parent.uid, at: now, txId: ctx.stub.getTxID() }],
  };
  return { child, isNew: true };
}

/** The second part of a parent's agreement bookmark: an agreement id, or empty for the child's first agreement. */
const AGREEMENT_OR_START = z.union([id, z.literal('')]);

/**
 * One page of a parent's agreements: their children in id order, each child's agreements in id order. The bookmark
 * is `childId~agreementId`, or `childId~` to start at that child's first agreement. A parent has a handful of children,
 * so the children are read whole; their agreements, which accumulate over the years, are paged.
 */
async function guardianAgreementsPage(
  ctx: Context,
  uid: string,
  pageSize: number,
  start: string[] | null,
): Promise<Page<Agreement>> {
  const [startChild, startAgreement] = start ?? [];
  const candidates: PageCandidate<Agreement>[] = [];
  let after: string[] | null = null;
  for (const childId of await childIdsOfGuardian(ctx, uid)) {
    if (startChild !== undefined && childId < startChild) continue;
    if (candidates.length === pageSize) {
      after = [childId, ''];
      break;
    }
    const from = childId === startChild && startAgreement ? [startAgreement] : null;
    const { rows, next } = await indexPage(
      ctx,
      MEDICAL_TYPES.childAgreement,
      [childId],
      pageSize - candidates.length,
      from,
    );
    for (const row of rows) {
      const agreement = await loadAgreement(ctx, row.attributes[0] ?? '');
      const bytes = Buffer.byteLength(toJson(agreement));
      candidates.push({ item: agreement, position: [childId, agreement.agreementId], bytes });
    }
    if (next !== null) {
      after = [childId, next[0] ?? ''];
      break;
    }
  }
  return pageFrom(candidates, after);
}

/**
 * Agreements between guardians and pediatricians, and the children's medical cards. Every rule is enforced from the
 * caller's certificate (MSP ID + `uid`/`role` attributes), never from arguments.
 */
@Info({ title: 'MedicalContract', description: "Agreements and children's medical cards on the medical channel" })
export class MedicalContract extends Contract {
  constructor() {
    super('medical');
  }

  /** Each transaction's context carries this endorser's clock reading, for {@link checkProposal}. */
  override createContext(): PediLedgerContext {
    return new PediLedgerContext();
  }

  /** Runs before every transaction, evaluations included: the proposal's time and the caller's certificate. */
  override beforeTransaction(ctx: PediLedgerContext): Promise<void> {
    checkProposal(ctx);
    return Promise.resolve();
  }

  /** Refuses an unknown function name without logging its arguments (see `unknownTransaction`). */
  public override unknownTransaction(): Promise<void> {
    return Promise.reject(unknownTransaction('medical'));
  }

  /** Returns who the chaincode sees as the caller: a smoke test of identity plumbing. */
  @Transaction()
  @Returns('string')
  public async Ping(ctx: PediLedgerContext): Promise<string> {
    return Promise.resolve(JSON.stringify({ channel: ctx.stub.getChannelID(), caller: callerOf(ctx) }));
  }

  /**
   * A parent proposes a care agreement with a pediatrician. A new child is registered with the caller as its guardian;
   * for an existing child the caller must already be a guardian. Returns the agreement.
   */
  @Transaction()
  @Returns('string')
  public async ProposeAgreement(ctx: PediLedgerContext, agreementJson: string): Promise<string> {
    const input = parseJsonArg(ProposeAgreementInput, agreementJson, 'agreementJson');
    const parent = requireRole(ctx, 'parent');
    const now = txTime(ctx);
    if (Date.parse(input.validUntil) <= Date.parse(now)) {
      throw invalidArgument('agreementJson.validUntil: must be in the future');
    }
    if (await exists(ctx, medicalKeys.agreement(ctx, input.agreementId))) {
      throw conflict(`agreement ${input.agreementId} already exists`);
    }
    const { child, isNew } = await childForProposal(ctx, parent, input);
    const open = isNew ? [] : await agreementsOfChild(ctx, input.childId);
    const pending = open.find(
      (a) => a.pediatricianUid === input.pediatricianUid && (a.status === 'proposed' || isInForce(a, now)),
    );
    if (pending) throw conflict(`agreement ${pending.agreementId} with this pediatrician is already ${pending.status}`);

    const agreement: Agreement = {
      agreementId: input.agreementId,
      childId: input.childId,
      pediatricianUid: input.pediatricianUid,
      guardianUids: child.guardianUids,
      purpose: input.purpose,
      validUntil: input.validUntil,
      status: 'proposed',
      changes: [{ status: 'proposed', by: parent.uid, at: now, txId: ctx.stub.getTxID() }],
    };
    const batch = new WriteBatch(ctx);
    if (isNew)
      batch
        .put(medicalKeys.child(ctx, child.childId), child)
        .putIndex(medicalKeys.guardianChild(ctx, parent.uid, child.childId));
    await batch
      .put(medicalKeys.agreement(ctx, agreement.agreementId), agreement)
      .putIndex(medicalKeys.childAgreement(ctx, agreement.childId, agreement.agreementId))
      .putIndex(medicalKeys.pediatricianAgreement(ctx, agreement.pediatricianUid, agreement.agreementId))
      .notify({
        kind: 'agreement-proposed',
        parties: [party.pediatrician(agreement.pediatricianUid)],
        refs: { agreementId: agreement.agreementId, childId: agreement.childId },
      })
      .commit();
    return toJson(agreement);
  }

  /** The named pediatrician accepts a proposed, unexpired agreement; the child's card (its own record) is created if absent. */
  @Transaction()
  @Returns('string')
  public async AcceptAgreement(ctx: PediLedgerContext, agreementId: string): Promise<string> {
    const agreement = await this.#proposedAgreementOfCaller(ctx, agreementId);
    if (Date.parse(agreement.validUntil) <= Date.parse(txTime(ctx))) {
      throw conflict(`agreement ${agreement.agreementId} has expired`);
    }
    const accepted = changeAgreement(ctx, agreement, 'active', agreement.pediatricianUid);
    const batch = new WriteBatch(ctx).put(medicalKeys.agreement(ctx, agreement.agreementId), accepted);
    if (!(await exists(ctx, medicalKeys.card(ctx, agreement.childId)))) {
      const created = { by: agreement.pediatricianUid, at: txTime(ctx), txId: ctx.stub.getTxID() };
      const card: CardRecord = { childId: agreement.childId, format: 2, created };
      batch.put(medicalKeys.card(ctx, agreement.childId), card);
    }
    await batch.notify(await guardiansNotice(ctx, 'agreement-accepted', agreement)).commit();
    return toJson(accepted);
  }

  /** The named pediatrician declines a proposed agreement, giving a reason. */
  @Transaction()
  @Returns('string')
  public async DeclineAgreement(ctx: PediLedgerContext, agreementId: string, reason: string): Promise<string> {
    const why = parseArg(Reason, reason, 'reason');
    const agreement = await this.#proposedAgreementOfCaller(ctx, agreementId);
    const declined = changeAgreement(ctx, agreement, 'declined', agreement.pediatricianUid, why);
    await new WriteBatch(ctx)
      .put(medicalKeys.agreement(ctx, agreement.agreementId), declined)
      .notify(await guardiansNotice(ctx, 'agreement-declined', agreement))
      .commit();
    return toJson(declined);
  }

  /** A guardian of the child or the agreement's pediatrician ends a proposed or active agreement; access ends at once. */
  @Transaction()
  @Returns('string')
  public async TerminateAgreement(ctx: PediLedgerContext, agreementId: string): Promise<string> {
    const agreementIdValue = parseArg(id, agreementId, 'agreementId');
    const actor = requireRole(ctx, 'parent', 'pediatrician');
    const agreement = await loadAgreement(ctx, agreementIdValue);
    const child = await loadChild(ctx, agreement.childId);
    const isItsPediatrician = actor.role === 'pediatrician' && actor.uid === agreement.pediatricianUid;
    if (!isItsPediatrician && !isGuardian(actor, child)) {
      throw forbidden(`only a guardian of the child or the agreement's pediatrician may terminate ${agreementIdValue}`);
    }
    if (agreement.status !== 'proposed' && agreement.status !== 'active') {
      throw conflict(`agreement ${agreementIdValue} is ${agreement.status} and cannot be terminated`);
    }
    const terminated = changeAgreement(ctx, agreement, 'terminated', actor.uid);
    await new WriteBatch(ctx).put(medicalKeys.agreement(ctx, agreementIdValue), terminated).commit();
    return toJson(terminated);
  }

  /** A guardian adds the child's second guardian (a parent's uid). Returns the child. */
  @Transaction()
  @Returns('string')
  public async AddGuardian(ctx: PediLedgerContext, childId: string, guardianUid: string): Promise<string> {
    const childIdValue = parseArg(id, childId, 'childId');
    const newGuardian = parseArg(id, guardianUid, 'guardianUid');
    const parent = requireRole(ctx, 'parent');
    const child = await loadChild(ctx, childIdValue);
    if (!isGuardian(parent, child)) throw forbidden(`the caller is not a guardian of child ${childIdValue}`);
    if (child.guardianUids.includes(newGuardian)) throw conflict(`${newGuardian} is already a guardian`);
    if (child.guardianUids.length >= LIMITS.guardians) {
      throw conflict(`child ${childIdValue} already has ${LIMITS.guardians} guardians`);
    }
    const change = { status: 'guardian-added' as const, by: parent.uid, at: txTime(ctx), txId: ctx.stub.getTxID() };
    const updated: Child = {
      ...child,
      guardianUids: [...child.guardianUids, newGuardian],
      changes: [...child.changes, change],
    };
    await new WriteBatch(ctx)
      .put(medicalKeys.child(ctx, childIdValue), updated)
      .putIndex(medicalKeys.guardianChild(ctx, newGuardian, childIdValue))
      .commit();
    return toJson(updated);
  }

  /**
   * A pediatrician with an active agreement records the child's gestational age at birth (`{weeks, days}`, 22+0 to
   * 44+6) after registration, or corrects it; the change (value, who, when, transaction) is appended to the child's
   * `changes`. Setting the value the child already has is `CONFLICT:`, so a retry never writes twice. Returns the child.
   */
  @Transaction()
  @Returns('string')
  public async SetGestationalAge(ctx: PediLedgerContext, childId: string, gestationalAgeJson: string): Promise<string> {
    const childIdValue = parseArg(id, childId, 'childId');
    const gestationalAge = parseJsonArg(GestationalAge, gestationalAgeJson, 'gestationalAgeJson');
    const pediatrician = requireRole(ctx, 'pediatrician');
    const child = await loadChild(ctx, childIdValue);
    if (!hasAgreementInForce(pediatrician, await agreementsOfChild(ctx, childIdValue), txTime(ctx))) {
      throw forbidden(`pediatrician ${pediatrician.uid} has no active agreement for child ${childIdValue}`);
    }
    const current = child.gestationalAge;
    if (current?.weeks === gestationalAge.weeks && current.days === gestationalAge.days) {
      throw conflict(`child ${childIdValue} already has this gestational age`);
    }
    const change = {
      status: 'gestational-age-set' as const,
      gestationalAge,
      by: pediatrician.uid,
      at: txTime(ctx),
      txId: ctx.stub.getTxID(),
    };
    const updated: Child = { ...child, gestationalAge, changes: [...child.changes, change] };
    await new WriteBatch(ctx).put(medicalKeys.child(ctx, childIdValue), updated).commit();
    return toJson(updated);
  }

  /**
   * A pediatrician with an active agreement records a growth measurement under `entryId` (chosen by the client, unique on the card; a
   * second write with the same id is `CONFLICT:`). Returns the entry.
   */
  @Transaction()
  @Returns('string')
  public async RecordMeasurement(
    ctx: PediLedgerContext,
    childId: string,
    entryId: string,
    entryJson: string,
  ): Promise<string> {
    return recordEntry(ctx, CARD_ENTRY_KINDS.measurement, childId, entryId, entryJson);
  }

  /**
   * A pediatrician with an active agreement records an immunization under `entryId` (chosen by the client, unique on the card; a
   * second write with the same id is `CONFLICT:`). Returns the entry.
   */
  @Transaction()
  @Returns('string')
  public async RecordImmunization(
    ctx: PediLedgerContext,
    childId: string,
    entryId: string,
    entryJson: string,
  ): Promise<string> {
    return recordEntry(ctx, CARD_ENTRY_KINDS.immunization, childId, entryId, entryJson);
  }

  /**
   * A pediatrician with an active agreement records an allergy under `entryId` (chosen by the client, unique on the card; a
   * second write with the same id is `CONFLICT:`). Returns the entry.
   */
  @Transaction()
  @Returns('string')
  public async RecordAllergy(
    ctx: PediLedgerContext,
    childId: string,
    entryId: string,
    entryJson: string,
  ): Promise<string> {
    return recordEntry(ctx, CARD_ENTRY_KINDS.allergy, childId, entryId, entryJson);
  }

  /**
   * A pediatrician with an active agreement records a condition under `entryId` (chosen by the client, unique on the card; a
   * second write with the same id is `CONFLICT:`). Returns the entry.
   */
  @Transaction()
  @Returns('string')
  public async RecordCondition(
    ctx: PediLedgerContext,
    childId: string,
    entryId: string,
    entryJson: string,
  ): Promise<string> {
    return recordEntry(ctx, CARD_ENTRY_KINDS.condition, childId, entryId, entryJson);
  }

  /**
   * A pediatrician with an active agreement adds a visit note under `entryId` (chosen by the client, unique on the card; a
   * second write with the same id is `CONFLICT:`). Returns the entry.
   */
  @Transaction()
  @Returns('string')
  public async AddVisitNote(
    ctx: PediLedgerContext,
    childId: string,
    entryId: string,
    entryJson: string,
  ): Promise<string> {
    return recordEntry(ctx, CARD_ENTRY_KINDS.visitNote, childId, entryId, entryJson);
  }

  /**
   * The card without its entries (version, newest write, counts by kind), for its guardians and for pediatricians
   * with an active agreement. The entries come page by page from GetMedicalCardHistory.
   */
  @Transaction(false)
  @Returns('string')
  public async ReadMedicalCard(ctx: PediLedgerContext, childId: string): Promise<string> {
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
  @Transaction(false)
  @Returns('string')
  public async GetMedicalCardHistory(
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
  @Transaction(false)
  @Returns('string')
  public async ReadCardEntry(ctx: PediLedgerContext, childId: string, entryId: string): Promise<string> {
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
  @Transaction(false)
  @Returns('string')
  public async GetCardEntryHistory(
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

  /** The child's registration record, for the same readers as the card. */
  @Transaction(false)
  @Returns('string')
  public async ReadChild(ctx: PediLedgerContext, childId: string): Promise<string> {
    const childIdValue = parseArg(id, childId, 'childId');
    const actor = requireRole(ctx, 'parent', 'pediatrician');
    return toJson(await loadReadableChild(ctx, actor, childIdValue));
  }

  /** One agreement, for the child's guardians and the named pediatrician (whatever its status). */
  @Transaction(false)
  @Returns('string')
  public async ReadAgreement(ctx: PediLedgerContext, agreementId: string): Promise<string> {
    const agreementIdValue = parseArg(id, agreementId, 'agreementId');
    const actor = requireRole(ctx, 'parent', 'pediatrician');
    const agreement = await loadAgreement(ctx, agreementIdValue);
    if (actor.role === 'pediatrician' && actor.uid === agreement.pediatricianUid) return toJson(agreement);
    if (isGuardian(actor, await loadChild(ctx, agreement.childId))) return toJson(agreement);
    throw forbidden(`the caller is not a party to agreement ${agreementIdValue}`);
  }

  /**
   * A parent's own children (by child id); a pediatrician's children under agreements in force (by agreement id), one
   * page at a time (`{items, bookmark}`, as GetMedicalCardHistory). A pediatrician's page may hold fewer children than
   * asked for: it covers `pageSize` of their agreements, in force or not.
   */
  @Transaction(false)
  @Returns('string')
  public async ListMyChildren(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
    const size = parsePageSize(pageSize);
    const start = parseBookmark(bookmark, [id]);
    const actor = requireRole(ctx, 'parent', 'pediatrician');
    if (actor.role === 'parent') {
      return toJson(
        await recordPage(ctx, MEDICAL_TYPES.guardianChild, [actor.uid], size, start, (row) =>
          loadChild(ctx, row.attributes[0] ?? ''),
        ),
      );
    }
    const now = txTime(ctx);
    const listed = new Set<string>();
    return toJson(
      await recordPage(ctx, MEDICAL_TYPES.pediatricianAgreement, [actor.uid], size, start, async (row) => {
        const agreement = await loadAgreement(ctx, row.attributes[0] ?? '');
        if (!isInForce(agreement, now) || listed.has(agreement.childId)) return null;
        listed.add(agreement.childId);
        return loadChild(ctx, agreement.childId);
      }),
    );
  }

  /**
   * The caller's agreements, any status, one page at a time: a pediatrician's by agreement id; a parent's child by
   * child (by child id), then by agreement id (the bookmark names both).
   */
  @Transaction(false)
  @Returns('string')
  public async ListMyAgreements(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
    const size = parsePageSize(pageSize);
    const actor = requireRole(ctx, 'parent', 'pediatrician');
    if (actor.role === 'pediatrician') {
      const start = parseBookmark(bookmark, [id]);
      return toJson(
        await recordPage(ctx, MEDICAL_TYPES.pediatricianAgreement, [actor.uid], size, start, (row) =>
          loadAgreement(ctx, row.attributes[0] ?? ''),
        ),
      );
    }
    const start = parseBookmark(bookmark, [id, AGREEMENT_OR_START]);
    return toJson(await guardianAgreementsPage(ctx, actor.uid, size, start));
  }

  /**
   * The caller's notices among the transactions `txIdsJson` names (the ids of the chaincode events the caller's app
   * received), in the order asked. A transaction without a notice and one whose notice is for someone else give the
   * same answer: nothing.
   */
  @Transaction(false)
  @Returns('string')
  public async ListMyNotices(ctx: PediLedgerContext, txIdsJson: string): Promise<string> {
    const txIds = parseJsonArg(NoticeTxIds, txIdsJson, 'txIdsJson');
    const actor = requireRole(ctx, 'parent', 'pediatrician');
    return toJson(await storedNoticesFor(ctx, actor, txIds));
  }

  /** The proposed agreement `agreementIdArg`, if the caller is the pediatrician it names. */
  async #proposedAgreementOfCaller(ctx: Context, agreementIdArg: unknown): Promise<Agreement> {
    const agreementId = parseArg(id, agreementIdArg, 'agreementId');
    const pediatrician = requireRole(ctx, 'pediatrician');
    const agreement = await loadAgreement(ctx, agreementId);
    if (agreement.pediatricianUid !== pediatrician.uid) {
      throw forbidden(`only the pediatrician named in agreement ${agreementId} may do this`);
    }
    if (agreement.status !== 'proposed')
      throw conflict(`agreement ${agreementId} is ${agreement.status}, not proposed`);
    return agreement;
  }
}
