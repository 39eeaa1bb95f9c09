// Builds out/ unless it is newer than every renderer source (scripts/test.sh builds first, so usually a no-op).
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { defaultRendererDir } from '../../electron/browser-shell/app.ts';

export const chromiumPath = '/usr/bin/chromium';
export const repoRoot = path.resolve(import.meta.dirname, '../..');
const builtIndex = path.join(defaultRendererDir, 'index.html');
const sources = ['renderer', 'shared/ipc', 'electron/main/security', 'electron.vite.config.ts', 'chaincode/src/shared'];

async function newestSourceTime(entry: string): Promise<number> {
  const full = path.join(repoRoot, entry);
  const stats = statSync(full);
  if (!stats.isDirectory()) return stats.mtimeMs;
  const children = await readdir(full);
  const times = await Promise.all(children.map((child) => newestSourceTime(path.join(entry, child))));
  return Math.max(stats.mtimeMs, ...times);
}

/** Runs `electron-vite build` when out/renderer is older than the renderer's sources. */
export async function ensureRendererBuild(): Promise<void> {
  const newest = Math.max(...(await Promise.all(sources.map(newestSourceTime))));
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newest) return;
  const build = spawnSync(path.join(repoRoot, 'node_modules/.bin/electron-vite'), ['build'], {
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
