import { Info, Returns, Transaction } from 'fabric-contract-api';
import { PediLedgerContext } from '../shared/context';
import { PediLedgerContract, pingAnswer } from '../shared/pediLedgerContract';
import * as admissions from './admissions';
import * as directory from './directory';
import * as notices from './notices';
import * as reportRequests from './reportRequests';
import * as reports from './reports';

/**
 * Admission requests, report requests and school-entry reports. Report bodies never enter public state: they live in
 * the Hospital + Parents collection, and a copy goes to School's implicit collection only when a guardian approves.
 *
 * This class is the deployed surface (contract `report`, one method per transaction, names and parameters as clients
 * call them); each transaction runs in its aggregate's module: `admissions.ts`, `reportRequests.ts`, `reports.ts`,
 * `directory.ts`, and `notices.ts` for ListMyNotices. Each function there documents its transaction.
 */
@Info({ title: 'ReportContract', description: 'Admission requests, report requests and reports on the report channel' })
export class ReportContract extends PediLedgerContract {
  constructor() {
    super('report');
  }

  /** Returns who the chaincode sees as the caller: a smoke test of identity plumbing. */
  @Transaction()
  @Returns('string')
  public Ping(ctx: PediLedgerContext): Promise<string> {
    return pingAnswer(ctx);
  }

  @Transaction()
  @Returns('string')
  public CreateAdmissionRequest(ctx: PediLedgerContext, requestJson: string): Promise<string> {
    return admissions.CreateAdmissionRequest(ctx, requestJson);
  }

  @Transaction()
  @Returns('string')
  public DecideAdmissionRequest(
    ctx: PediLedgerContext,
    requestId: string,
    decision: string,
    reason: string,
  ): Promise<string> {
    return admissions.DecideAdmissionRequest(ctx, requestId, decision, reason);
  }

  @Transaction()
  @Returns('string')
  public WithdrawAdmissionRequest(ctx: PediLedgerContext, requestId: string): Promise<string> {
    return admissions.WithdrawAdmissionRequest(ctx, requestId);
  }

  @Transaction()
  @Returns('string')
  public CreateReportRequest(ctx: PediLedgerContext, requestJson: string): Promise<string> {
    return reportRequests.CreateReportRequest(ctx, requestJson);
  }

  @Transaction()
  @Returns('string')
  public DeclineReportRequest(ctx: PediLedgerContext, reportRequestId: string, reason: string): Promise<string> {
    return reportRequests.DeclineReportRequest(ctx, reportRequestId, reason);
  }

  @Transaction()
  @Returns('string')
  public CreateReport(ctx: PediLedgerContext, reportId: string, reportRequestId: string): Promise<string> {
    return reports.CreateReport(ctx, reportId, reportRequestId);
  }

  @Transaction()
  @Returns('string')
  public ReplaceReport(ctx: PediLedgerContext, reportId: string, replacedReportId: string): Promise<string> {
    return reports.ReplaceReport(ctx, reportId, replacedReportId);
  }

  @Transaction()
  @Returns('string')
  public ApproveReport(
    ctx: PediLedgerContext,
    reportId: string,
    schoolIdsJson: string,
    validUntil: string,
  ): Promise<string> {
    return reports.ApproveReport(ctx, reportId, schoolIdsJson, validUntil);
  }

  @Transaction()
  @Returns('string')
  public RevokeReportPermission(ctx: PediLedgerContext, reportId: string, schoolId: string): Promise<string> {
    return reports.RevokeReportPermission(ctx, reportId, schoolId);
  }

  @Transaction()
  @Returns('string')
  public OpenReport(ctx: PediLedgerContext, reportId: string): Promise<string> {
    return reports.OpenReport(ctx, reportId);
  }

  @Transaction(false)
  @Returns('string')
  public ReadReport(ctx: PediLedgerContext, reportId: string): Promise<string> {
    return reports.ReadReport(ctx, reportId);
  }

  @Transaction(false)
  @Returns('string')
  public GetReadReceipts(ctx: PediLedgerContext, reportId: string): Promise<string> {
    return reports.GetReadReceipts(ctx, reportId);
  }

  @Transaction(false)
  @Returns('string')
  public ListMyAdmissionRequests(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
    return admissions.ListMyAdmissionRequests(ctx, pageSize, bookmark);
  }

  @Transaction(false)
  @Returns('string')
  public ListMyReportRequests(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
    return reportRequests.ListMyReportRequests(ctx, pageSize, bookmark);
  }

  @Transaction(false)
  @Returns('string')
  public ListMyReports(ctx: PediLedgerContext, pageSize: string, bookmark: string): Promise<string> {
    return reports.ListMyReports(ctx, pageSize, bookmark);
  }

  @Transaction()
  @Returns('string')
  public PublishDirectoryEntry(ctx: PediLedgerContext, displayName: string): Promise<string> {
    return directory.PublishDirectoryEntry(ctx, displayName);
  }

  @Transaction()
  @Returns('string')
  public WithdrawDirectoryEntry(ctx: PediLedgerContext): Promise<string> {
    return directory.WithdrawDirectoryEntry(ctx);
  }

  @Transaction(false)
  @Returns('string')
  public ReadMyDirectoryEntry(ctx: PediLedgerContext): Promise<string> {
    return directory.ReadMyDirectoryEntry(ctx);
  }

  @Transaction(false)
  @Returns('string')
  public ListDirectory(ctx: PediLedgerContext, kind: string): Promise<string> {
    return directory.ListDirectory(ctx, kind);
  }

  @Transaction(false)
  @Returns('string')
  public ListMyNotices(ctx: PediLedgerContext, txIdsJson: string): Promise<string> {
    return notices.ListMyNotices(ctx, txIdsJson);
  }
}
