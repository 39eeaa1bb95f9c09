// Typed errors of the identity store.
import { AppError, ErrorCode } from '../../../shared/errors.ts';
import { messageErrorClass } from '../../../shared/errorClass.ts';

/**
 * The OS keychain cannot be used (no Secret Service, no D-Bus session, keyring locked, native module missing).
 * Nothing was written anywhere: the store fails closed and never falls back to a plaintext file.
 */
export const KeychainUnavailableError = messageErrorClass('KeychainUnavailableError', ErrorCode.KeychainUnavailable);
export type KeychainUnavailableError = InstanceType<typeof KeychainUnavailableError>;

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
export const InvalidCredentialsError = messageErrorClass('InvalidCredentialsError', ErrorCode.InvalidCredentials);
export type InvalidCredentialsError = InstanceType<typeof InvalidCredentialsError>;

/** The identity list file exists but cannot be read or parsed; it is left untouched. */
export const IdentityStoreCorruptError = messageErrorClass('IdentityStoreCorruptError', ErrorCode.IdentityStoreCorrupt);
export type IdentityStoreCorruptError = InstanceType<typeof IdentityStoreCorruptError>;
