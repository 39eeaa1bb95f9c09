// Typed errors of the identity store.
import { AppError, ErrorCode, type AppErrorOptions } from '../../../shared/errors.ts';

/**
 * The OS keychain cannot be used (no Secret Service, no D-Bus session, keyring locked, native module missing).
 * Nothing was written anywhere: the store fails closed and never falls back to a plaintext file.
 */
export class KeychainUnavailableError extends AppError {
  override name = 'KeychainUnavailableError';
  constructor(message: string, options: AppErrorOptions = {}) {
    super(ErrorCode.KeychainUnavailable, message, options);
  }
}

/** No identity with this ID in the local identity list. */
export class IdentityNotFoundError extends AppError {
  override name = 'IdentityNotFoundError';
  constructor(identityId: string) {
    super(ErrorCode.IdentityNotFound, `No identity with id ${identityId}`, { details: { identityId } });
  }
}

/** An identity for the same MSP and enrollment ID is already stored. */
export class IdentityExistsError extends AppError {
  override name = 'IdentityExistsError';
  constructor(mspId: string, enrollmentId: string, existingId: string) {
    super(ErrorCode.IdentityExists, `An identity for ${enrollmentId}@${mspId} is already stored`, {
      details: { mspId, enrollmentId, existingId },
    });
  }
}

/** The identity is listed, but its credentials are not (or no longer) in the keychain. */
export class IdentitySecretMissingError extends AppError {
  override name = 'IdentitySecretMissingError';
  constructor(identityId: string) {
    super(ErrorCode.IdentitySecretMissing, `The keychain holds no credentials for identity ${identityId}`, {
      details: { identityId },
    });
  }
}

/** A certificate or private key is malformed, unsupported, or the key does not belong to the certificate. */
export class InvalidCredentialsError extends AppError {
  override name = 'InvalidCredentialsError';
  constructor(message: string, options: AppErrorOptions = {}) {
    super(ErrorCode.InvalidCredentials, message, options);
  }
}

/** The identity list file exists but cannot be read or parsed; it is left untouched. */
export class IdentityStoreCorruptError extends AppError {
  override name = 'IdentityStoreCorruptError';
  constructor(message: string, options: AppErrorOptions = {}) {
    super(ErrorCode.IdentityStoreCorrupt, message, options);
  }
}
