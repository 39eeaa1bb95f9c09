/**
 * Compiling the chaincode only when its sources changed. `network:up` used to run tsc before every start, which
 * put 10–20 s into each repair of a dead node; now it hashes what tsc reads and keeps the hash next to the output.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chaincodeDir, repoRoot } from './paths.ts';

/** tsc's output folder (`outDir` of chaincode/tsconfig.json) and the stamp that says which sources made it. */
export const chaincodeDistDir = path.join(chaincodeDir, 'dist');
export const chaincodeSourceStamp = path.join(chaincodeDistDir, '.source-sha256');

/** Files under `dir` (recursively), relative to `root`, sorted so the hash does not depend on readdir order. */
function filesUnder(root: string, dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(root, relative));
    else found.push(relative);
  }
  return found;
}

/** The domain package (domain/README.md), whose CommonJS build the chaincode requires: built first, hashed too. */
const domainDir = path.join(repoRoot, 'domain');

/** Hashes a package's non-test sources under `src` (and `scripts`) and its build configs, each as path and bytes. */
function hashPackage(hash: ReturnType<typeof createHash>, root: string, label: string, configs: string[]): void {
  const sources = ['src', 'scripts']
    .filter((dir) => existsSync(path.join(root, dir)))
    .flatMap((dir) => filesUnder(root, dir))
    .filter((file) => !file.endsWith('.test.ts') && !file.startsWith(path.join('src', 'testing') + path.sep))
    .sort();
  const present = configs.filter((file) => existsSync(path.join(root, file)));
  for (const file of [...sources, ...present]) {
    hash
      .update(`${label}/${file}\0`)
      .update(readFileSync(path.join(root, file)))
      .update('\0');
  }
}

/**
 * SHA-256 over everything the build reads: every file under `chaincode/src` and the domain package's `src` and
 * `scripts` except tests and the test harness, both packages' tsconfig and package files, the base tsconfig, and the
 * TypeScript version. Each file contributes its path and its bytes, so a rename changes the hash too.
 */
export function chaincodeSourceHash(root: string = chaincodeDir, domainRoot: string = domainDir): string {
  const hash = createHash('sha256');
  hashPackage(hash, root, 'chaincode', ['tsconfig.json', 'tsconfig.build.json', 'package.json']);
  if (existsSync(domainRoot)) {
    hashPackage(hash, domainRoot, 'domain', ['tsconfig.json', 'tsconfig.cjs.json', 'package.json']);
  }
  const base = path.join(root, '..', 'tsconfig.base.json');
  if (existsSync(base)) hash.update('tsconfig.base.json\0').update(readFileSync(base)).update('\0');
  const tsPackage = path.join(repoRoot, 'node_modules', 'typescript', 'package.json');
  const tsVersion = (JSON.parse(readFileSync(tsPackage, 'utf8')) as { version: string }).version;
  return hash.update(`typescript@${tsVersion}`).digest('hex');
}

/**
 * Builds the domain package's CommonJS output, which the chaincode requires, then runs tsc on the chaincode, and
 * records the hash of the sources it compiled. Throws with tsc's output if it fails.
 */
export function buildChaincode(): void {
  const sourceHash = chaincodeSourceHash();
  const tsc = path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  const steps = [
    [tsc, '-p', path.join(domainDir, 'tsconfig.cjs.json')],
    [path.join(domainDir, 'scripts', 'mark-commonjs.ts')],
    [tsc, '-p', path.join(chaincodeDir, 'tsconfig.build.json')],
  ];
  for (const args of steps) {
    const result = spawnSync(process.execPath, args, { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`The chaincode does not compile:\n${result.stdout}${result.stderr}`);
  }
  writeFileSync(chaincodeSourceStamp, `${sourceHash}\n`);
}

/**
 * Compiles the chaincode unless `dist` was built from exactly the current sources (same hash). Returns whether it
 * compiled. The hash is taken before tsc runs, so a source edited during the build is caught at the next start.
 */
export function ensureChaincodeBuilt(): boolean {
  const recorded = existsSync(chaincodeSourceStamp) ? readFileSync(chaincodeSourceStamp, 'utf8').trim() : null;
  if (recorded !== null && recorded === chaincodeSourceHash()) return false;
  buildChaincode();
  return true;
}
