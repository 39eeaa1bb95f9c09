import { errorCodes, type AppErrorCode } from '@pediledger/domain';

/**
 * The one error shape that crosses a process boundary. Electron's `ipcMain.handle` keeps only an Error's message when
 * it rejects, so every handler failure travels as this plain, structured-clone- and JSON-safe object instead.
 */
export interface IpcErrorDto {
  /** Stable, machine-readable code (for example `IPC_INVALID_ARGS`, `NOT_FOUND`, `ENDORSEMENT_FAILED`). */
  readonly code: string;
  /** Human-readable message, safe to show to the user: never key material, secrets or stack traces. */
  readonly message: string;
  /** The Fabric transaction id, when the failure belongs to a submitted transaction. */
  readonly txId?: string;
  /** Extra JSON-safe data for the caller (validation issues, the endorsing peer, …). */
  readonly details?: unknown;
}

/** The IPC layer's own codes, by their names here; the codes themselves live in the one vocabulary (errorCodes.ts). */
export const ipcErrorCodes = {
  /** The channel is not part of the contract. */
  unknownChannel: errorCodes.ipcUnknownChannel,
  /** The arguments did not match the entry's schema. */
  invalidArgs: errorCodes.ipcInvalidArgs,
  /** The handler returned something its entry's result schema rejects: a bug in main, never the caller's fault. */
  invalidResult: errorCodes.ipcInvalidResult,
  /** The message came from a frame or origin that is not the app's own. */
  forbiddenSender: errorCodes.ipcForbiddenSender,
  /** The call never reached a handler (bridge down, connection lost, malformed reply). */
  transport: errorCodes.ipcTransport,
  /** Answered only by the test seam for entries a test does not serve. */
  notImplemented: errorCodes.notImplemented,
  /** An unexpected failure; its details are in main's log, not in the reply. */
  internal: errorCodes.internal,
} as const satisfies Record<string, AppErrorCode>;
