// The `medical` chaincode in the form the app's screens use it: agreements, children and medical cards.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { Committed, RecordCardEntryArgs } from '../../../shared/ipc/dto/workflow.ts';
import { EndorsementRefusedError } from '../fabric/errors.ts';
import type { ChaincodeClient } from './ledgerClient.ts';
import { listMyNotices } from './notices.ts';
import {
  Agreement,
  CardEntry,
  CardEntryHistoryPage,
  type CardEntryKind,
  CardHistoryPage,
  Child,
  type GestationalAge,
  LIMITS,
  type MeasurementInput,
  MEDICAL_ENDORSERS,
  assembleCard,
  type MedicalCard,
  MedicalCardSummary,
  type Notice,
  type ProposeAgreementInput,
} from './schemas.ts';
import { InvalidInputError } from './validateInput.ts';

/** The transactions of the `medical` chaincode that write, each endorsed by the organisations of the map. */
export type MedicalSubmission = keyof typeof MEDICAL_ENDORSERS;

/** The transaction that records each kind of card entry. */
const CARD_ENTRY_TRANSACTIONS = {
  measurement: 'RecordMeasurement',
  immunization: 'RecordImmunization',
  allergy: 'RecordAllergy',
  condition: 'RecordCondition',
  visitNote: 'AddVisitNote',
} as const satisfies Record<CardEntryKind, MedicalSubmission>;

/** Which page of a paged read: the chaincode's maximum page size and the first page unless told otherwise. */
export interface PageRequest {
  pageSize?: number;
  bookmark?: string;
}

/** Whether a card entry on the ledger is the one `fields` would record as `kind` (whoever recorded it, whenever). */
function sameEntry(entry: CardEntry, kind: CardEntryKind, fields: unknown): boolean {
  const recordOnly = new Set(['kind', 'entryId', 'childId', 'recordedBy', 'recordedAt', 'txId']);
  const content = Object.fromEntries(Object.entries(entry).filter(([key]) => !recordOnly.has(key)));
  return entry.kind === kind && isDeepStrictEqual(content, fields);
}

/**
 * Presents the `medical` chaincode in a form appropriate to the app: one typed method per user action, taking the
 * domain's parsed values (the IPC router parsed them with the domain schemas; the chaincode checks them again),
 * answers decoded with the domain schemas. Creates and status changes are
 * idempotent on retry: a re-read that finds the change already made counts as success.
 */
export class MedicalWorkflow {
  readonly #chaincode: ChaincodeClient<MedicalSubmission>;

  /** @param chaincode the `medical` chaincode on the `medical` channel, with {@link MEDICAL_ENDORSERS}. */
  constructor(chaincode: ChaincodeClient<MedicalSubmission>) {
    this.#chaincode = chaincode;
  }

  /** A parent proposes a care agreement (registering the child when `child` is given). */
  async proposeAgreement(checked: ProposeAgreementInput): Promise<Committed<Agreement>> {
    return this.#submit('ProposeAgreement', [JSON.stringify(checked)], Agreement, async () => {
      const existing = await this.readAgreement(checked.agreementId);
      const same =
        existing.childId === checked.childId &&
        existing.pediatricianUid === checked.pediatricianUid &&
        existing.purpose === checked.purpose &&
        existing.validUntil === checked.validUntil;
      return same ? existing : null;
    });
  }

  /** The named pediatrician accepts a proposed agreement (the card is created on first acceptance). */
  async acceptAgreement(agreementId: string): Promise<Committed<Agreement>> {
    return this.#submit('AcceptAgreement', [agreementId], Agreement, () => this.#agreementIn(agreementId, 'active'));
  }

  /** The named pediatrician declines a proposed agreement. */
  async declineAgreement(agreementId: string, reason: string): Promise<Committed<Agreement>> {
    return this.#submit('DeclineAgreement', [agreementId, reason], Agreement, () =>
      this.#agreementIn(agreementId, 'declined'),
    );
  }

  /** A guardian or the agreement's pediatrician ends it; card access ends at once. */
  async terminateAgreement(agreementId: string): Promise<Committed<Agreement>> {
    return this.#submit('TerminateAgreement', [agreementId], Agreement, () =>
      this.#agreementIn(agreementId, 'terminated'),
    );
  }

  /** A guardian adds the child's second guardian. */
  async addGuardian(childId: string, guardianUid: string): Promise<Committed<Child>> {
    return this.#submit('AddGuardian', [childId, guardianUid], Child, async () => {
      const current = await this.readChild(childId);
      return current.guardianUids.includes(guardianUid) ? current : null;
    });
  }

  /**
   * The pediatrician records (or corrects) the child's gestational age at birth after registration. A retry whose
   * first try landed finds the child with this value and counts as done.
   */
  async setGestationalAge(childId: string, value: GestationalAge): Promise<Committed<Child>> {
    return this.#submit('SetGestationalAge', [childId, JSON.stringify(value)], Child, async () => {
      const current = await this.readChild(childId);
      const same = current.gestationalAge?.weeks === value.weeks && current.gestationalAge.days === value.days;
      return same ? current : null;
    });
  }

  /**
   * Records one entry of `kind` under `entryId` (a fresh UUID when absent), which stays the same across every retry:
   * the chaincode refuses a second entry with that id, and reconcile counts an entry already there with the same
   * content as this write's success (an earlier try whose outcome was lost), so an entry is never recorded twice.
   */
  async recordEntry({
    kind,
    childId,
    entryId = randomUUID(),
    entry,
  }: RecordCardEntryArgs): Promise<Committed<CardEntry>> {
    return this.#submit(
      CARD_ENTRY_TRANSACTIONS[kind],
      [childId, entryId, JSON.stringify(entry)],
      CardEntry,
      async () => {
        const existing = await this.#entryIfRecorded(childId, entryId);
        return existing !== null && sameEntry(existing, kind, entry) ? existing : null;
      },
    );
  }

  /**
   * Records a growth measurement: {@link recordEntry} of kind `measurement`, kept as its own method for the fault
   * suite's load (`electron/test/faults.ts`), which calls it by this name.
   */
  async recordMeasurement(childId: string, entry: MeasurementInput, entryId?: string): Promise<Committed<CardEntry>> {
    return this.recordEntry({ kind: 'measurement', childId, entry, ...(entryId === undefined ? {} : { entryId }) });
  }

  /** The card without its entries: version, newest write, counts by kind. */
  async readCardSummary(childId: string): Promise<MedicalCardSummary> {
    return this.#evaluate('ReadMedicalCard', [childId], MedicalCardSummary);
  }

  /**
   * The child's whole card, every entry in its list: the summary, then the history page by page (each answer within
   * the chaincode's page limits, however old the card).
   */
  async readMedicalCard(childId: string): Promise<MedicalCard> {
    const summary = await this.readCardSummary(childId);
    const entries = await this.#chaincode.evaluateAllPages('GetMedicalCardHistory', CardEntry, [childId]);
    return assembleCard(summary, entries);
  }

  /** One page of the card's entries, newest first; pass the answer's `bookmark` back for the next ('' = no more). */
  async getMedicalCardHistory(childId: string, page: Readonly<PageRequest> = {}): Promise<CardHistoryPage> {
    return this.#evaluate('GetMedicalCardHistory', [childId, ...this.#pageArgs(page)], CardHistoryPage);
  }

  /** One entry of the card by its id. */
  async readCardEntry(childId: string, entryId: string): Promise<CardEntry> {
    return this.#evaluate('ReadCardEntry', [childId, entryId], CardEntry);
  }

  /** One page of an entry's ledger history (its versions, newest first). */
  async getCardEntryHistory(
    childId: string,
    entryId: string,
    page: Readonly<PageRequest> = {},
  ): Promise<CardEntryHistoryPage> {
    return this.#evaluate('GetCardEntryHistory', [childId, entryId, ...this.#pageArgs(page)], CardEntryHistoryPage);
  }

  /** The child's registration record. */
  async readChild(childId: string): Promise<Child> {
    return this.#evaluate('ReadChild', [childId], Child);
  }

  /** One agreement the caller is a party to. */
  async readAgreement(agreementId: string): Promise<Agreement> {
    return this.#evaluate('ReadAgreement', [agreementId], Agreement);
  }

  /** A parent's children, or a pediatrician's children under active agreements (every page). */
  async listMyChildren(): Promise<Child[]> {
    return this.#chaincode.evaluateAllPages('ListMyChildren', Child);
  }

  /** The caller's agreements, any status (every page). */
  async listMyAgreements(): Promise<Agreement[]> {
    return this.#chaincode.evaluateAllPages('ListMyAgreements', Agreement);
  }

  /** The caller's notices among the transactions `txIds` (the ids of the `medical` events the app received). */
  async listMyNotices(txIds: readonly string[]): Promise<Notice[]> {
    return listMyNotices(this.#chaincode, txIds);
  }

  /** The entry, or null when the card has no entry with that id. */
  async #entryIfRecorded(childId: string, entryId: string): Promise<CardEntry | null> {
    try {
      // Absent is an expected answer here, so NOT_FOUND is not retried: a lagging peer's NOT_FOUND at worst leads to
      // the same entry id being sent again, which the chaincode refuses as CONFLICT and this check then finds.
      const args = [childId, entryId];
      return await this.#chaincode.evaluate('ReadCardEntry', args, CardEntry, { retryNotFound: false });
    } catch (error) {
      if (error instanceof EndorsementRefusedError && error.chaincodeCode === 'NOT_FOUND') return null;
      throw error;
    }
  }

  #pageArgs(page: Readonly<PageRequest>): [string, string] {
    const size = page.pageSize ?? LIMITS.pageEntries;
    if (!Number.isInteger(size) || size < 1 || size > LIMITS.pageEntries) {
      throw new InvalidInputError('pageSize', [{ path: '', message: `must be 1 to ${LIMITS.pageEntries}` }]);
    }
    return [String(size), page.bookmark ?? ''];
  }

  async #agreementIn(agreementId: string, status: Agreement['status']): Promise<Agreement | null> {
    const agreement = await this.readAgreement(agreementId);
    return agreement.status === status ? agreement : null;
  }

  #evaluate<S extends z.ZodType>(transactionName: string, args: string[], schema: S): Promise<z.output<S>> {
    return this.#chaincode.evaluate(transactionName, args, schema);
  }

  #submit<S extends z.ZodType>(
    transactionName: MedicalSubmission,
    args: string[],
    schema: S,
    reconcile?: () => Promise<object | null>,
  ): Promise<Committed<z.output<S>>> {
    return this.#chaincode.submit(transactionName, args, schema, reconcile === undefined ? {} : { reconcile });
  }
}
