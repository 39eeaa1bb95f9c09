// The local identity store: X.509 identities whose credentials live in the OS keychain.
import { randomUUID, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import type { OrgName } from '../../../shared/schemas/connectionProfile.ts';
import type { IdentitySummary } from '../../../shared/schemas/identity.ts';
import { keyMatchesCertificate, parseCertificate, type ParsedCertificate } from './certificate.ts';
import {
  IdentityExistsError,
  IdentityNotFoundError,
  IdentitySecretMissingError,
  InvalidCredentialsError,
} from './errors.ts';
import { IdentityListFile, type IdentityList } from './identityListFile.ts';
import { parsePrivateKeyPem, privateKeyToPkcs8Pem } from './privateKey.ts';
import type { SecretStore } from './secretStore.ts';

/** Keychain service name used when none is given. */
export const DEFAULT_KEYCHAIN_SERVICE = 'PediLedger';

/** Options for {@link IdentityService}. */
export interface IdentityServiceOptions {
  /** Where certificates and private keys are kept (the OS keychain in the app). */
  secrets: SecretStore;
  /** App data directory; only the non-secret identity list is written there. */
  dataDir: string;
  /** Keychain service name the entries are filed under; defaults to {@link DEFAULT_KEYCHAIN_SERVICE}. */
  keychainService?: string;
  /** Clock, for `addedAt`. */
  now?: () => Date;
}

/** A certificate and its private key, both PEM. */
export interface CredentialsPem {
  certificatePem: string;
  privateKeyPem: string;
}

/** Input of {@link IdentityService.add}. */
export interface AddIdentityInput extends CredentialsPem {
  /** Display name chosen by the user. */
  label: string;
  org: OrgName;
  mspId: string;
}

/** What a Fabric Gateway connection needs to sign as an identity. */
export interface SigningMaterial {
  identityId: string;
  mspId: string;
  certificatePem: string;
  /** The private key as a KeyObject (printing it does not reveal the key). */
  privateKey: KeyObject;
}

/** All identities and which one is active. */
export interface IdentitySnapshot {
  identities: IdentitySummary[];
  activeId: string | null;
}

/** The keychain entry of one identity. */
const KeychainEntry = z.object({ v: z.literal(1), certificatePem: z.string(), privateKeyPem: z.string() });

interface CheckedCredentials {
  certificate: ParsedCertificate;
  privateKey: KeyObject;
}

function checkCredentials(credentials: CredentialsPem): CheckedCredentials {
  const certificate = parseCertificate(credentials.certificatePem);
  const privateKey = parsePrivateKeyPem(credentials.privateKeyPem);
  if (!keyMatchesCertificate(certificate.pem, privateKey)) {
    throw new InvalidCredentialsError('The private key does not belong to the certificate');
  }
  return { certificate, privateKey };
}

function summaryFields(
  certificate: ParsedCertificate,
): Omit<IdentitySummary, 'id' | 'label' | 'org' | 'mspId' | 'addedAt'> {
  return {
    enrollmentId: certificate.enrollmentId,
    uid: certificate.attributes['uid'] ?? null,
    role: certificate.attributes['role'] ?? null,
    schoolId: certificate.attributes['schoolId'] ?? null,
    notBefore: certificate.notBefore.toISOString(),
    notAfter: certificate.notAfter.toISOString(),
    fingerprint256: certificate.fingerprint256,
  };
}

/**
 * Lists, adds, removes and selects the user's Fabric identities.
 *
 * Certificate and private key of each identity are one keychain entry (account = identity ID). The identity list
 * and the active choice are a JSON file in the data directory holding only public metadata. The private key is
 * never written to disk by this service; if the keychain is unavailable, operations throw
 * `KeychainUnavailableError`. Mutations are serialised, so concurrent calls cannot lose updates.
 */
export class IdentityService {
  readonly #secrets: SecretStore;
  readonly #list: IdentityListFile;
  readonly #service: string;
  readonly #now: () => Date;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: IdentityServiceOptions) {
    this.#secrets = options.secrets;
    this.#list = new IdentityListFile(options.dataDir);
    this.#service = options.keychainService ?? DEFAULT_KEYCHAIN_SERVICE;
    this.#now = options.now ?? (() => new Date());
  }

  /** All stored identities (public metadata only; does not touch the keychain). */
  async list(): Promise<IdentitySummary[]> {
    return (await this.#list.read()).identities;
  }

  /** The identity list and the active identity's ID, read together (one consistent snapshot). */
  async snapshot(): Promise<IdentitySnapshot> {
    const { identities, activeId } = await this.#list.read();
    return { identities, activeId };
  }

  /**
   * One identity's metadata.
   * @throws IdentityNotFoundError
   */
  async get(identityId: string): Promise<IdentitySummary> {
    return this.#find(await this.#list.read(), identityId);
  }

  /**
   * Throws `KeychainUnavailableError` unless the keychain accepts writes now. Call before a step that cannot be
   * repeated (e.g. enrolling with a one-time secret) so its result is not lost.
   */
  async assertKeychainAvailable(): Promise<void> {
    await this.#secrets.assertAvailable(this.#service);
  }

  /**
   * Adds an identity after checking that the key belongs to the certificate. The first identity becomes active.
   * @throws InvalidCredentialsError, IdentityExistsError, KeychainUnavailableError
   */
  async add(input: AddIdentityInput): Promise<IdentitySummary> {
    const label = input.label.trim();
    if (label === '') throw new InvalidCredentialsError('The identity needs a label');
    const { certificate, privateKey } = checkCredentials(input);
    return this.#exclusive(async () => {
      const list = await this.#list.read();
      const existing = list.identities.find(
        (identity) => identity.mspId === input.mspId && identity.enrollmentId === certificate.enrollmentId,
      );
      if (existing !== undefined) throw new IdentityExistsError(input.mspId, certificate.enrollmentId, existing.id);
      const summary: IdentitySummary = {
        id: randomUUID(),
        label,
        org: input.org,
        mspId: input.mspId,
        ...summaryFields(certificate),
        addedAt: this.#now().toISOString(),
      };
      await this.#writeSecret(summary.id, certificate, privateKey);
      try {
        await this.#list.write({
          ...list,
          activeId: list.activeId ?? summary.id,
          identities: [...list.identities, summary],
        });
      } catch (cause) {
        await this.#secrets.delete(this.#service, summary.id).catch(() => false);
        throw cause;
      }
      return summary;
    });
  }

  /**
   * Replaces an identity's certificate and key (after re-enrollment), keeping its ID, label and active state.
   * The new certificate must have the same enrollment ID.
   * @throws IdentityNotFoundError, InvalidCredentialsError, KeychainUnavailableError
   */
  async replaceCredentials(identityId: string, credentials: CredentialsPem): Promise<IdentitySummary> {
    const { certificate, privateKey } = checkCredentials(credentials);
    return this.#exclusive(async () => {
      const list = await this.#list.read();
      const current = this.#find(list, identityId);
      if (current.enrollmentId !== certificate.enrollmentId) {
        throw new InvalidCredentialsError(
          `The new certificate is for ${certificate.enrollmentId}, not ${current.enrollmentId}`,
        );
      }
      const updated: IdentitySummary = { ...current, ...summaryFields(certificate) };
      await this.#writeSecret(identityId, certificate, privateKey);
      await this.#list.write({
        ...list,
        identities: list.identities.map((identity) => (identity.id === identityId ? updated : identity)),
      });
      return updated;
    });
  }

  /**
   * Removes an identity: first its keychain entry, then its metadata. If the keychain refuses, nothing is removed.
   * @throws IdentityNotFoundError, KeychainUnavailableError
   */
  async remove(identityId: string): Promise<void> {
    await this.#exclusive(async () => {
      const list = await this.#list.read();
      this.#find(list, identityId);
      await this.#secrets.delete(this.#service, identityId);
      await this.#list.write({
        ...list,
        activeId: list.activeId === identityId ? null : list.activeId,
        identities: list.identities.filter((identity) => identity.id !== identityId),
      });
    });
  }

  /**
   * Chooses the identity the app acts as; `null` clears the choice. Returns the now-active identity.
   * @throws IdentityNotFoundError
   */
  async setActive(identityId: string | null): Promise<IdentitySummary | null> {
    return this.#exclusive(async () => {
      const list = await this.#list.read();
      const active = identityId === null ? null : this.#find(list, identityId);
      await this.#list.write({ ...list, activeId: identityId });
      return active;
    });
  }

  /** The active identity, or null when none is chosen. */
  async getActive(): Promise<IdentitySummary | null> {
    const list = await this.#list.read();
    return list.identities.find((identity) => identity.id === list.activeId) ?? null;
  }

  /**
   * Certificate and private key of an identity, read from the keychain, for signing transactions.
   * @throws IdentityNotFoundError, IdentitySecretMissingError, KeychainUnavailableError, InvalidCredentialsError
   */
  async getSigningMaterial(identityId: string): Promise<SigningMaterial> {
    const summary = await this.get(identityId);
    const raw = await this.#secrets.get(this.#service, identityId);
    if (raw === null) throw new IdentitySecretMissingError(identityId);
    let entry: z.infer<typeof KeychainEntry>;
    try {
      entry = KeychainEntry.parse(JSON.parse(raw));
    } catch {
      throw new InvalidCredentialsError(`The keychain entry of identity ${identityId} is malformed`);
    }
    const { certificate, privateKey } = checkCredentials(entry);
    return { identityId, mspId: summary.mspId, certificatePem: certificate.pem, privateKey };
  }

  async #writeSecret(identityId: string, certificate: ParsedCertificate, privateKey: KeyObject): Promise<void> {
    const entry: z.infer<typeof KeychainEntry> = {
      v: 1,
      certificatePem: certificate.pem,
      privateKeyPem: privateKeyToPkcs8Pem(privateKey),
    };
    await this.#secrets.set(this.#service, identityId, JSON.stringify(entry));
  }

  #find(list: IdentityList, identityId: string): IdentitySummary {
    const found = list.identities.find((identity) => identity.id === identityId);
    if (found === undefined) throw new IdentityNotFoundError(identityId);
    return found;
  }

  #exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn);
    this.#queue = run.catch(() => undefined);
    return run;
  }
}
