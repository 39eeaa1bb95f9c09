// Builds out/ unless it is newer than every renderer source (scripts/test.sh builds first, so usually a no-op).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { defaultRendererDir } from '../../electron/browser-shell/app.ts';

export const chromiumPath = '/usr/bin/chromium';
export const repoRoot = path.resolve(import.meta.dirname, '../..');
const builtIndex = path.join(defaultRendererDir, 'index.html');
const sources = ['renderer', 'shared/ipc', 'electron/main/security', 'electron.vite.config.ts', 'domain/src'];

async function newestSourceTime(entry: string): Promise<number> {
  const full = path.join(repoRoot, entry);
  const stats = statSync(full);
  if (!stats.isDirectory()) return stats.mtimeMs;
  const children = await readdir(full);
  const times = await Promise.all(children.map((child) => newestSourceTime(path.join(entry, child))));
  return Math.max(stats.mtimeMs, ...times);
}

/** Where `npm run bench:ui` builds the app with `--mode bench` (the only build whose router has the bench page). */
export const benchBuildDir = path.join(repoRoot, '.artifacts', 'bench-build');

/**
 * Runs `electron-vite build` when the renderer build is older than the renderer's sources: the production build in
 * out/ by default, or with `mode: 'bench'` the bench build in {@link benchBuildDir} (its renderer is
 * `<benchBuildDir>/renderer`).
 */
export async function ensureRendererBuild({ mode }: { mode?: 'bench' } = {}): Promise<void> {
  const newest = Math.max(...(await Promise.all(sources.map(newestSourceTime))));
  const index = mode === 'bench' ? path.join(benchBuildDir, 'renderer', 'index.html') : builtIndex;
  if (existsSync(index) && statSync(index).mtimeMs >= newest) return;
  const args = mode === 'bench' ? ['build', '--mode', 'bench', '--outDir', benchBuildDir] : ['build'];
  const build = spawnSync(path.join(repoRoot, 'node_modules/.bin/electron-vite'), args, {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
}

/** Chromium flags for headless runs as root in CI. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
