import { Info, Returns, Transaction } from 'fabric-contract-api';
import { PediLedgerContext } from '../shared/context';
import { PediLedgerContract, pingAnswer } from '../shared/pediLedgerContract';
import * as agreements from './agreements';
import * as cards from './cards';
import * as children from './children';
import * as notices from './notices';

/**
 * Agreements between guardians and pediatricians, and the children's medical cards. Every rule is enforced from the
 * caller's certificate (MSP ID + `uid`/`role` attributes), never from arguments.
 *
 * This class is the deployed surface (contract `medical`, one method per transaction, names and parameters as clients
 * call them); each transaction runs in its aggregate's module: `agreements.ts`, `children.ts`, `cards.ts`, and
 * `notices.ts` for ListMyNotices. Each function there documents its transaction.
 */
@Info({ title: 'MedicalContract', description: "Agreements and children's medical cards on the medical channel" })
export class MedicalContract extends PediLedgerContract {
  constructor() {
    super('medical');
  }

  /** Returns who the chaincode sees as the caller: a smoke test of identity plumbing. */
  @Transaction()
  @Returns('string')
  public Ping(ctx: PediLedgerContext): Promise<string> {
    return pingAnswer(ctx);
  }

  @Transaction()
  @Returns('string')
  public ProposeAgreement(ctx: PediLedgerContext, agreementJson: string): Promise<string> {
    return agreements.ProposeAgreement(ctx, agreementJson);
  }

  @Transaction()
  @Returns('string')
  public AcceptAgreement(ctx: PediLedgerContext, agreementId: string): Promise<string> {
    return agreements.AcceptAgreement(ctx, agreementId);
  }

  @Transaction()
  @Returns('string')
  public DeclineAgreement(ctx: PediLedgerContext, agreementId: string, reason: string): Promise<string> {
    return agreements.DeclineAgreement(ctx, agreementId, reason);
  }

  @Transaction()
  @Returns('string')
  public TerminateAgreement(ctx: PediLedgerContext, agreementId: string): Promise<string> {
    return agreements.TerminateAgreement(ctx, agreementId);
  }

  @Transaction()
  @Returns('string')
  public AddGuardian(ctx: PediLedgerContext, childId: string, guardianUid: string): Promise<string> {
    return children.AddGuardian(ctx, childId, guardianUid);
  }

  @Transaction()
  @Returns('string')
  public SetGestationalAge(ctx: PediLedgerContext, childId: string, gestationalAgeJson: string): Promise<string> {
    return children.SetGestationalAge(ctx, childId, gestationalAgeJson);
  }

  @Transaction()
  @Returns('string')
  public RecordMeasurement(
    ctx: PediLedgerContext,
    childId: string,
    entryId: string,
    entryJson: string,
  ): Promise<string> {
    return cards.RecordMeasurement(ctx, childId, entryId, entryJson);
  }

  @Transaction()
  @Returns('string')
  public RecordImmunization(
    ctx: PediLedgerContext,
    childId: string,
    entryId: string,
    entryJson: string,
  ): Promise<string> {
    return cards.RecordImmunization(ctx, childId, entryId, entryJson);
  }

  @Transaction()
  @Returns('string')
  public RecordAllergy(ctx: PediLedgerContext, childId: string, entryId: string, entryJson: string): Promise<string> {
    return cards.RecordAllergy(ctx, childId, entryId, entryJson);
  }

  @Transaction()
  @Returns('string')
  public RecordCondition(ctx: PediLedgerContext, childId: string, entryId: string, entryJson: string): Promise<string> {
    return cards.RecordCondition(ctx, childId, entryId, entryJson);
  }

  @Transaction()
  @Returns('string')
  public AddVisitNote(ctx: PediLedgerContext, childId: string, entryId: string, entryJson: string): Promise<string> {
    return cards.AddVisitNote(ctx, childId, entryId, entryJson);
  }

  @Transaction(false)
  @Returns('string')
  public ReadMedicalCard(ctx: PediLedgerContext, childId: string): Promise<string> {
    return cards.ReadMedicalCard(ctx, childId);
  }

  @Transaction(false)
  @Returns('string')
  public GetMedicalCardHistory(
    ctx: PediLedgerContext,
    childId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    return cards.GetMedicalCardHistory(ctx, childId, pageSize, bookmark);
  }

  @Transaction(false)
  @Returns('string')
  public ReadCardEntry(ctx: PediLedgerContext, childId: string, entryId: string): Promise<string> {
    return cards.ReadCardEntry(ctx, childId, entryId);
  }

  @Transaction(false)
  @Returns('string')
  public GetCardEntryHistory(
    ctx: PediLedgerContext,
    childId: string,
    entryId: string,
    pageSize: string,
    bookmark: string,
  ): Promise<string> {
    return cards.GetCardEntryHistory(ctx, childId, entryId, pageSize, bookmark);
  }

  @Transaction(false)
  @Returns('string')
  public ReadChild(ctx: PediLedgerContext, childId: string): Promise<string> {
    return children.ReadChild(ctx, childId);
  }

  @Transaction(false)
  @Returns('string')
  public ReadAgreement(ctx: PediLedgerContext, agreementId: string): Promise<string> {
    return agreements.ReadAgreement(ctx, agreementId);
  }

  @Transaction(false)
  @Returns('string')
  public ListMyChildren(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
    return children.ListMyChildren(ctx, pageSize, bookmark);
  }

  @Transaction(false)
  @Returns('string')
  public ListMyAgreements(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
    return agreements.ListMyAgreements(ctx, pageSize, bookmark);
  }

  @Transaction(false)
  @Returns('string')
  public ListMyNotices(ctx: PediLedgerContext, txIdsJson: string): Promise<string> {
    return notices.ListMyNotices(ctx, txIdsJson);
  }
}
