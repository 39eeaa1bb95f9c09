import { DirectoryEntry } from '@pediledger/domain';
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
  cardEntryArgsSchema,
  cardHistoryArgsSchema,
  childRefSchema,
  committedSchema,
  createReportArgsSchema,
  decideAdmissionArgsSchema,
  declineAgreementArgsSchema,
  declineReportRequestArgsSchema,
  formArgsSchema,
  ledgerPageSchema,
  ledgerRecordListSchema,
  ledgerRecordSchema,
  reportRefSchema,
  replaceReportArgsSchema,
  revokeReportArgsSchema,
  setGestationalAgeArgsSchema,
} from './dto/workflow.ts';

const noArgs = z.undefined();

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
  'agreement:propose': { args: formArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'agreement:accept': { args: agreementRefSchema, result: committedSchema, whileLocked: 'refuse' },
  'agreement:decline': { args: declineAgreementArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'agreement:terminate': { args: agreementRefSchema, result: committedSchema, whileLocked: 'refuse' },
  'child:addGuardian': { args: addGuardianArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'child:setGestationalAge': { args: setGestationalAgeArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  /** One child's events on both channels, newest first, as far as the caller may read them. */
  'child:timeline': { args: childRefSchema, result: ledgerRecordListSchema, whileLocked: 'refuse' },
  'card:recordMeasurement': { args: cardEntryArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'card:recordImmunization': { args: cardEntryArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'card:recordAllergy': { args: cardEntryArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'card:recordCondition': { args: cardEntryArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'card:addVisitNote': { args: cardEntryArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'card:read': { args: childRefSchema, result: ledgerRecordSchema, whileLocked: 'refuse' },
  'card:history': { args: cardHistoryArgsSchema, result: ledgerPageSchema, whileLocked: 'refuse' },
  'children:listMine': { args: noArgs, result: ledgerRecordListSchema, whileLocked: 'refuse' },
  'agreements:listMine': { args: noArgs, result: ledgerRecordListSchema, whileLocked: 'refuse' },
  'admission:create': { args: formArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'admission:decide': { args: decideAdmissionArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'admission:withdraw': { args: admissionRefSchema, result: committedSchema, whileLocked: 'refuse' },
  'admissions:listMine': { args: noArgs, result: ledgerRecordListSchema, whileLocked: 'refuse' },
  'reportRequest:create': { args: formArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'reportRequest:decline': { args: declineReportRequestArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'reportRequests:listMine': { args: noArgs, result: ledgerRecordListSchema, whileLocked: 'refuse' },
  'report:create': { args: createReportArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'report:replace': { args: replaceReportArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  /** Whether the card changed since the report's card version, and which entries (kind, date) came since. */
  'report:staleness': { args: reportRefSchema, result: ledgerRecordSchema, whileLocked: 'refuse' },
  'report:approve': { args: approveReportArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'report:revoke': { args: revokeReportArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'report:open': { args: reportRefSchema, result: committedSchema, whileLocked: 'refuse' },
  'report:read': { args: reportRefSchema, result: ledgerRecordSchema, whileLocked: 'refuse' },
  'report:receipts': { args: reportRefSchema, result: ledgerRecordListSchema, whileLocked: 'refuse' },
  'report:savePdf': { args: savePdfArgsSchema, result: savePdfResultSchema, whileLocked: 'refuse' },
  'fhir:exportCard': { args: fhirExportCardArgsSchema, result: fhirExportResultSchema, whileLocked: 'refuse' },
  'fhir:exportReport': { args: fhirExportReportArgsSchema, result: fhirExportResultSchema, whileLocked: 'refuse' },
  'reports:listMine': { args: noArgs, result: ledgerRecordListSchema, whileLocked: 'refuse' },
  'directory:list': { args: directoryListArgsSchema, result: ledgerRecordListSchema, whileLocked: 'refuse' },
  // Typed with the domain schema end to end: the router parses the entry once, the renderer uses it as it comes.
  'directory:readMine': { args: noArgs, result: DirectoryEntry.nullable(), whileLocked: 'refuse' },
  'directory:publish': { args: directoryPublishArgsSchema, result: committedSchema, whileLocked: 'refuse' },
  'directory:withdraw': { args: noArgs, result: committedSchema, whileLocked: 'refuse' },
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
