import { Info } from 'fabric-contract-api';
import { PediLedgerContract, pingAnswer } from '../shared/pediLedgerContract';
import { declareTransactions, evaluate, submit } from '../shared/transactions';
import * as agreements from './agreements';
import * as cards from './cards';
import * as children from './children';
import * as notices from './notices';

/**
 * Agreements between guardians and pediatricians, and the children's medical cards. Every rule is enforced from the
 * caller's certificate (MSP ID + `uid`/`role` attributes), never from arguments.
 *
 * The deployed surface is the table below (contract `medical`, one line per transaction, names and parameters as
 * clients call them); each transaction runs in its aggregate's module: `agreements.ts`, `children.ts`, `cards.ts`,
 * and `notices.ts` for ListMyNotices. Each function there documents its transaction.
 */
@Info({ title: 'MedicalContract', description: "Agreements and children's medical cards on the medical channel" })
export class MedicalContract extends PediLedgerContract {
  constructor() {
    super('medical');
  }
}

declareTransactions(MedicalContract, {
  /** Who the chaincode sees as the caller: a smoke test of identity plumbing. */
  Ping: submit(pingAnswer),
  ProposeAgreement: submit(agreements.ProposeAgreement),
  AcceptAgreement: submit(agreements.AcceptAgreement),
  DeclineAgreement: submit(agreements.DeclineAgreement),
  TerminateAgreement: submit(agreements.TerminateAgreement),
  AddGuardian: submit(children.AddGuardian),
  SetGestationalAge: submit(children.SetGestationalAge),
  RecordMeasurement: submit(cards.RecordMeasurement),
  RecordImmunization: submit(cards.RecordImmunization),
  RecordAllergy: submit(cards.RecordAllergy),
  RecordCondition: submit(cards.RecordCondition),
  AddVisitNote: submit(cards.AddVisitNote),
  ReadMedicalCard: evaluate(cards.ReadMedicalCard),
  GetMedicalCardHistory: evaluate(cards.GetMedicalCardHistory),
  ReadCardEntry: evaluate(cards.ReadCardEntry),
  GetCardEntryHistory: evaluate(cards.GetCardEntryHistory),
  ReadChild: evaluate(children.ReadChild),
  ReadAgreement: evaluate(agreements.ReadAgreement),
  ListMyChildren: evaluate(children.ListMyChildren),
  ListMyAgreements: evaluate(agreements.ListMyAgreements),
  ListMyNotices: evaluate(notices.ListMyNotices),
});
