import { z } from 'zod';
import type { EventChannel, InvokeChannel } from './channels.ts';
import type { InvokeEntry } from './define.ts';
import { appInfoSchema } from './dto/app-info.ts';
import { connectionStateSchema } from './dto/connection.ts';
import { directoryListArgsSchema, directoryPublishArgsSchema } from './dto/directory.ts';
import { caInfoArgsSchema, caInfoSchema, enrollArgsSchema, importPemArgsSchema } from './dto/enrollment.ts';
import { notificationSchema, txProgressSchema } from './dto/events.ts';
import { IdentitySummary } from '../schemas/identity.ts';
import { identityListSchema, identityRefSchema } from './dto/identity.ts';
import { lockStateSchema, setPinArgsSchema, unlockArgsSchema } from './dto/lock.ts';
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
  revokeReportArgsSchema,
} from './dto/workflow.ts';

const noArgs = z.undefined();

// `satisfies` a mapped type over the channel lists: an entry missing here, or one that is not in channels.ts, fails
// to compile, so the preload (which works from the lists) and main (which works from these schemas) cannot drift.
const invoke = {
  'app:info': { args: noArgs, result: appInfoSchema },
  'identity:list': { args: noArgs, result: identityListSchema },
  'identity:setActive': { args: identityRefSchema, result: IdentitySummary },
  'identity:remove': { args: identityRefSchema, result: z.null() },
  'enrollment:caInfo': { args: caInfoArgsSchema, result: caInfoSchema },
  'enrollment:enroll': { args: enrollArgsSchema, result: IdentitySummary },
  'enrollment:importPem': { args: importPemArgsSchema, result: IdentitySummary },
  'profiles:list': { args: noArgs, result: z.array(connectionProfileSummarySchema).max(16) },
  'profiles:import': { args: importProfileArgsSchema, result: connectionProfileSummarySchema },
  'lock:state': { args: noArgs, result: lockStateSchema },
  'lock:lock': { args: noArgs, result: lockStateSchema },
  'lock:unlock': { args: unlockArgsSchema, result: lockStateSchema },
  'lock:setPin': { args: setPinArgsSchema, result: lockStateSchema },
  'connection:state': { args: noArgs, result: connectionStateSchema },
  'notifications:recent': { args: noArgs, result: z.array(notificationSchema).max(50) },
  'agreement:propose': { args: formArgsSchema, result: committedSchema },
  'agreement:accept': { args: agreementRefSchema, result: committedSchema },
  'agreement:decline': { args: declineAgreementArgsSchema, result: committedSchema },
  'agreement:terminate': { args: agreementRefSchema, result: committedSchema },
  'child:addGuardian': { args: addGuardianArgsSchema, result: committedSchema },
  'card:recordMeasurement': { args: cardEntryArgsSchema, result: committedSchema },
  'card:recordImmunization': { args: cardEntryArgsSchema, result: committedSchema },
  'card:recordAllergy': { args: cardEntryArgsSchema, result: committedSchema },
  'card:recordCondition': { args: cardEntryArgsSchema, result: committedSchema },
  'card:addVisitNote': { args: cardEntryArgsSchema, result: committedSchema },
  'card:read': { args: childRefSchema, result: ledgerRecordSchema },
  'card:history': { args: cardHistoryArgsSchema, result: ledgerPageSchema },
  'children:listMine': { args: noArgs, result: ledgerRecordListSchema },
  'agreements:listMine': { args: noArgs, result: ledgerRecordListSchema },
  'admission:create': { args: formArgsSchema, result: committedSchema },
  'admission:decide': { args: decideAdmissionArgsSchema, result: committedSchema },
  'admission:withdraw': { args: admissionRefSchema, result: committedSchema },
  'admissions:listMine': { args: noArgs, result: ledgerRecordListSchema },
  'reportRequest:create': { args: formArgsSchema, result: committedSchema },
  'reportRequest:decline': { args: declineReportRequestArgsSchema, result: committedSchema },
  'reportRequests:listMine': { args: noArgs, result: ledgerRecordListSchema },
  'report:create': { args: createReportArgsSchema, result: committedSchema },
  'report:approve': { args: approveReportArgsSchema, result: committedSchema },
  'report:revoke': { args: revokeReportArgsSchema, result: committedSchema },
  'report:open': { args: reportRefSchema, result: committedSchema },
  'report:read': { args: reportRefSchema, result: ledgerRecordSchema },
  'report:receipts': { args: reportRefSchema, result: ledgerRecordListSchema },
  'report:savePdf': { args: savePdfArgsSchema, result: savePdfResultSchema },
  'reports:listMine': { args: noArgs, result: ledgerRecordListSchema },
  'directory:list': { args: directoryListArgsSchema, result: ledgerRecordListSchema },
  'directory:publish': { args: directoryPublishArgsSchema, result: committedSchema },
  'directory:withdraw': { args: noArgs, result: committedSchema },
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
