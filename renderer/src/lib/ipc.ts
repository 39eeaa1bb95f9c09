// The stores' one way to read a contract reply: the value, or an `AppError` carrying the error DTO main sent.
import type { IpcErrorDto } from '../../../shared/ipc/errors.ts';
import type { IpcResult } from '../../../shared/ipc/result.ts';
import { errorCodes } from '@pediledger/domain';

/** A failure the UI can show: the DTO's code, message and transaction id. */
export class AppError extends Error {
  readonly code: string;
  readonly txId: string | undefined;
  readonly details: unknown;

  constructor(dto: IpcErrorDto) {
    super(dto.message);
    this.name = 'AppError';
    this.code = dto.code;
    this.txId = dto.txId;
    this.details = dto.details;
  }

  /** The plain DTO, for state that must stay serialisable. */
  toDto(): IpcErrorDto {
    return { code: this.code, message: this.message, ...(this.txId === undefined ? {} : { txId: this.txId }) };
  }
}

/** The code main answers with while the app is locked (electron/main/lock). */
export const appLockedCode = errorCodes.appLocked;
const lockedListeners = new Set<() => void>();

/**
 * Calls `listener` whenever main refuses a call because the app is locked, so the lock screen shows even when the
 * lock came from elsewhere (the OS locked its screen). Returns a function that stops listening.
 */
export function onAppLocked(listener: () => void): () => void {
  lockedListeners.add(listener);
  return () => lockedListeners.delete(listener);
}

/**
 * The codes main answers with when the network no longer accepts the active identity itself (its certificate expired,
 * or its organisation revoked it): the user has to enroll again, whatever they were doing.
 */
export const identityUnusableCodes: ReadonlySet<string> = new Set([
  errorCodes.identityExpired,
  errorCodes.identityRevoked,
]);
const identityUnusableListeners = new Set<(error: IpcErrorDto) => void>();

/**
 * Calls `listener` with the error whenever main says the active identity is no longer accepted, so the app can take
 * the user straight to enrollment from any screen. Returns a function that stops listening.
 */
export function onIdentityUnusable(listener: (error: IpcErrorDto) => void): () => void {
  identityUnusableListeners.add(listener);
  return () => identityUnusableListeners.delete(listener);
}

/** Awaits a `window.api` call and returns its value, or throws {@link AppError}. */
export async function request<T>(call: () => Promise<IpcResult<T>>): Promise<T> {
  let result: IpcResult<T>;
  try {
    result = await call();
  } catch (error) {
    // The preload and the bridge never reject, but a missing bridge (a page opened outside the app) does.
    throw new AppError({
      code: errorCodes.ipcTransport,
      message: error instanceof Error ? error.message : String(error),
    });
  }
  if (result.ok) return result.value;
  if (result.error.code === appLockedCode) for (const listener of lockedListeners) listener();
  if (identityUnusableCodes.has(result.error.code)) {
    for (const listener of identityUnusableListeners) listener(result.error);
  }
  throw new AppError(result.error);
}

/** Any thrown value as an error DTO (unknown errors keep their message, under code `INTERNAL`). */
export function toErrorDto(error: unknown): IpcErrorDto {
  if (error instanceof AppError) return error.toDto();
  if (error instanceof Error) {
    const code = 'code' in error && typeof error.code === 'string' ? error.code : errorCodes.internal;
    return { code, message: error.message };
  }
  return { code: errorCodes.internal, message: String(error) };
}
