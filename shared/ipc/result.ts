import type { IpcErrorDto } from './errors.ts';

/** The reply to every contract call: a value, or a structured error (calls never reject with a bare Error). */
export type IpcResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: IpcErrorDto };

/** A successful reply. */
export function ok<T>(value: T): IpcResult<T> {
  return { ok: true, value };
}

/** A failed reply. */
export function fail(error: IpcErrorDto): IpcResult<never> {
  return { ok: false, error };
}

/** Thrown by {@link unwrap}: the renderer-side form of a failed call, keeping the whole error DTO. */
export class IpcCallError extends Error {
  readonly error: IpcErrorDto;

  constructor(error: IpcErrorDto) {
    super(error.message);
    this.name = 'IpcCallError';
    this.error = error;
  }
}

/** Returns the value of a successful reply and throws an {@link IpcCallError} for a failed one. */
export function unwrap<T>(result: IpcResult<T>): T {
  if (result.ok) return result.value;
  throw new IpcCallError(result.error);
}

/**
 * Whether an untrusted value (a reply parsed from JSON or received over IPC) has the envelope shape. It does not
 * check the value against the entry's schema: main already did before sending.
 */
export function isIpcResult(value: unknown): value is IpcResult<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return 'value' in value;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}
