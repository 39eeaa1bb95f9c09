// The `medical` chaincode in the form the app's screens use it: agreements, children and medical cards.
import { z } from 'zod';
import type { LedgerClient } from './ledgerClient.ts';
import { listMyNotices } from './notices.ts';
import {
  Agreement,
  AllergyInput,
  Child,
  ConditionInput,
  id,
  ImmunizationInput,
  MeasurementInput,
  MEDICAL_ENDORSERS,
  MedicalCard,
  MedicalCardVersion,
  type Notice,
  ProposeAgreementInput,
  Reason,
  VisitNoteInput,
} from './schemas.ts';
import { validateInput } from './validateInput.ts';

const CHANNEL = 'medical';
const CHAINCODE = 'medical';
const encoder = new TextEncoder();

type MedicalSubmission = keyof typeof MEDICAL_ENDORSERS;

/** Kinds of card entry, each with its transaction and input schema. */
const CARD_ENTRIES = {
  measurement: { transaction: 'RecordMeasurement', schema: MeasurementInput },
  immunization: { transaction: 'RecordImmunization', schema: ImmunizationInput },
  allergy: { transaction: 'RecordAllergy', schema: AllergyInput },
  condition: { transaction: 'RecordCondition', schema: ConditionInput },
  visitNote: { transaction: 'AddVisitNote', schema: VisitNoteInput },
} as const satisfies Record<string, { transaction: MedicalSubmission; schema: z.ZodType }>;

/** A committed change and the record the chaincode returned. */
export interface MedicalResult<T> {
  value: T;
  txId: string;
}

/**
 * Presents the `medical` chaincode in a form appropriate to the app: one typed method per user action, arguments
 * validated with the shared schemas before signing, answers decoded with them after. Creates and status changes are
 * idempotent on retry: a re-read that finds the change already made counts as success.
 */
export class MedicalWorkflow {
  readonly #ledger: LedgerClient;

  constructor(ledger: LedgerClient) {
    this.#ledger = ledger;
  }

  /** A parent proposes a care agreement (registering the child when `child` is given). */
  async proposeAgreement(input: z.input<typeof ProposeAgreementInput>): Promise<MedicalResult<Agreement>> {
    const checked = validateInput(ProposeAgreementInput, input, 'agreement');
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
  async acceptAgreement(agreementId: string): Promise<MedicalResult<Agreement>> {
    const checkedId = validateInput(id, agreementId, 'agreementId');
    return this.#submit('AcceptAgreement', [checkedId], Agreement, () => this.#agreementIn(checkedId, 'active'));
  }

  /** The named pediatrician declines a proposed agreement. */
  async declineAgreement(agreementId: string, reason: string): Promise<MedicalResult<Agreement>> {
    const checkedId = validateInput(id, agreementId, 'agreementId');
    const why = validateInput(Reason, reason, 'reason');
    return this.#submit('DeclineAgreement', [checkedId, why], Agreement, () =>
      this.#agreementIn(checkedId, 'declined'),
    );
  }

  /** A guardian or the agreement's pediatrician ends it; card access ends at once. */
  async terminateAgreement(agreementId: string): Promise<MedicalResult<Agreement>> {
    const checkedId = validateInput(id, agreementId, 'agreementId');
    return this.#submit('TerminateAgreement', [checkedId], Agreement, () => this.#agreementIn(checkedId, 'terminated'));
  }

  /** A guardian adds the child's second guardian. */
  async addGuardian(childId: string, guardianUid: string): Promise<MedicalResult<Child>> {
    const child = validateInput(id, childId, 'childId');
    const guardian = validateInput(id, guardianUid, 'guardianUid');
    return this.#submit('AddGuardian', [child, guardian], Child, async () => {
      const current = await this.readChild(child);
      return current.guardianUids.includes(guardian) ? current : null;
    });
  }

  /** Records a growth measurement. */
  async recordMeasurement(
    childId: string,
    entry: z.input<typeof MeasurementInput>,
  ): Promise<MedicalResult<MedicalCard>> {
    return this.#recordEntry('measurement', childId, entry);
  }

  /** Records an immunization. */
  async recordImmunization(
    childId: string,
    entry: z.input<typeof ImmunizationInput>,
  ): Promise<MedicalResult<MedicalCard>> {
    return this.#recordEntry('immunization', childId, entry);
  }

  /** Records an allergy. */
  async recordAllergy(childId: string, entry: z.input<typeof AllergyInput>): Promise<MedicalResult<MedicalCard>> {
    return this.#recordEntry('allergy', childId, entry);
  }

  /** Records a diagnosed condition. */
  async recordCondition(childId: string, entry: z.input<typeof ConditionInput>): Promise<MedicalResult<MedicalCard>> {
    return this.#recordEntry('condition', childId, entry);
  }

  /** Adds a visit note. */
  async addVisitNote(childId: string, entry: z.input<typeof VisitNoteInput>): Promise<MedicalResult<MedicalCard>> {
    return this.#recordEntry('visitNote', childId, entry);
  }

  /** The child's current medical card. */
  async readMedicalCard(childId: string): Promise<MedicalCard> {
    return this.#evaluate('ReadMedicalCard', [validateInput(id, childId, 'childId')], MedicalCard);
  }

  /** Every version of the card, oldest first, with transaction id, time and author. */
  async getMedicalCardHistory(childId: string): Promise<MedicalCardVersion[]> {
    return this.#evaluate(
      'GetMedicalCardHistory',
      [validateInput(id, childId, 'childId')],
      z.array(MedicalCardVersion),
    );
  }

  /** The child's registration record. */
  async readChild(childId: string): Promise<Child> {
    return this.#evaluate('ReadChild', [validateInput(id, childId, 'childId')], Child);
  }

  /** One agreement the caller is a party to. */
  async readAgreement(agreementId: string): Promise<Agreement> {
    return this.#evaluate('ReadAgreement', [validateInput(id, agreementId, 'agreementId')], Agreement);
  }

  /** A parent's children, or a pediatrician's children under active agreements. */
  async listMyChildren(): Promise<Child[]> {
    return this.#evaluate('ListMyChildren', [], z.array(Child));
  }

  /** The caller's agreements, any status. */
  async listMyAgreements(): Promise<Agreement[]> {
    return this.#evaluate('ListMyAgreements', [], z.array(Agreement));
  }

  /** The caller's notices among the transactions `txIds` (the ids of the `medical` events the app received). */
  async listMyNotices(txIds: readonly string[]): Promise<Notice[]> {
    return listMyNotices(this.#ledger, CHANNEL, txIds);
  }

  /** Card entries carry no id of their own, so they are not reconciled: an MVCC retry is safe (nothing was written). */
  async #recordEntry(
    kind: keyof typeof CARD_ENTRIES,
    childId: string,
    entry: unknown,
  ): Promise<MedicalResult<MedicalCard>> {
    const { transaction, schema } = CARD_ENTRIES[kind];
    const child = validateInput(id, childId, 'childId');
    const checked: unknown = validateInput(schema, entry, kind);
    return this.#submit(transaction, [child, JSON.stringify(checked)], MedicalCard);
  }

  async #agreementIn(agreementId: string, status: Agreement['status']): Promise<Agreement | null> {
    const agreement = await this.readAgreement(agreementId);
    return agreement.status === status ? agreement : null;
  }

  #evaluate<S extends z.ZodType>(transactionName: string, args: string[], schema: S): Promise<z.output<S>> {
    return this.#ledger.evaluate({ channel: CHANNEL, chaincode: CHAINCODE, transactionName, arguments: args }, schema);
  }

  #submit<S extends z.ZodType>(
    transactionName: MedicalSubmission,
    args: string[],
    schema: S,
    alreadyDone?: () => Promise<object | null>,
  ): Promise<MedicalResult<z.output<S>>> {
    return this.#ledger.submit(
      {
        channel: CHANNEL,
        chaincode: CHAINCODE,
        transactionName,
        arguments: args,
        endorsingOrganizations: MEDICAL_ENDORSERS[transactionName],
        ...(alreadyDone === undefined
          ? {}
          : {
              reconcile: async () => {
                const record = await alreadyDone();
                return record === null ? null : encoder.encode(JSON.stringify(record));
              },
            }),
      },
      schema,
    );
  }
}
