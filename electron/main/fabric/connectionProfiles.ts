// Where the app finds each organisation's connection profile: one imported by a clinic admin (kept in the app data
// folder) wins over the one the local network scripts wrote.
import { access, mkdir, readFile, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { ConnectionProfile, OrgName } from '../../../shared/schemas/connectionProfile.ts';
import { readConnectionProfile } from '../enrollment/connectionProfileFile.ts';
import { InvalidConnectionProfileError } from '../enrollment/errors.ts';

/** Options for {@link ConnectionProfileStore}. */
export interface ConnectionProfileStoreOptions {
  /** App data directory; imported profiles are kept in `profiles/` below it. */
  dataDir: string;
  /** Folder with `<org>.json` profiles written by the local network (e.g. `fabric-network/.data/profiles`). */
  networkProfilesDir?: string;
}

const ORGS: readonly OrgName[] = ['hospital', 'parents', 'school'];

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

  constructor(options: Readonly<ConnectionProfileStoreOptions>) {
    this.#importedDir = path.join(options.dataDir, 'profiles');
    this.#networkDir = options.networkProfilesDir;
  }

  /** The profile of `org`, or null when there is none. */
  async find(org: OrgName): Promise<ConnectionProfile | null> {
    for (const dir of [this.#importedDir, this.#networkDir]) {
      if (dir === undefined) continue;
      const file = path.join(dir, `${org}.json`);
      if (await exists(file)) return readConnectionProfile(file);
    }
    return null;
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
    await writeFile(`${target}.tmp`, `${JSON.stringify(profile, null, 2)}\n`, { mode: 0o600 });
    await rename(`${target}.tmp`, target);
    return profile;
  }
}
