// Typed application errors and their plain-object form for the IPC boundary.
//
// Process-neutral: no Node, Electron or DOM imports. The main process throws `AppError` subclasses; whatever crosses
// to the renderer goes through `toSerializableError`, which yields a JSON-safe object and redacts key material.

import { errorCodes, type AppErrorCode } from '@pediledger/domain';

/** A JSON value (what survives structured clone and JSON alike). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The identity and enrollment services' codes, by their names there; the codes themselves live in errorCodes.ts. */
export const ErrorCode = {
  Internal: errorCodes.internal,
  KeychainUnavailable: errorCodes.keychainUnavailable,
  IdentityNotFound: errorCodes.identityNotFound,
  IdentityExists: errorCodes.identityExists,
  IdentitySecretMissing: errorCodes.identitySecretMissing,
  InvalidCredentials: errorCodes.invalidCredentials,
  IdentityStoreCorrupt: errorCodes.identityStoreCorrupt,
  InvalidConnectionProfile: errorCodes.invalidConnectionProfile,
  CaUnreachable: errorCodes.caUnreachable,
  CaTlsFailure: errorCodes.caTlsFailure,
  CaProtocol: errorCodes.caProtocol,
  EnrollmentFailed: errorCodes.enrollmentFailed,
  RegistrationIncomplete: errorCodes.registrationIncomplete,
} as const satisfies Record<string, AppErrorCode>;

/** Plain JSON shape of an error as it crosses the IPC boundary. */
export interface SerializedError {
  /** Stable machine-readable code; the renderer switches on this, never on `message`. */
  code: string;
  /** Human-readable message (English; the renderer may translate by `code`). */
  message: string;
  /** Fabric transaction ID, when the error relates to one. */
  txId?: string;
  /** Extra structured data (already JSON-safe and redacted). */
  details?: Record<string, JsonValue>;
}

/** Options for {@link AppError}. */
export interface AppErrorOptions {
  txId?: string;
  details?: Record<string, JsonValue>;
  /** The underlying error; kept for logs in the main process, never serialized. */
  cause?: unknown;
}

/**
 * Base class of every typed application error. Subclasses set `name` explicitly (bundlers may mangle class
 * names) and pass a stable `code`.
 */
export class AppError extends Error {
  override name = 'AppError';
  /** Stable machine-readable code, one of the vocabulary (errorCodes.ts). */
  readonly code: AppErrorCode;
  /** Fabric transaction ID, when relevant. */
  readonly txId: string | undefined;
  /** Extra structured, JSON-safe data. */
  readonly details: Record<string, JsonValue> | undefined;

  constructor(code: AppErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.txId = options.txId;
    this.details = options.details;
  }
}

const PRIVATE_KEY_BLOCK = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)/g;
const MAX_STRING = 4000;
const MAX_DEPTH = 6;

/** Replaces any PEM private-key block in `text` by a marker, and bounds its length. */
export function redactSecrets(text: string): string {
  const redacted = text.replace(PRIVATE_KEY_BLOCK, '[REDACTED PRIVATE KEY]');
  return redacted.length > MAX_STRING ? `${redacted.slice(0, MAX_STRING)}…` : redacted;
}

function toJsonValue(value: unknown, depth: number): JsonValue | undefined {
  if (value === null) return null;
  switch (typeof value) {
    case 'string':
      return redactSecrets(value);
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'boolean':
      return value;
    case 'bigint':
      return value.toString();
    case 'object':
      break;
    default:
      return undefined;
  }
  if (depth >= MAX_DEPTH) return '[truncated]';
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (Array.isArray(value)) return value.map((item) => toJsonValue(item, depth + 1) ?? null);
  return toJsonRecord(value as Record<string, unknown>, depth + 1);
}

function toJsonRecord(record: Record<string, unknown>, depth: number): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(record)) {
    const converted = toJsonValue(item, depth);
    if (converted !== undefined) out[key] = converted;
  }
  return out;
}

function stringProperty(value: object, key: string): string | undefined {
  const property: unknown = (value as Record<string, unknown>)[key];
  return typeof property === 'string' ? property : undefined;
}

/**
 * Turns anything thrown into a plain, JSON-safe {@link SerializedError}: `AppError`s keep their code, txId and
 * details; other errors become `INTERNAL` (with a Node system error code in `details.cause`, if any). PEM private
 * keys are redacted from every string.
 */
export function toSerializableError(e: unknown): SerializedError {
  if (e instanceof AppError) {
    const out: SerializedError = { code: e.code, message: redactSecrets(e.message) };
    if (e.txId !== undefined) out.txId = e.txId;
    if (e.details !== undefined) out.details = toJsonRecord(e.details, 0);
    return out;
  }
  if (e instanceof Error) {
    const out: SerializedError = { code: ErrorCode.Internal, message: redactSecrets(e.message) };
    const systemCode = stringProperty(e, 'code');
    if (systemCode !== undefined) out.details = { cause: redactSecrets(systemCode) };
    return out;
  }
  const text = typeof e === 'string' ? e : JSON.stringify(toJsonValue(e, 0) ?? null);
  return { code: ErrorCode.Internal, message: redactSecrets(text) };
}

/** True when `value` has the shape of a {@link SerializedError} (e.g. on the renderer side of IPC). */
export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  return typeof stringProperty(value, 'code') === 'string' && typeof stringProperty(value, 'message') === 'string';
}
