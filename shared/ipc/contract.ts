import {
  AdmissionRequest,
  Agreement,
  CardEntry,
  CardHistoryPage,
  Child,
  DirectoryEntry,
  MedicalCard,
  ReadReceipt,
  Report,
  ReportListEntry,
  ReportRead,
  ReportRequest,
  ReportStaleness,
  TimelineEvent,
} from '@pediledger/domain';
import { z } from 'zod';
import type { EventChannel, InvokeChannel } from './channels.ts';
import type { InvokeEntry } from './define.ts';
import { appInfoSchema } from './dto/app-info.ts';
import { connectionStateSchema } from './dto/connection.ts';
import { demoIdentitySchema, demoUseArgsSchema } from './dto/demo.ts';
import { directoryListArgsSchema, directoryPublishArgsSchema } from './dto/directory.ts';
import { caInfoArgsSchema, caInfoSchema, enrollArgsSchema, importPemArgsSchema } from './dto/enrollment.ts';
import { notificationSchema, txProgressSchema } from './dto/events.ts';
import { IdentitySummary } from '../schemas/identity.ts';
import { identityListSchema, identityRefSchema } from './dto/identity.ts';
import { lockStateSchema, setPinArgsSchema, unlockArgsSchema } from './dto/lock.ts';
import { fhirExportCardArgsSchema, fhirExportReportArgsSchema, fhirExportResultSchema } from './dto/fhir.ts';
import { savePdfArgsSchema, savePdfResultSchema } from './dto/print.ts';
import { connectionProfileSummarySchema, importProfileArgsSchema } from './dto/profiles.ts';
import {
  addGuardianArgsSchema,
  admissionRefSchema,
  agreementRefSchema,
  approveReportArgsSchema,
  cardHistoryArgsSchema,
  childRefSchema,
  committed,
  createAdmissionArgsSchema,
  createReportArgsSchema,
  createReportRequestArgsSchema,
  decideAdmissionArgsSchema,
  declineAgreementArgsSchema,
  declineReportRequestArgsSchema,
  proposeAgreementArgsSchema,
  recordCardEntryArgsSchema,
  recordList,
  reportRefSchema,
  replaceReportArgsSchema,
  revokeReportArgsSchema,
  setGestationalAgeArgsSchema,
} from './dto/workflow.ts';

const noArgs = z.undefined();

// The workflow entries' arguments and results are the domain's schemas (dto/workflow.ts): the router parses each
// once in main, `form` names the fields the user typed (INVALID_INPUT when only they fail), and the renderer uses
// each result as it comes.
//
// `satisfies` a mapped type over the channel lists: an entry missing here, or one that is not in channels.ts, fails
// to compile, so the preload (which works from the lists) and main (which works from these schemas) cannot drift.
//
// `whileLocked` is each entry's lock policy, which the router applies to every call. The entries served while the app
// is locked are what the lock screen needs, and nothing more: show who is signed in, switch to (or enroll, or import)
// another identity, add a connection profile, see the connection, lock and unlock. Reading or writing any record,
// saving a PDF, removing an identity or changing a PIN is refused. `contract.test.ts` pins this allow-list.
const invoke = {
  'app:info': { args: noArgs, result: appInfoSchema, whileLocked: 'serve' },
  'identity:list': { args: noArgs, result: identityListSchema, whileLocked: 'serve' },
  'identity:setActive': { args: identityRefSchema, result: IdentitySummary, whileLocked: 'serve' },
  'identity:remove': { args: identityRefSchema, result: z.null(), whileLocked: 'refuse' },
  'enrollment:caInfo': { args: caInfoArgsSchema, result: caInfoSchema, whileLocked: 'serve' },
  'enrollment:enroll': { args: enrollArgsSchema, result: IdentitySummary, whileLocked: 'serve' },
  'enrollment:importPem': { args: importPemArgsSchema, result: IdentitySummary, whileLocked: 'serve' },
  'profiles:list': { args: noArgs, result: z.array(connectionProfileSummarySchema).max(16), whileLocked: 'serve' },
  'profiles:import': { args: importProfileArgsSchema, result: connectionProfileSummarySchema, whileLocked: 'serve' },
  'demo:list': { args: noArgs, result: z.array(demoIdentitySchema).max(32), whileLocked: 'serve' },
  'demo:use': { args: demoUseArgsSchema, result: IdentitySummary, whileLocked: 'serve' },
  'lock:state': { args: noArgs, result: lockStateSchema, whileLocked: 'serve' },
  'lock:lock': { args: noArgs, result: lockStateSchema, whileLocked: 'serve' },
  'lock:unlock': { args: unlockArgsSchema, result: lockStateSchema, whileLocked: 'serve' },
  'lock:setPin': { args: setPinArgsSchema, result: lockStateSchema, whileLocked: 'refuse' },
  'connection:state': { args: noArgs, result: connectionStateSchema, whileLocked: 'serve' },
  'notifications:recent': { args: noArgs, result: z.array(notificationSchema).max(50), whileLocked: 'refuse' },
  'agreement:propose': {
    args: proposeAgreementArgsSchema,
    result: committed(Agreement),
    whileLocked: 'refuse',
    form: ['input'],
  },
  'agreement:accept': { args: agreementRefSchema, result: committed(Agreement), whileLocked: 'refuse' },
  'agreement:decline': {
    args: declineAgreementArgsSchema,
    result: committed(Agreement),
    whileLocked: 'refuse',
    form: ['reason'],
  },
  'agreement:terminate': { args: agreementRefSchema, result: committed(Agreement), whileLocked: 'refuse' },
  'agreements:listMine': { args: noArgs, result: recordList(Agreement), whileLocked: 'refuse' },
  'child:addGuardian': { args: addGuardianArgsSchema, result: committed(Child), whileLocked: 'refuse' },
  'child:setGestationalAge': {
    args: setGestationalAgeArgsSchema,
    result: committed(Child),
    whileLocked: 'refuse',
    form: ['gestationalAge'],
  },
  /** One child's events on both channels, newest first, as far as the caller may read them. */
  'child:timeline': { args: childRefSchema, result: recordList(TimelineEvent), whileLocked: 'refuse' },
  'children:listMine': { args: noArgs, result: recordList(Child), whileLocked: 'refuse' },
  /** One entry of any kind (`kind` picks the domain's input schema of `entry` and the transaction that records it). */
  'card:recordEntry': {
    args: recordCardEntryArgsSchema,
    result: committed(CardEntry),
    whileLocked: 'refuse',
    form: ['entry'],
  },
  'card:read': { args: childRefSchema, result: MedicalCard, whileLocked: 'refuse' },
  'card:history': { args: cardHistoryArgsSchema, result: CardHistoryPage, whileLocked: 'refuse' },
  'admission:create': {
    args: createAdmissionArgsSchema,
    result: committed(AdmissionRequest),
    whileLocked: 'refuse',
    form: ['input'],
  },
  'admission:decide': {
    args: decideAdmissionArgsSchema,
    result: committed(AdmissionRequest),
    whileLocked: 'refuse',
    form: ['reason'],
  },
  'admission:withdraw': { args: admissionRefSchema, result: committed(AdmissionRequest), whileLocked: 'refuse' },
  'admissions:listMine': { args: noArgs, result: recordList(AdmissionRequest), whileLocked: 'refuse' },
  'reportRequest:create': {
    args: createReportRequestArgsSchema,
    result: committed(ReportRequest),
    whileLocked: 'refuse',
    form: ['input'],
  },
  'reportRequest:decline': {
    args: declineReportRequestArgsSchema,
    result: committed(ReportRequest),
    whileLocked: 'refuse',
    form: ['reason'],
  },
  'reportRequests:listMine': { args: noArgs, result: recordList(ReportRequest), whileLocked: 'refuse' },
  'report:create': {
    args: createReportArgsSchema,
    result: committed(Report),
    whileLocked: 'refuse',
    form: ['fitness'],
  },
  'report:replace': {
    args: replaceReportArgsSchema,
    result: committed(Report),
    whileLocked: 'refuse',
    form: ['fitness'],
  },
  /** Whether the card changed since the report's card version, and which entries (kind, date) came since. */
  'report:staleness': { args: reportRefSchema, result: ReportStaleness, whileLocked: 'refuse' },
  'report:approve': {
    args: approveReportArgsSchema,
    result: committed(Report),
    whileLocked: 'refuse',
    form: ['schoolIds', 'validUntil'],
  },
  'report:revoke': { args: revokeReportArgsSchema, result: committed(Report), whileLocked: 'refuse' },
  'report:open': { args: reportRefSchema, result: committed(ReadReceipt), whileLocked: 'refuse' },
  'report:read': { args: reportRefSchema, result: ReportRead, whileLocked: 'refuse' },
  'report:receipts': { args: reportRefSchema, result: recordList(ReadReceipt), whileLocked: 'refuse' },
  'report:savePdf': { args: savePdfArgsSchema, result: savePdfResultSchema, whileLocked: 'refuse' },
  'fhir:exportCard': { args: fhirExportCardArgsSchema, result: fhirExportResultSchema, whileLocked: 'refuse' },
  'fhir:exportReport': { args: fhirExportReportArgsSchema, result: fhirExportResultSchema, whileLocked: 'refuse' },
  'reports:listMine': { args: noArgs, result: recordList(ReportListEntry), whileLocked: 'refuse' },
  'directory:list': { args: directoryListArgsSchema, result: recordList(DirectoryEntry), whileLocked: 'refuse' },
  'directory:readMine': { args: noArgs, result: DirectoryEntry.nullable(), whileLocked: 'refuse' },
  'directory:publish': {
    args: directoryPublishArgsSchema,
    result: committed(DirectoryEntry),
    whileLocked: 'refuse',
    form: ['displayName'],
  },
  'directory:withdraw': { args: noArgs, result: committed(DirectoryEntry), whileLocked: 'refuse' },
} satisfies { readonly [K in InvokeChannel]: InvokeEntry };

const events = {
  'connection:state': connectionStateSchema,
  notification: notificationSchema,
  'tx:progress': txProgressSchema,
  /** Main locked or unlocked the app (idle timeout in another window, the OS locking its screen). */
  'lock:state': lockStateSchema,
} satisfies { readonly [E in EventChannel]: z.ZodType };

/** The PediLedger IPC contract: the single source of truth for main, preload, browser shell and renderer. */
export const ipcContract = { invoke, events } as const;

/** The type of {@link ipcContract}. */
export type IpcContract = typeof ipcContract;
