// Test-only: finds files under a directory whose bytes contain a PEM private-key marker.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** Paths of files under `root` (recursively) that contain `PRIVATE KEY`. Missing roots yield []. */
export async function filesWithKeyMaterial(
  root: string,
  skip: (file: string) => boolean = () => false,
): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  const hits: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (skip(file)) continue;
    const bytes = await readFile(file);
    if (bytes.includes('PRIVATE KEY')) hits.push(file);
  }
  return hits;
}
