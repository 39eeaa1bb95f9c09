import { z } from 'zod';
import type { EventChannel, InvokeChannel } from './channels.ts';
import type { InvokeEntry } from './define.ts';
import { appInfoSchema } from './dto/app-info.ts';
import { connectionStateSchema } from './dto/connection.ts';
import { caInfoArgsSchema, caInfoSchema, enrollArgsSchema, importPemArgsSchema } from './dto/enrollment.ts';
import { notificationSchema, txProgressSchema } from './dto/events.ts';
import { IdentitySummary } from '../schemas/identity.ts';
import { identityListSchema, identityRefSchema } from './dto/identity.ts';
import { connectionProfileSummarySchema } from './dto/profiles.ts';

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
  'connection:state': { args: noArgs, result: connectionStateSchema },
} satisfies { readonly [K in InvokeChannel]: InvokeEntry };

const events = {
  'connection:state': connectionStateSchema,
  notification: notificationSchema,
  'tx:progress': txProgressSchema,
} satisfies { readonly [E in EventChannel]: z.ZodType };

/** The PediLedger IPC contract: the single source of truth for main, preload, browser shell and renderer. */
export const ipcContract = { invoke, events } as const;

/** The type of {@link ipcContract}. */
export type IpcContract = typeof ipcContract;
