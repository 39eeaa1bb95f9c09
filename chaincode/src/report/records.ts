import type { Context } from 'fabric-contract-api';
import type { z } from 'zod';
import { notFound } from '../shared/errors';
import { parseStored, readRecord } from '../shared/ledger';
import {
  AdmissionRequest,
  compareDirectoryEntries,
  DirectoryEntry,
  type DirectoryKind,
  ReadReceipt,
  Report,
  ReportRequest,
} from '@pediledger/domain';
import { REPORT_TYPES, reportKeys } from './keys';

// Typed reads of report-channel records. Each returns the validated record or throws NOT_FOUND.

async function load<S extends z.ZodType>(ctx: Context, key: string, schema: S, what: string): Promise<z.infer<S>> {
  const record = await readRecord(ctx, key, schema);
  if (record === undefined) throw notFound(`${what} does not exist`);
  return record;
}

/** The admission request, or `NOT_FOUND:`. */
export function loadAdmission(ctx: Context, requestId: string): Promise<AdmissionRequest> {
  return load(ctx, reportKeys.admission(ctx, requestId), AdmissionRequest, `admission request ${requestId}`);
}

/** The report request, or `NOT_FOUND:`. */
export function loadReportRequest(ctx: Context, reportRequestId: string): Promise<ReportRequest> {
  return load(ctx, reportKeys.reportRequest(ctx, reportRequestId), ReportRequest, `report request ${reportRequestId}`);
}

/** The report's public record, or `NOT_FOUND:`. */
export function loadReport(ctx: Context, reportId: string): Promise<Report> {
  return load(ctx, reportKeys.report(ctx, reportId), Report, `report ${reportId}`);
}

/** Every read receipt of a report, oldest first. */
export async function receiptsOf(ctx: Context, reportId: string): Promise<ReadReceipt[]> {
  const receipts: ReadReceipt[] = [];
  for await (const entry of ctx.stub.getStateByPartialCompositeKey(REPORT_TYPES.receipt, [reportId])) {
    receipts.push(parseStored(ReadReceipt, entry.value, 'read receipt'));
  }
  return receipts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/** The directory entry of `kind` and `entryId`, or undefined. */
export function findDirectoryEntry(
  ctx: Context,
  kind: DirectoryKind,
  entryId: string,
): Promise<DirectoryEntry | undefined> {
  return readRecord(ctx, reportKeys.directoryEntry(ctx, kind, entryId), DirectoryEntry);
}

/** Every directory entry of `kind`, by display name (case-insensitive, then exact), then id. */
export async function directoryOf(ctx: Context, kind: DirectoryKind): Promise<DirectoryEntry[]> {
  const entries: DirectoryEntry[] = [];
  for await (const entry of ctx.stub.getStateByPartialCompositeKey(REPORT_TYPES.directory, [kind])) {
    entries.push(parseStored(DirectoryEntry, entry.value, 'directory entry'));
  }
  return entries.sort(compareDirectoryEntries);
}
