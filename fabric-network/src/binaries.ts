/**
 * Builds the Fabric binaries once from Go modules into the git-ignored cache, with progress, and skips the build
 * when the version stamp says they are already there.
 *
 * Fabric's module path has no /v3 suffix, so its releases can only be named by commit. We ask the Go module proxy
 * for v3.1.5 first; if the proxy refuses it, we say exactly what it answered and build the newest release the
 * proxy does serve (v2.5.0). Fabric CA v1.5.21 is a normal tagged module version.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bin, binDir, builderDir, fabricConfigDir, networkDir, stampFile } from './paths.ts';
import { run } from './run.ts';
import { parseDocument } from 'yaml';

export interface FabricRelease {
  version: string;
  /** The release commit, as far as the pseudo-version names it (12 hex digits at least). */
  commit: string;
  /** The pseudo-version Go derives for this commit (the module has no v2/v3 path suffix). */
  pseudoVersion: string;
}

/** Preferred first. */
export const fabricReleases: readonly FabricRelease[] = [
  {
    version: '3.1.5',
    commit: '86c1172bec37e6590c6b1ae6f847833df48d65fc',
    pseudoVersion: 'v1.4.0-rc1.0.20260618074816-86c1172bec37',
  },
  {
    version: '2.5.0',
    commit: 'bd8e24856939',
    pseudoVersion: 'v1.4.0-rc1.0.20230401164317-bd8e24856939',
  },
];

export const fabricCaVersion = 'v1.5.21';
const fabricTools = ['peer', 'orderer', 'configtxgen', 'osnadmin', 'configtxlator', 'ledgerutil'] as const;
const caTools = ['fabric-ca-server', 'fabric-ca-client'] as const;
const builderPrograms = ['detect', 'build', 'release'] as const;
const minimumGo = { major: 1, minor: 26 };

export interface BuildStamp {
  fabric: { version: string; commit: string };
  fabricCa: string;
  builderSource: string;
  goVersion: string;
  builtAt: string;
}

export class BuildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BuildError';
  }
}

export function readStamp(): BuildStamp | null {
  if (!existsSync(stampFile)) return null;
  return JSON.parse(readFileSync(stampFile, 'utf8')) as BuildStamp;
}

function allBinariesPresent(): boolean {
  return (
    [...fabricTools, ...caTools].every((tool) => existsSync(bin(tool))) &&
    builderPrograms.every((program) => existsSync(path.join(builderDir, 'bin', program))) &&
    ['core.yaml', 'orderer.yaml'].every((file) => existsSync(path.join(fabricConfigDir, file)))
  );
}

function builderSourceDigest(): string {
  const source = readFileSync(path.join(networkDir, 'ccaas-builder', 'main.go'));
  return String(source.length) + ':' + source.subarray(0, 64).toString('hex');
}

/** Checks for Go ≥ 1.26 and says what to install when it is missing or too old. */
export function checkGo(): string {
  const result = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) {
    throw new BuildError(
      'Go is not installed (or not on PATH). PediLedger builds Fabric from Go modules and needs Go 1.26 or newer: ' +
        'install it from https://go.dev/dl/ (e.g. /usr/local/go) and put its bin folder on PATH.',
    );
  }
  const match = /go(\d+)\.(\d+)/.exec(result.stdout);
  const major = Number(match?.[1] ?? 0);
  const minor = Number(match?.[2] ?? 0);
  if (major < minimumGo.major || (major === minimumGo.major && minor < minimumGo.minor)) {
    throw new BuildError(
      `${result.stdout.trim()} is too old: Fabric needs Go ${minimumGo.major}.${minimumGo.minor} or newer. ` +
        'Install a newer Go from https://go.dev/dl/ and put it first on PATH.',
    );
  }
  return result.stdout.trim();
}

interface ModuleDownload {
  Dir?: string;
  Error?: string;
}

/** Downloads a module version into the module cache and returns its folder, or the proxy's own answer. */
function downloadModule(module: string, version: string): { dir: string } | { refused: string } {
  const goEnv = { GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local' };
  const result = spawnSync('go', ['mod', 'download', '-json', `${module}@${version}`], {
    encoding: 'utf8',
    env: { ...process.env, ...goEnv },
  });
  let parsed: ModuleDownload;
  try {
    parsed = JSON.parse(result.stdout) as ModuleDownload;
  } catch {
    return { refused: (result.stderr || result.stdout).trim() };
  }
  if (parsed.Dir !== undefined && parsed.Error === undefined) return { dir: parsed.Dir };
  return { refused: parsed.Error ?? (result.stderr || 'no answer').trim() };
}

type Progress = (message: string) => void;

/** Builds everything that is missing; returns without work when the stamp and binaries are present. */
export async function ensureBinaries(progress: Progress = console.log): Promise<BuildStamp> {
  const existing = readStamp();
  if (existing !== null && allBinariesPresent() && existing.builderSource === builderSourceDigest()) {
    applyConfigOverrides();
    return existing;
  }

  const goVersion = checkGo();
  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  progress(`Building Fabric binaries once into ${path.relative(process.cwd(), binDir) || binDir} (${goVersion}).`);
  progress('The first build downloads Go modules and compiles on all cores; it takes a few minutes.');

  const fabric = resolveFabric(progress);
  const ca = downloadModule('github.com/hyperledger/fabric-ca', fabricCaVersion);
  if ('refused' in ca) {
    throw new BuildError(
      `The Go module proxy refused github.com/hyperledger/fabric-ca@${fabricCaVersion}:\n${ca.refused}`,
    );
  }

  mkdirSync(binDir, { recursive: true });
  const steps = fabricTools.length + caTools.length + 1;
  let step = 0;
  const nextStep = (): string => `[${String(++step)}/${String(steps)}]`;
  const ldflags = `-X github.com/hyperledger/fabric/common/metadata.Version=${fabric.release.version} -X github.com/hyperledger/fabric/common/metadata.CommitSHA=${fabric.release.commit.slice(0, 7)}`;
  for (const tool of fabricTools) {
    progress(`${nextStep()} building ${tool} (Fabric ${fabric.release.version}) … ${elapsed()}`);
    await goBuild(fabric.dir, `./cmd/${tool}`, bin(tool), ['-ldflags', ldflags], { CGO_ENABLED: '0' }, progress);
  }
  progress(`${nextStep()} building fabric-ca-server ${fabricCaVersion} (cgo, for its sqlite store) … ${elapsed()}`);
  await goBuild(ca.dir, './cmd/fabric-ca-server', bin('fabric-ca-server'), [], { CGO_ENABLED: '1' }, progress);
  progress(`${nextStep()} building fabric-ca-client ${fabricCaVersion} … ${elapsed()}`);
  await goBuild(
    ca.dir,
    './cmd/fabric-ca-client',
    bin('fabric-ca-client'),
    ['-tags', 'caclient'],
    { CGO_ENABLED: '0' },
    progress,
  );
  progress(`${nextStep()} building the chaincode-as-a-service builder … ${elapsed()}`);
  await buildCcaasBuilder();

  // Fabric's defaults come from the downloaded module; our overrides are environment variables per node.
  mkdirSync(fabricConfigDir, { recursive: true });
  for (const file of ['core.yaml', 'orderer.yaml']) {
    const target = path.join(fabricConfigDir, file);
    copyFileSync(path.join(fabric.dir, 'sampleconfig', file), target);
    chmodSync(target, 0o644);
  }

  const stamp: BuildStamp = {
    fabric: { version: fabric.release.version, commit: fabric.release.commit },
    fabricCa: fabricCaVersion,
    builderSource: builderSourceDigest(),
    goVersion,
    builtAt: new Date().toISOString(),
  };
  writeFileSync(stampFile, JSON.stringify(stamp, null, 2) + '\n');
  applyConfigOverrides();
  progress(`Fabric ${fabric.release.version} and Fabric CA ${fabricCaVersion} built in ${elapsed()}.`);
  return stamp;
}

function resolveFabric(progress: Progress): { release: FabricRelease; dir: string } {
  const refusals: string[] = [];
  for (const release of fabricReleases) {
    const download = downloadModule('github.com/hyperledger/fabric', release.pseudoVersion);
    if ('dir' in download) {
      if (refusals.length > 0) {
        progress(`Using Fabric ${release.version} (commit ${release.commit.slice(0, 12)}) instead.`);
      }
      return { release, dir: download.dir };
    }
    refusals.push(`Fabric ${release.version} (${release.pseudoVersion}): ${download.refused}`);
    progress(`NOTE: the Go module proxy does not serve Fabric ${release.version}:`);
    progress(`      ${download.refused.split('\n').join('\n      ')}`);
  }
  throw new BuildError(
    `The Go module proxy refused every Fabric release we can build:\n${refusals.join('\n')}\n` +
      'Check GOPROXY (go env GOPROXY) and that the machine can reach it.',
  );
}

async function goBuild(
  moduleDir: string,
  packagePath: string,
  output: string,
  extraArgs: readonly string[],
  env: Readonly<Record<string, string>>,
  progress: Progress,
): Promise<void> {
  const started = Date.now();
  const name = path.basename(output);
  let downloads = 0;
  // A cold build is silent for minutes at a time; a heartbeat shows it is alive.
  const heartbeat = setInterval(() => {
    const seconds = Math.round((Date.now() - started) / 1000);
    progress(`      … still building ${name} (${String(seconds)} s, ${String(downloads)} modules downloaded)`);
  }, 30_000);
  try {
    // Built inside the module's own folder so its go.mod and go.sum decide every dependency version.
    await run('go', ['build', '-trimpath', ...extraArgs, '-o', output, packagePath], {
      cwd: moduleDir,
      env: { GOFLAGS: '-mod=mod', GOTOOLCHAIN: 'local', ...env },
      purpose: `building ${name}`,
      onLine: (line) => {
        if (line.startsWith('go: downloading')) downloads++;
      },
    });
  } finally {
    clearInterval(heartbeat);
  }
}

async function buildCcaasBuilder(): Promise<void> {
  const target = path.join(builderDir, 'bin');
  mkdirSync(target, { recursive: true });
  const sourceDir = path.join(networkDir, 'ccaas-builder');
  for (const program of builderPrograms) {
    await run('go', ['build', '-trimpath', '-o', path.join(target, program), '.'], {
      cwd: sourceDir,
      env: { GOTOOLCHAIN: 'local', CGO_ENABLED: '0' },
      purpose: `building the ccaas builder's ${program}`,
    });
  }
}

/** Applies the committed overrides (config/core-overrides.yaml) to the cached core.yaml; idempotent, keeps comments. */
export function applyConfigOverrides(): void {
  const target = path.join(fabricConfigDir, 'core.yaml');
  const core = parseDocument(readFileSync(target, 'utf8'));
  const overrides = parseDocument(readFileSync(path.join(networkDir, 'config', 'core-overrides.yaml'), 'utf8'));
  const apply = (value: unknown, at: string[]): void => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) apply(inner, [...at, key]);
    } else {
      core.setIn(at, value);
    }
  };
  apply(overrides.toJS(), []);
  writeFileSync(target, core.toString());
}
