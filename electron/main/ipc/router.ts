import { describeIssues, safeIssues, type SafeIssue } from '@pediledger/domain';
import type { z } from 'zod';
import { toSerializableError } from '../../../shared/errors.ts';
import type { ChannelOf, ContractShape, InvokeEntry } from '../../../shared/ipc/define.ts';
import { formBoundsRule, withinFormBounds } from '../../../shared/ipc/dto/form.ts';
import { ipcErrorCodes, type IpcErrorDto } from '../../../shared/ipc/errors.ts';
import { fail, ok, type IpcResult } from '../../../shared/ipc/result.ts';
import { AppLockedError } from '../lock/errors.ts';
import { InvalidInputError } from '../util/validateInput.ts';
import type { CallContext, HandlersOf } from './handlers.ts';

/** Where the router reports failures that the caller only sees as a code (bugs, unexpected errors). */
export type RouterLog = (message: string, error?: unknown) => void;

/** Whether the app is locked right now (the app's `AppLock`). */
export interface LockGate {
  isLocked(): Promise<boolean>;
}

/** A gate for a router that has no app lock behind it (a shell started without services, a test contract). */
export const noAppLock: LockGate = { isLocked: () => Promise.resolve(false) };

/** Options of {@link createIpcRouter}. */
export interface IpcRouterOptions {
  /**
   * The app lock. Every entry declared `whileLocked: 'refuse'` is answered `APP_LOCKED` while it is locked, before
   * its arguments are parsed or its handler runs; a router cannot be built without one.
   */
  readonly lock: LockGate;
  readonly log?: RouterLog;
}

/** Routes untrusted calls to their handlers. The same router serves Electron IPC and the browser shell. */
export interface IpcRouter {
  /** The contract's entry names, for transports that register one listener per channel. */
  readonly channels: readonly string[];
  /**
   * Runs one call: checks the channel and args, runs the handler, checks the result. Never rejects: every failure
   * becomes an error envelope.
   */
  call(channel: string, args: unknown, context: CallContext): Promise<IpcResult<unknown>>;
}

interface Route {
  readonly entry: InvokeEntry;
  readonly run: (args: unknown, context: CallContext) => unknown;
}

/** Thrown values become the DTO: AppErrors keep their code, txId and details; anything else is `INTERNAL`. */
function toErrorDto(thrown: unknown): IpcErrorDto {
  const { code, message, txId, details } = toSerializableError(thrown);
  return { code, message, ...(txId === undefined ? {} : { txId }), ...(details === undefined ? {} : { details }) };
}

function invalidArgs(channel: string, issues: readonly SafeIssue[]): IpcErrorDto {
  return {
    code: ipcErrorCodes.invalidArgs,
    message: `Invalid arguments for ${channel}`,
    details: { issues: [...issues] },
  };
}

/** The entry's form fields whose raw value is outside IPC's bounds on a form (see `shared/ipc/dto/form.ts`). */
function formsOutOfBounds(entry: InvokeEntry, args: unknown): SafeIssue[] {
  const fields = entry.form ?? [];
  const value = (field: string): unknown =>
    typeof args === 'object' && args !== null ? (args as Record<string, unknown>)[field] : undefined;
  return fields
    .filter((field) => !withinFormBounds(value(field)))
    .map((field) => ({ path: field, message: `must be ${formBoundsRule}` }));
}

/**
 * The error of arguments that failed their entry's schema. When every failing issue lies inside the fields the entry
 * declares as the user's (`form`), the user typed something the domain's rules refuse: `INVALID_INPUT` naming those
 * fields. Anything else is a malformed call: `IPC_INVALID_ARGS`. Either way only field paths and rules are reported:
 * a rejected secret, key or child's name is never echoed back or logged.
 */
function argsErrorDto(channel: string, entry: InvokeEntry, error: z.ZodError): IpcErrorDto {
  const issues = safeIssues(error, entry.args, 20);
  const form = entry.form ?? [];
  // The user's: an issue inside a form field, or with its value, unless the field is missing or of the wrong type
  // altogether (the app did not send the form it should have).
  const userField = (issue: z.core.$ZodIssue): string | undefined => {
    const [field] = issue.path;
    if (typeof field !== 'string' || !form.includes(field)) return undefined;
    return issue.path.length === 1 && issue.code === 'invalid_type' ? undefined : field;
  };
  const fields = error.issues.map(userField);
  if (fields.length === 0 || fields.some((field) => field === undefined)) return invalidArgs(channel, issues);
  return toErrorDto(new InvalidInputError([...new Set(fields)].join(', '), issues));
}

/**
 * Builds the router for contract `C`. `handlers` must cover every entry (checked by {@link HandlersOf}); the channel
 * table is a Map, so names such as `__proto__` or `constructor` can never resolve to anything. Cross-cutting policy
 * declared per entry (its lock policy, its arguments and form fields, its result) is applied here, to every call,
 * whoever supplied the handler.
 */
export function createIpcRouter<C extends ContractShape>(
  contract: C,
  handlers: HandlersOf<C>,
  options: IpcRouterOptions,
): IpcRouter {
  const log = options.log ?? ((): void => undefined);
  const routes = new Map<string, Route>();
  for (const channel of Object.keys(contract.invoke) as ChannelOf<C>[]) {
    const entry = contract.invoke[channel];
    const handler = handlers[channel];
    if (entry === undefined || typeof handler !== 'function') throw new Error(`No handler for ${channel}`);
    // The router hands each handler only what its own entry's args schema produced, so this widening is sound.
    routes.set(channel, { entry, run: handler as (args: unknown, context: CallContext) => unknown });
  }

  return {
    channels: [...routes.keys()],
    async call(channel, args, context) {
      const route = routes.get(channel);
      if (route === undefined) {
        return fail({ code: ipcErrorCodes.unknownChannel, message: 'This operation is not part of the app contract' });
      }
      // First, so a locked app tells a caller nothing, not even whether its arguments would have been valid.
      if (route.entry.whileLocked !== 'serve' && (await options.lock.isLocked())) {
        return fail(toErrorDto(new AppLockedError()));
      }
      const outOfBounds = formsOutOfBounds(route.entry, args);
      if (outOfBounds.length > 0) return fail(invalidArgs(channel, outOfBounds));
      // The one parse of the arguments in main: handlers receive what the entry's schemas (the domain's) produced.
      const parsedArgs = await route.entry.args.safeParseAsync(args);
      if (!parsedArgs.success) return fail(argsErrorDto(channel, route.entry, parsedArgs.error));
      let value: unknown;
      try {
        value = await route.run(parsedArgs.data, context);
      } catch (error) {
        log(`${channel} failed`, error);
        return fail(toErrorDto(error));
      }
      const parsedResult = await route.entry.result.safeParseAsync(value);
      if (!parsedResult.success) {
        log(
          `${channel} returned a value outside its contract: ${describeIssues(parsedResult.error, route.entry.result)}`,
        );
        return fail({ code: ipcErrorCodes.invalidResult, message: `The app produced an invalid reply for ${channel}` });
      }
      return ok(parsedResult.data);
    },
  };
}
