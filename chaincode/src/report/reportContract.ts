import { Info } from 'fabric-contract-api';
import { PediLedgerContract, pingAnswer } from '../shared/pediLedgerContract';
import { declareTransactions, evaluate, submit } from '../shared/transactions';
import * as admissions from './admissions';
import * as directory from './directory';
import * as notices from './notices';
import * as reportRequests from './reportRequests';
import * as reports from './reports';

/**
 * Admission requests, report requests and school-entry reports. Report bodies never enter public state: they live in
 * the Hospital + Parents collection, and a copy goes to School's implicit collection only when a guardian approves.
 *
 * The deployed surface is the table below (contract `report`, one line per transaction, names and parameters as
 * clients call them); each transaction runs in its aggregate's module: `admissions.ts`, `reportRequests.ts`,
 * `reports.ts`, `directory.ts`, and `notices.ts` for ListMyNotices. Each function there documents its transaction.
 */
@Info({ title: 'ReportContract', description: 'Admission requests, report requests and reports on the report channel' })
export class ReportContract extends PediLedgerContract {
  constructor() {
    super('report');
  }
}

declareTransactions(ReportContract, {
  /** Who the chaincode sees as the caller: a smoke test of identity plumbing. */
  Ping: submit(pingAnswer),
  CreateAdmissionRequest: submit(admissions.CreateAdmissionRequest),
  DecideAdmissionRequest: submit(admissions.DecideAdmissionRequest),
  WithdrawAdmissionRequest: submit(admissions.WithdrawAdmissionRequest),
  CreateReportRequest: submit(reportRequests.CreateReportRequest),
  DeclineReportRequest: submit(reportRequests.DeclineReportRequest),
  CreateReport: submit(reports.CreateReport),
  ReplaceReport: submit(reports.ReplaceReport),
  ApproveReport: submit(reports.ApproveReport),
  RevokeReportPermission: submit(reports.RevokeReportPermission),
  OpenReport: submit(reports.OpenReport),
  ReadReport: evaluate(reports.ReadReport),
  GetReadReceipts: evaluate(reports.GetReadReceipts),
  ListMyAdmissionRequests: evaluate(admissions.ListMyAdmissionRequests),
  ListMyReportRequests: evaluate(reportRequests.ListMyReportRequests),
  ListMyReports: evaluate(reports.ListMyReports),
  PublishDirectoryEntry: submit(directory.PublishDirectoryEntry),
  WithdrawDirectoryEntry: submit(directory.WithdrawDirectoryEntry),
  ReadMyDirectoryEntry: evaluate(directory.ReadMyDirectoryEntry),
  ListDirectory: evaluate(directory.ListDirectory),
  ListMyNotices: evaluate(notices.ListMyNotices),
});
