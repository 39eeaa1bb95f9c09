// The non-secret identity list (metadata and the active choice) as a JSON file in the app data directory.
import { statSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { IdentitySummary } from '../../../shared/schemas/identity.ts';
import { writeFileAtomically } from '../util/atomicWrite.ts';
import { errorMessage } from '../util/errorMessage.ts';
import { IdentityStoreCorruptError } from './errors.ts';

/** Contents of the identity list file. */
export const IdentityList = z.object({
  version: z.literal(1),
  activeId: z.uuid().nullable(),
  identities: z.array(IdentitySummary),
});
export type IdentityList = z.infer<typeof IdentityList>;

const EMPTY: IdentityList = { version: 1, activeId: null, identities: [] };

const PEM_PRIVATE_KEY = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;

/** Name of the file inside the data directory. */
export const IDENTITY_LIST_FILE = 'identities.json';

/**
 * Reads and writes `identities.json`. Writes are atomic (temp file + rename) and owner-only (0600). As a last line
 * of defence, a write whose content looks like a private key is refused.
 */
export class IdentityListFile {
  readonly #file: string;
  /** The list as last read or written, with the file version (inode, size, mtime) it came from. */
  #cache: { version: string; list: IdentityList } | undefined;

  constructor(dataDir: string) {
    this.#file = path.join(dataDir, IDENTITY_LIST_FILE);
  }

  /** Full path of the file. */
  get path(): string {
    return this.#file;
  }

  /**
   * The stored list; an empty list when the file does not exist yet. Every IPC call's lock gate asks for it, so the
   * file is read and parsed again only when it changed (another window or process wrote it): a synchronous stat per
   * call (microseconds) instead of a read on libuv's thread pool, where under load the calls queued behind checkpoint
   * writes for up to a second (bench:scale).
   */
  async read(): Promise<IdentityList> {
    const version = this.#version();
    if (version === null) {
      this.#cache = undefined;
      return structuredClone(EMPTY);
    }
    if (this.#cache?.version === version) return structuredClone(this.#cache.list);
    const list = await this.#readFile();
    // The stat taken before reading: a write racing the read leaves a version the next call will not match.
    this.#cache = { version, list };
    return structuredClone(list);
  }

  /** The file's identity: a write replaces it (temp file + rename: a new inode), so any change shows here. */
  #version(): string | null {
    try {
      const stat = statSync(this.#file, { throwIfNoEntry: false, bigint: true });
      return stat === undefined ? null : `${String(stat.ino)}:${String(stat.size)}:${String(stat.mtimeNs)}`;
    } catch (cause) {
      throw new IdentityStoreCorruptError(`Cannot read ${this.#file}: ${errorMessage(cause)}`, { cause });
    }
  }

  async #readFile(): Promise<IdentityList> {
    let text: string;
    try {
      text = await readFile(this.#file, 'utf8');
    } catch (cause) {
      if (cause instanceof Error && 'code' in cause && cause.code === 'ENOENT') return structuredClone(EMPTY);
      throw new IdentityStoreCorruptError(`Cannot read ${this.#file}: ${errorMessage(cause)}`, { cause });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new IdentityStoreCorruptError(`${this.#file} is not valid JSON`, { cause });
    }
    const parsed = IdentityList.safeParse(json);
    if (!parsed.success) {
      throw new IdentityStoreCorruptError(`${this.#file} has an unexpected shape: ${parsed.error.message}`);
    }
    return parsed.data;
  }

  /** Replaces the stored list. */
  async write(list: IdentityList): Promise<void> {
    const text = `${JSON.stringify(IdentityList.parse(list), null, 2)}\n`;
    if (PEM_PRIVATE_KEY.test(text)) throw new Error('Refusing to write key material to the identity list');
    await mkdir(path.dirname(this.#file), { recursive: true, mode: 0o700 });
    await writeFileAtomically(this.#file, text);
  }
}
