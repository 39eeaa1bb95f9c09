// Medical cards (chaincode `medical/cards.ts`, IPC `card:*`): the pediatrician records entries (measurements,
// immunizations, allergies, conditions, visit notes); the child's guardians and the pediatrician under an active
// agreement read the card and its history. The workflow steps and their IPC handlers.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import type { Committed, RecordCardEntryArgs } from '../../../shared/ipc/dto/workflow.ts';
import { EndorsementRefusedError } from '../fabric/errors.ts';
import type { Handlers } from '../ipc/handlers.ts';
import { ChaincodeAggregate } from './chaincodeAggregate.ts';
import {
  assembleCard,
  CardEntry,
  CardEntryHistoryPage,
  type CardEntryKind,
  CardHistoryPage,
  LIMITS,
  type MeasurementInput,
  type MedicalCard,
  MedicalCardSummary,
  type MedicalSubmission,
} from './schemas.ts';
import { InvalidInputError } from '../util/validateInput.ts';
import type { AggregateChannel, CurrentWorkflow } from './workflow.ts';

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

/** The `pageSize` and `bookmark` arguments of a paged read. */
function pageArgs(page: Readonly<PageRequest>): [string, string] {
  const size = page.pageSize ?? LIMITS.pageEntries;
  if (!Number.isInteger(size) || size < 1 || size > LIMITS.pageEntries) {
    throw new InvalidInputError('pageSize', [{ path: '', message: `must be 1 to ${LIMITS.pageEntries}` }]);
  }
  return [String(size), page.bookmark ?? ''];
}

/** The card transactions of the `medical` chaincode; an entry is never recorded twice, however often retried. */
export class Cards extends ChaincodeAggregate<MedicalSubmission> {
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
    const reconcile = async (): Promise<CardEntry | null> => {
      const existing = await this.#entryIfRecorded(childId, entryId);
      return existing !== null && sameEntry(existing, kind, entry) ? existing : null;
    };
    const args = [childId, entryId, JSON.stringify(entry)];
    return this.chaincode.submit(CARD_ENTRY_TRANSACTIONS[kind], args, CardEntry, { reconcile });
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
    return this.chaincode.evaluate('ReadMedicalCard', [childId], MedicalCardSummary);
  }

  /**
   * The child's whole card, every entry in its list: the summary, then the history page by page (each answer within
   * the chaincode's page limits, however old the card).
   */
  async readMedicalCard(childId: string): Promise<MedicalCard> {
    const summary = await this.readCardSummary(childId);
    const entries = await this.chaincode.evaluateAllPages('GetMedicalCardHistory', CardEntry, [childId]);
    return assembleCard(summary, entries);
  }

  /** One page of the card's entries, newest first; pass the answer's `bookmark` back for the next ('' = no more). */
  async getMedicalCardHistory(childId: string, page: Readonly<PageRequest> = {}): Promise<CardHistoryPage> {
    return this.chaincode.evaluate('GetMedicalCardHistory', [childId, ...pageArgs(page)], CardHistoryPage);
  }

  /** One entry of the card by its id. */
  async readCardEntry(childId: string, entryId: string): Promise<CardEntry> {
    return this.chaincode.evaluate('ReadCardEntry', [childId, entryId], CardEntry);
  }

  /** One page of an entry's ledger history (its versions, newest first). */
  async getCardEntryHistory(
    childId: string,
    entryId: string,
    page: Readonly<PageRequest> = {},
  ): Promise<CardEntryHistoryPage> {
    const args = [childId, entryId, ...pageArgs(page)];
    return this.chaincode.evaluate('GetCardEntryHistory', args, CardEntryHistoryPage);
  }

  /** The entry, or null when the card has no entry with that id. */
  async #entryIfRecorded(childId: string, entryId: string): Promise<CardEntry | null> {
    try {
      // Absent is an expected answer here, so NOT_FOUND is not retried: a lagging peer's NOT_FOUND at worst leads to
      // the same entry id being sent again, which the chaincode refuses as CONFLICT and this check then finds.
      const args = [childId, entryId];
      return await this.chaincode.evaluate('ReadCardEntry', args, CardEntry, { retryNotFound: false });
    } catch (error) {
      if (error instanceof EndorsementRefusedError && error.chaincodeCode === 'NOT_FOUND') return null;
      throw error;
    }
  }
}

/** The IPC entries of medical cards. */
export type CardChannel = AggregateChannel<'card'>;

/** The handlers of {@link CardChannel}, over the active identity's workflow. */
export function cardHandlers(workflow: CurrentWorkflow): Pick<Handlers, CardChannel> {
  const cards = (): Cards => workflow().cards;
  return {
    'card:recordEntry': (args) => cards().recordEntry(args),
    'card:read': ({ childId }) => cards().readMedicalCard(childId),
    'card:history': ({ childId, bookmark }) =>
      cards().getMedicalCardHistory(childId, bookmark === undefined ? {} : { bookmark }),
  };
}
