// Writing a file so that it is either its old content or the new one, never half of the new one.
import { randomUUID } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes `data` to a temporary file beside `file`, flushed to disk, and renames it over `file` (atomic on one file
 * system: a crash leaves the old content or the new, and the flush keeps a power loss from leaving a renamed file
 * whose data never reached the disk). On failure the temporary file is removed and `file` is as it was.
 */
export async function writeFileAtomically(file: string, data: string | Uint8Array, mode = 0o600): Promise<void> {
  const tmp = `${file}.${randomUUID().slice(0, 8)}.tmp`;
  try {
    await writeFile(tmp, data, { mode, flag: 'wx', flush: true });
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
