// The local development network's demo users, offered in one step on the first-run screen. Their enrollment secrets
// are random and used up when the network created them, so a newcomer could never type one; their certificates and
// keys are on this machine already, in the network's data folder, which the network's own profile names. Only that
// profile (never an imported one) makes them available here.
import { readFile } from 'node:fs/promises';
import type { DemoIdentity } from '../../../shared/ipc/dto/demo.ts';
import { enrollmentIdSchema } from '../../../shared/ipc/dto/primitives.ts';
import type { LocalDemoUser, OrgName } from '../../../shared/schemas/connectionProfile.ts';
import type { IdentitySummary } from '../../../shared/schemas/identity.ts';
import { errorCodes, Role } from '@pediledger/domain';
import { AppError } from '../../../shared/errors.ts';
import { parseCertificate } from '../identity/certificate.ts';
import type { Handlers } from '../ipc/handlers.ts';

/** The organisations whose profiles may name demo users. */
const ORGS: readonly OrgName[] = ['hospital', 'parents', 'school'];

/** The label a demo identity gets in the identity list, so it is never mistaken for a real person's. */
export function demoLabel(uid: string): string {
  return `${uid} (demo)`;
}

/** There is no such demo user for the organisation's profile in use (or it is not the local network's). */
export class DemoIdentityNotFoundError extends AppError {
  override name = 'DemoIdentityNotFoundError';
  constructor(org: OrgName, uid: string) {
    super(errorCodes.demoIdentityNotFound, `The local network offers no demo user ${uid} for ${org}`, {
      details: { org, uid },
    });
  }
}

/** What {@link DemoIdentities} works with. */
export interface DemoIdentitiesOptions {
  /** The local network's demo users per organisation (`ConnectionProfileStore.localNetworkDemoUsers`). */
  demoUsers(org: OrgName): Promise<LocalDemoUser[]>;
  /** Stores PEM credentials as an identity (`EnrollmentService.importPem`: checks the key matches the certificate). */
  importPem(input: {
    org: OrgName;
    label: string;
    certificatePem: string;
    privateKeyPem: string;
  }): Promise<IdentitySummary>;
  /** The stored identities, and making one active (`IdentityService`). */
  identities: {
    list(): Promise<IdentitySummary[]>;
    setActive(id: string): Promise<IdentitySummary | null>;
    get(id: string): Promise<IdentitySummary>;
  };
}

/** Lists the local network's demo users and turns one into the active identity in one step. */
export class DemoIdentities {
  readonly #options: DemoIdentitiesOptions;

  constructor(options: DemoIdentitiesOptions) {
    this.#options = options;
  }

  /**
   * The demo users whose certificate is readable, with role and school from the certificate itself. Empty unless an
   * organisation's profile in use is the local network's own.
   */
  async list(): Promise<DemoIdentity[]> {
    const listed: DemoIdentity[] = [];
    for (const org of ORGS) {
      for (const user of await this.#options.demoUsers(org)) {
        const identity = await describe(org, user);
        if (identity !== null) listed.push(identity);
      }
    }
    return listed;
  }

  /**
   * Stores demo user `uid` of `org` (certificate and key from the network's data folder, into the keychain, labelled
   * as a demo) and makes it the active identity; a demo user stored earlier is made active again.
   * @throws DemoIdentityNotFoundError, InvalidCredentialsError, KeychainUnavailableError
   */
  async use(org: OrgName, uid: string): Promise<IdentitySummary> {
    const user = (await this.#options.demoUsers(org)).find((candidate) => candidate.uid === uid);
    if (user === undefined) throw new DemoIdentityNotFoundError(org, uid);
    const certificatePem = await readFile(user.certPath, 'utf8').catch(() => {
      throw new DemoIdentityNotFoundError(org, uid);
    });
    const enrollmentId = parseCertificate(certificatePem).enrollmentId;
    const stored = (await this.#options.identities.list()).find(
      (identity) => identity.org === org && identity.enrollmentId === enrollmentId,
    );
    if (stored !== undefined) return this.#activate(stored.id);
    const added = await this.#options.importPem({
      org,
      label: demoLabel(uid),
      certificatePem,
      privateKeyPem: await readFile(user.keyPath, 'utf8').catch(() => {
        throw new DemoIdentityNotFoundError(org, uid);
      }),
    });
    return this.#activate(added.id);
  }

  async #activate(id: string): Promise<IdentitySummary> {
    return (await this.#options.identities.setActive(id)) ?? this.#options.identities.get(id);
  }
}

/** A demo user as the first-run screen shows it, or null when its certificate is missing or unreadable. */
async function describe(org: OrgName, user: LocalDemoUser): Promise<DemoIdentity | null> {
  try {
    const { attributes } = parseCertificate(await readFile(user.certPath, 'utf8'));
    const role = Role.safeParse(attributes['role']);
    const schoolId = enrollmentIdSchema.safeParse(attributes['schoolId']);
    const uid = enrollmentIdSchema.safeParse(user.uid);
    if (!uid.success) return null;
    return {
      org,
      uid: uid.data,
      role: role.success ? role.data : null,
      schoolId: schoolId.success ? schoolId.data : null,
    };
  } catch {
    return null;
  }
}

/** The handlers of `demo:list` and `demo:use`. */
export type DemoHandlers = Pick<Handlers, 'demo:list' | 'demo:use'>;

/** Serves the demo entries from `demo`. */
export function createDemoHandlers(demo: DemoIdentities): DemoHandlers {
  return {
    'demo:list': () => demo.list(),
    'demo:use': ({ org, uid }) => demo.use(org, uid),
  };
}
