// First-run enrollment, PEM import and re-enrollment of the user's identities.
import { readFile } from 'node:fs/promises';
import type { ConnectionProfile, OrgName } from '../../../shared/schemas/connectionProfile.ts';
import type { IdentitySummary } from '../../../shared/schemas/identity.ts';
import { parseCertificate } from '../identity/certificate.ts';
import { IdentityExistsError, InvalidCredentialsError } from '../identity/errors.ts';
import type { IdentityService } from '../identity/identityService.ts';
import { privateKeyToPkcs8Pem } from '../identity/privateKey.ts';
import { errorMessage } from '../util/errorMessage.ts';
import { EnrollmentError, InvalidConnectionProfileError, RegistrationIncompleteError } from './errors.ts';
import { FabricCaClient, type CaInfo, type IssuedCertificate } from './fabricCaClient.ts';
import { createKeyAndCsr } from './keyAndCsr.ts';
import { certificateProblem, missingAttributesProblem, requestedAttributes } from './registrationCheck.ts';

/** Options for {@link EnrollmentService}. */
export interface EnrollmentServiceOptions {
  /** Where enrolled and imported identities are stored. */
  identities: IdentityService;
  /** The connection profile of an organisation (its CA URL, CA name and TLS trust). */
  resolveProfile: (org: OrgName) => Promise<ConnectionProfile>;
  /** Per-request timeout towards the CA; default 15 s. */
  caTimeoutMs?: number;
}

/** Input of {@link EnrollmentService.enroll}. */
export interface EnrollInput {
  org: OrgName;
  /** The enrollment ID the CA admin registered. */
  enrollmentId: string;
  /** The one-time (or limited-use) enrollment secret; only sent to the CA, never stored. */
  secret: string;
  /** Display name for the new identity. */
  label: string;
}

/** Input of {@link EnrollmentService.importPem}. */
export interface ImportPemInput {
  org: OrgName;
  label: string;
  certificatePem: string;
  privateKeyPem: string;
}

/**
 * Gets identities onto this machine: enrolls with the organisation's Fabric CA (the key pair is generated here and
 * only the CSR is sent), imports existing PEM credentials, and re-enrolls before certificates expire.
 */
export class EnrollmentService {
  readonly #identities: IdentityService;
  readonly #resolveProfile: (org: OrgName) => Promise<ConnectionProfile>;
  readonly #timeoutMs: number | undefined;

  constructor(options: EnrollmentServiceOptions) {
    this.#identities = options.identities;
    this.#resolveProfile = options.resolveProfile;
    this.#timeoutMs = options.caTimeoutMs;
  }

  /**
   * What the organisation's CA says about itself (name, version, certificate chain).
   * @throws InvalidConnectionProfileError, CaUnreachableError, CaTlsError, CaProtocolError, EnrollmentError
   */
  async caInfo(org: OrgName): Promise<CaInfo> {
    const { client } = await this.#clientFor(org);
    return client.caInfo();
  }

  /**
   * Enrolls `enrollmentId` at the organisation's CA and stores the identity. The keychain and duplicates are
   * checked first, so a limited-use secret is not spent on an identity that could not be saved. The request asks for
   * the attributes PediLedger needs by name (`requestedAttributes`), and the certificate must pass the chaincode's
   * identity rules before it is stored.
   * @throws KeychainUnavailableError, IdentityExistsError, EnrollmentError (wrong secret, ...),
   *   RegistrationIncompleteError (attributes missing, or a certificate the chaincode would refuse; says the fix),
   *   CaUnreachableError, CaTlsError, CaProtocolError, InvalidConnectionProfileError, InvalidCredentialsError
   */
  async enroll(input: EnrollInput): Promise<IdentitySummary> {
    const { profile, client } = await this.#clientFor(input.org);
    const existing = (await this.#identities.list()).find(
      (identity) => identity.mspId === profile.mspId && identity.enrollmentId === input.enrollmentId,
    );
    if (existing !== undefined) throw new IdentityExistsError(profile.mspId, input.enrollmentId, existing.id);
    await this.#identities.assertKeychainAvailable();

    const { privateKey, csrPem } = await createKeyAndCsr(input.enrollmentId);
    let issued: IssuedCertificate;
    try {
      issued = await client.enroll({
        enrollmentId: input.enrollmentId,
        secret: input.secret,
        csrPem,
        attrReqs: requestedAttributes(profile.mspId),
      });
    } catch (error) {
      const missing =
        error instanceof EnrollmentError
          ? missingAttributesProblem(input.enrollmentId, profile.mspId, error.caMessage)
          : null;
      throw missing === null ? error : new RegistrationIncompleteError(missing);
    }
    const certificate = parseCertificate(issued.certificatePem);
    if (certificate.enrollmentId !== input.enrollmentId) {
      throw new InvalidCredentialsError('The CA issued a certificate for a different enrollment ID');
    }
    const problem = certificateProblem(input.enrollmentId, profile.mspId, certificate.attributes);
    if (problem !== null) throw new RegistrationIncompleteError(problem);
    return this.#identities.add({
      label: input.label,
      org: profile.org,
      mspId: profile.mspId,
      certificatePem: issued.certificatePem,
      privateKeyPem: privateKeyToPkcs8Pem(privateKey),
    });
  }

  /**
   * Stores an identity from existing PEM credentials (e.g. files from the CA admin), after checking the key
   * belongs to the certificate. The MSP ID comes from the organisation's connection profile.
   * @throws InvalidCredentialsError, IdentityExistsError, KeychainUnavailableError, InvalidConnectionProfileError
   */
  async importPem(input: ImportPemInput): Promise<IdentitySummary> {
    const profile = await this.#resolveProfile(input.org);
    return this.#identities.add({
      label: input.label,
      org: profile.org,
      mspId: profile.mspId,
      certificatePem: input.certificatePem,
      privateKeyPem: input.privateKeyPem,
    });
  }

  /**
   * Renews a stored identity's certificate before it expires: a new key pair is generated here, the request is
   * authenticated with the current certificate and key, and the identity keeps its ID, label and active state.
   * @throws IdentityNotFoundError, KeychainUnavailableError, EnrollmentError (e.g. certificate expired or revoked),
   *   CaUnreachableError, CaTlsError, CaProtocolError, InvalidConnectionProfileError, InvalidCredentialsError
   */
  async reenroll(identityId: string): Promise<IdentitySummary> {
    const summary = await this.#identities.get(identityId);
    const { profile, client } = await this.#clientFor(summary.org);
    if (profile.mspId !== summary.mspId) {
      throw new InvalidConnectionProfileError(
        `The ${summary.org} profile is for ${profile.mspId}, but the identity belongs to ${summary.mspId}`,
      );
    }
    const current = await this.#identities.getSigningMaterial(identityId);
    const { privateKey, csrPem } = await createKeyAndCsr(summary.enrollmentId);
    // The same attributes as at enrollment, by name: without them the CA would include only `:ecert` ones.
    const attrReqs = requestedAttributes(profile.mspId);
    let issued: IssuedCertificate;
    try {
      issued = await client.reenroll(
        { certificatePem: current.certificatePem, privateKey: current.privateKey },
        csrPem,
        attrReqs,
      );
    } catch (error) {
      const missing =
        error instanceof EnrollmentError
          ? missingAttributesProblem(summary.enrollmentId, profile.mspId, error.caMessage)
          : null;
      throw missing === null ? error : new RegistrationIncompleteError({ ...missing, outcome: 'certificate-kept' });
    }
    const problem = certificateProblem(
      summary.enrollmentId,
      profile.mspId,
      parseCertificate(issued.certificatePem).attributes,
    );
    // The stored certificate stays as it was: a renewal the chaincode would refuse is no renewal.
    if (problem !== null) throw new RegistrationIncompleteError({ ...problem, outcome: 'certificate-kept' });
    return this.#identities.replaceCredentials(identityId, {
      certificatePem: issued.certificatePem,
      privateKeyPem: privateKeyToPkcs8Pem(privateKey),
    });
  }

  async #clientFor(org: OrgName): Promise<{ profile: ConnectionProfile; client: FabricCaClient }> {
    const profile = await this.#resolveProfile(org);
    if (profile.org !== org) {
      throw new InvalidConnectionProfileError(`The profile resolved for ${org} is for ${profile.org}`);
    }
    let tlsCaCertPem: string;
    try {
      tlsCaCertPem = await readFile(profile.ca.tlsCaCertPath, 'utf8');
    } catch (cause) {
      throw new InvalidConnectionProfileError(
        `Cannot read the CA TLS certificate ${profile.ca.tlsCaCertPath}: ${errorMessage(cause)}`,
        { cause },
      );
    }
    const client = new FabricCaClient({
      url: profile.ca.url,
      caName: profile.ca.caName,
      tlsCaCertPem,
      ...(this.#timeoutMs === undefined ? {} : { timeoutMs: this.#timeoutMs }),
    });
    return { profile, client };
  }
}
