// Scans folders and files for private key material and fails when it finds any:
//   node scripts/scan-for-private-keys.ts [--exclude <path>]... <path>...
// Run after the tests on the app data folders they used, their logs and temp files (scripts/test-in-keyring-session.sh),
// so "the app never writes a private key outside the OS keychain" is checked on what a real run left behind.
// Prints file names and the kind of key found, never the bytes.
import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { privateKeyMarkers, type PrivateKeyMarker } from './private-key-markers.ts';

const repoRoot = path.resolve(import.meta.dirname, '..');

/**
 * The local Fabric network's data folder is always excluded: it legitimately holds every node's MSP keys and the
 * demo users' keys (the network scripts write them, as Fabric's own tooling does). It is the network's, not the app's.
 */
const networkDataDir = path.resolve(
  process.env['PEDILEDGER_NETWORK_DATA'] ?? path.join(repoRoot, 'fabric-network', '.data'),
);

/** One file with key material. */
interface Finding {
  readonly file: string;
  readonly markers: PrivateKeyMarker[];
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function filesUnder(target: string): Promise<string[]> {
  const stat = await lstat(target).catch(() => null);
  if (stat === null) return [];
  if (stat.isFile()) return [target];
  if (!stat.isDirectory()) return [];
  const entries = await readdir(target, { withFileTypes: true, recursive: true });
  // Symlinks are not followed: a link into the network's folder or the user's home is not the app's data.
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/** Scans `targets` (files or folders, recursively), skipping anything inside `excluded`. */
export async function scanForPrivateKeys(
  targets: readonly string[],
  excluded: readonly string[],
): Promise<{ scanned: number; findings: Finding[] }> {
  const skip = [networkDataDir, ...excluded.map((dir) => path.resolve(dir))];
  let scanned = 0;
  const findings: Finding[] = [];
  for (const target of targets) {
    for (const file of await filesUnder(path.resolve(target))) {
      if (skip.some((dir) => isInside(file, dir))) continue;
      const content = await readFile(file).catch(() => null);
      if (content === null) continue;
      scanned += 1;
      const markers = privateKeyMarkers(content);
      if (markers.length > 0) findings.push({ file, markers });
    }
  }
  return { scanned, findings };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: { exclude: { type: 'string', multiple: true } },
    allowPositionals: true,
  });
  if (positionals.length === 0) {
    console.error('usage: node scripts/scan-for-private-keys.ts [--exclude <path>]... <path>...');
    process.exit(2);
  }
  const { scanned, findings } = await scanForPrivateKeys(positionals, values.exclude ?? []);
  if (findings.length > 0) {
    console.error(`Private key material found in ${String(findings.length)} file(s):`);
    for (const finding of findings) console.error(`  ${finding.file}: ${finding.markers.join(', ')}`);
    process.exit(1);
  }
  console.log(
    `Private key scan: ${String(scanned)} file(s) in ${positionals.join(', ')}, none holds key material ` +
      `(${path.relative(process.cwd(), networkDataDir) || networkDataDir} is the network's and is not scanned).`,
  );
}
