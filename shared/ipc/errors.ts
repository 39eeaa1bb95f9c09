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

/** Error codes produced by the IPC layer itself; services define their own codes next to their errors. */
export const ipcErrorCodes = {
  /** The channel is not part of the contract. */
  unknownChannel: 'IPC_UNKNOWN_CHANNEL',
  /** The arguments did not match the entry's schema. */
  invalidArgs: 'IPC_INVALID_ARGS',
  /** The handler returned something its entry's result schema rejects: a bug in main, never the caller's fault. */
  invalidResult: 'IPC_INVALID_RESULT',
  /** The message came from a frame or origin that is not the app's own. */
  forbiddenSender: 'IPC_FORBIDDEN_SENDER',
  /** The call never reached a handler (bridge down, connection lost, malformed reply). */
  transport: 'IPC_TRANSPORT',
  /** The entry exists but its service is not wired in yet. */
  notImplemented: 'NOT_IMPLEMENTED',
  /** An unexpected failure; its details are in main's log, not in the reply. */
  internal: 'INTERNAL',
} as const;
