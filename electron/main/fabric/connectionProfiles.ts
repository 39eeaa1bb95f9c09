// Where the app finds each organisation's connection profile: one imported by a clinic admin (kept in the app data
// folder) wins over the one the local network scripts wrote.
import { access, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { errorCodes } from '@pediledger/domain';
import { AppError } from '../../../shared/errors.ts';
import type { ConnectionProfile, LocalDemoUser, OrgName } from '../../../shared/schemas/connectionProfile.ts';
import { readConnectionProfile } from '../enrollment/connectionProfileFile.ts';
import { InvalidConnectionProfileError } from '../enrollment/errors.ts';
import { parsePortableProfile } from '../profiles/portableProfile.ts';
import { writeFileAtomically } from '../util/atomicWrite.ts';
import { errorMessage } from '../util/errorMessage.ts';

/** Options for {@link ConnectionProfileStore}. */
export interface ConnectionProfileStoreOptions {
  /** App data directory; imported profiles are kept in `profiles/` below it. */
  dataDir: string;
  /** Folder with `<org>.json` profiles written by the local network (e.g. `fabric-network/.data/profiles`). */
  networkProfilesDir?: string;
}

const ORGS: readonly OrgName[] = ['hospital', 'parents', 'school'];

/** Storing an imported profile failed (disk full, permissions); the previous profile, if any, is unchanged. */
export class ProfileImportError extends AppError {
  override name = 'ProfileImportError';
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(errorCodes.profileImportFailed, message, options);
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Looks up, lists and imports connection profiles. Every profile is validated with the shared zod schema. */
export class ConnectionProfileStore {
  readonly #importedDir: string;
  readonly #networkDir: string | undefined;
  /** Imports run one at a time, so two imports of one organisation never interleave their files. */
  #importing: Promise<unknown> = Promise.resolve();

  constructor(options: Readonly<ConnectionProfileStoreOptions>) {
    this.#importedDir = path.join(options.dataDir, 'profiles');
    this.#networkDir = options.networkProfilesDir;
  }

  /** The profile of `org`, or null when there is none. */
  async find(org: OrgName): Promise<ConnectionProfile | null> {
    return (await this.#locate(org))?.profile ?? null;
  }

  /**
   * The demo users of the local development network whose keys are on this machine, for `org`: only when the profile
   * in use for `org` is the network's own (read from `networkProfilesDir`, carrying the network's `localNetwork`
   * marker), never when an administrator's profile was imported for it.
   */
  async localNetworkDemoUsers(org: OrgName): Promise<LocalDemoUser[]> {
    const located = await this.#locate(org);
    return located?.source === 'network' ? (located.profile.localNetwork?.demoUsers ?? []) : [];
  }

  /** The profile of `org` and where it came from: an imported one wins over the network's own. */
  async #locate(org: OrgName): Promise<{ profile: ConnectionProfile; source: 'imported' | 'network' } | null> {
    const imported = path.join(this.#importedDir, `${org}.json`);
    if (await exists(imported)) {
      // The local network's marker means something only where the network wrote it.
      const profile = await readConnectionProfile(imported);
      delete profile.localNetwork;
      return { profile, source: 'imported' };
    }
    if (this.#networkDir === undefined) return null;
    const file = path.join(this.#networkDir, `${org}.json`);
    return (await exists(file)) ? { profile: await readConnectionProfile(file), source: 'network' } : null;
  }

  /**
   * The profile of `org`.
   * @throws InvalidConnectionProfileError when there is none or it is invalid.
   */
  async get(org: OrgName): Promise<ConnectionProfile> {
    const profile = await this.find(org);
    if (profile === null) throw new InvalidConnectionProfileError(`No connection profile for ${org}`);
    return profile;
  }

  /** Every organisation's profile that exists. */
  async list(): Promise<ConnectionProfile[]> {
    const profiles = await Promise.all(ORGS.map((org) => this.find(org)));
    return profiles.filter((profile): profile is ConnectionProfile => profile !== null);
  }

  /**
   * Imports a profile file handed over by an administrator: validates it, checks every TLS certificate it names is
   * readable PEM, and stores it (with absolute certificate paths) as the profile of its organisation.
   * @throws InvalidConnectionProfileError
   */
  async importFile(file: string): Promise<ConnectionProfile> {
    const profile = await readConnectionProfile(file);
    for (const certPath of [...profile.gatewayPeers.map((peer) => peer.tlsCaCertPath), profile.ca.tlsCaCertPath]) {
      let pem: string;
      try {
        pem = await readFile(certPath, 'utf8');
      } catch (cause) {
        throw new InvalidConnectionProfileError(`TLS certificate ${certPath} named by the profile is missing`, {
          cause,
        });
      }
      if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
        throw new InvalidConnectionProfileError(`${certPath} named by the profile is not a PEM certificate`);
      }
    }
    await mkdir(this.#importedDir, { recursive: true });
    const target = path.join(this.#importedDir, `${profile.org}.json`);
    // Write then rename, so a crash never leaves a half-written profile that would fail every later start.
    await writeFileAtomically(target, `${JSON.stringify(profile, null, 2)}\n`);
    return profile;
  }

  /**
   * Imports a portable profile (the text of an `<org>.portable.json` an administrator handed out): validates it,
   * decodes every certificate, then stores the certificates as `profiles/<org>/<hash>.pem` and the profile (with
   * their absolute paths) as `profiles/<org>.json`. The profile file is replaced by a rename, so a failure at any
   * step leaves the previous import of that organisation as it was.
   * @param check runs on the profile before anything is written; throwing aborts the import.
   * @throws InvalidConnectionProfileError when the content is not a valid portable profile
   * @throws ProfileImportError when it cannot be stored
   */
  async importPortable(content: string, check?: (profile: ConnectionProfile) => void): Promise<ConnectionProfile> {
    const parsed = parsePortableProfile(content);
    const orgDir = path.join(this.#importedDir, parsed.profile.org);
    const inOrgDir = (fileName: string): string => path.join(orgDir, fileName);
    const profile: ConnectionProfile = {
      ...parsed.profile,
      gatewayPeers: parsed.profile.gatewayPeers.map((peer) => ({
        ...peer,
        tlsCaCertPath: inOrgDir(peer.tlsCaCertPath),
      })),
      ca: { ...parsed.profile.ca, tlsCaCertPath: inOrgDir(parsed.profile.ca.tlsCaCertPath) },
    };
    check?.(profile);
    const run = this.#importing.then(() => this.#storeImport(profile, orgDir, parsed.certificates));
    this.#importing = run.catch(() => undefined);
    return run;
  }

  async #storeImport(
    profile: ConnectionProfile,
    orgDir: string,
    certificates: readonly { fileName: string; pem: string }[],
  ): Promise<ConnectionProfile> {
    const created: string[] = [];
    try {
      await mkdir(orgDir, { recursive: true });
      for (const certificate of certificates) {
        // Files are named by their content: one that exists already holds these certificates (and the current
        // profile may use it), so it is left alone.
        const file = path.join(orgDir, certificate.fileName);
        if (await exists(file)) continue;
        await writeFileAtomically(file, certificate.pem);
        created.push(file);
      }
      await writeFileAtomically(
        path.join(this.#importedDir, `${profile.org}.json`),
        `${JSON.stringify(profile, null, 2)}\n`,
      );
    } catch (cause) {
      await Promise.all(created.map((file) => rm(file, { force: true })));
      throw new ProfileImportError(`The ${profile.org} connection profile could not be saved: ${errorMessage(cause)}`, {
        cause,
      });
    }
    // Certificates only an earlier import used; leftovers are harmless, so failures are ignored.
    const used = new Set(certificates.map((certificate) => certificate.fileName));
    const present = await readdir(orgDir).catch(() => []);
    await Promise.all(
      present
        .filter((name) => name.endsWith('.pem') && !used.has(name))
        .map((name) => rm(path.join(orgDir, name), { force: true }).catch(() => undefined)),
    );
    return profile;
  }
}
