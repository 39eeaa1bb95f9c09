// Runs Electronegativity on the built app (out/, from `electron-vite build`) and fails on HIGH findings or on files it
// could not parse; MEDIUM findings are listed for review. Usage: node scripts/check-electron-security.ts [out-dir]
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { transformWithOxc } from 'vite';
import { formatIssues, judge } from './electronegativity-verdict.ts';

const root = path.resolve(import.meta.dirname, '..');
const outDir = path.resolve(process.argv[2] ?? path.join(root, 'out'));
const require = createRequire(import.meta.url);

/**
 * Electronegativity fetches translations and Electron's release list from the internet, and a late retry of the
 * translation request crashes the process when offline. Its HTTP client is replaced by one that fails at once, so the
 * scan never touches the network (the release-list check is excluded below; npm tracks Electron versions for us).
 */
function disableNetwork(): void {
  const scannerRequire = createRequire(require.resolve('@doyensec/electronegativity'));
  const gotPath = scannerRequire.resolve('got');
  const offline = (): Promise<never> => Promise.reject(new Error('network disabled for the security scan'));
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.loaded = true;
  stub.exports = Object.assign(offline, { head: offline });
  scannerRequire.cache[gotPath] = stub;
}

/**
 * Copies the build, lowering JavaScript to ES2021: the scanner's AST walker does not know class private fields (`#x`)
 * and would otherwise skip whole bundles. The code is the same; only that syntax is rewritten.
 */
async function lowerForScanner(source: string): Promise<string> {
  const copy = mkdtempSync(path.join(tmpdir(), 'pediledger-scan-'));
  cpSync(source, copy, { recursive: true });
  for (const entry of readdirSync(copy, { recursive: true, encoding: 'utf8' })) {
    if (!/\.(c|m)?js$/.test(entry)) continue;
    const file = path.join(copy, entry);
    // transformWithOxc throws on syntax it cannot handle, which fails the check (as it should).
    const lowered = await transformWithOxc(readFileSync(file, 'utf8'), file, { target: 'es2021', lang: 'js' });
    writeFileSync(file, lowered.code);
  }
  return copy;
}

async function main(): Promise<number> {
  if (!existsSync(path.join(outDir, 'main', 'index.js'))) {
    console.error(`No build in ${outDir}: run \`npx electron-vite build\` first.`);
    return 1;
  }
  const electronVersion = (
    JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')) as { version: string }
  ).version;
  disableNetwork();
  const { default: electronegativity } = await import('@doyensec/electronegativity');
  const scanDir = await lowerForScanner(outDir);
  try {
    const result = await electronegativity({
      input: scanDir,
      electronVersionOverride: electronVersion,
      excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
      isRelative: true,
    });
    const verdict = judge(result);
    console.log(
      `Electronegativity: ${result.atomicChecks} atomic and ${result.globalChecks} global checks on ${outDir} ` +
        `(Electron ${electronVersion}); ${result.issues.length} finding(s), ${verdict.reported.length} medium or high.`,
    );
    if (verdict.reported.length > 0) console.log(formatIssues(verdict.reported));
    if (verdict.failures.length > 0) {
      console.error(`FAILED:\n${verdict.failures.join('\n')}`);
      return 1;
    }
    return 0;
  } finally {
    rmSync(scanDir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
