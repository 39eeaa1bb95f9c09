// Smoke test of the real renderer build in Debian Chromium, driven by playwright-core through the browser shell:
// the page loads under the app's CSP, `window.api` is the bridge, and app:info and an event make the round trip.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRendererDir, startBrowserShellApp, type BrowserShellApp } from '../../electron/browser-shell/app.ts';

const chromiumPath = '/usr/bin/chromium';
const root = path.resolve(import.meta.dirname, '../..');
const builtIndex = path.join(defaultRendererDir, 'index.html');
const sources = ['renderer', 'shared/ipc', 'electron/main/security', 'electron.vite.config.ts'];

async function newestSourceTime(entry: string): Promise<number> {
  const full = path.join(root, entry);
  const stats = statSync(full);
  if (!stats.isDirectory()) return stats.mtimeMs;
  const children = await readdir(full);
  const times = await Promise.all(children.map((child) => newestSourceTime(path.join(entry, child))));
  return Math.max(stats.mtimeMs, ...times);
}

/** Builds out/ unless it is newer than every renderer source (scripts/test.sh builds first, so usually a no-op). */
async function ensureRendererBuild(): Promise<void> {
  const newest = Math.max(...(await Promise.all(sources.map(newestSourceTime))));
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs >= newest) return;
  const build = spawnSync(path.join(root, 'node_modules/.bin/electron-vite'), ['build'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`electron-vite build failed:\n${build.stdout}\n${build.stderr}`);
}

describe.skipIf(!existsSync(chromiumPath))('renderer in Chromium through the browser shell', () => {
  let shell: BrowserShellApp;
  let context: BrowserContext;
  let userDataDir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    await ensureRendererBuild();
    shell = await startBrowserShellApp({ log: (message) => problems.push(`shell: ${message}`) });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'pediledger-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  }, 60_000);

  afterAll(async () => {
    await context.close();
    await shell.close();
    rmSync(userDataDir, { recursive: true, force: true });
  });

  it('shows app:info and delivers events, with no CSP violation', async () => {
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`page: ${error.message}`));

    await page.goto(shell.launchUrl);
    await expect
      .poll(() => page.getByTestId('app-info').textContent(), { timeout: 30_000 })
      .toMatch(/^PediLedger \d+\.\d+\.\d+ · browser shell · Node /);
    expect(new URL(page.url()).pathname).toBe('/');

    // window.api is exactly the contract, and the page's CSP stops injected inline script.
    const exposed = await page.evaluate(() => Object.keys(window.api).sort());
    expect(exposed).toContain('app:info');
    expect(exposed).toContain('on');
    const inlineScript = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          document.addEventListener('securitypolicyviolation', (event) => {
            resolve(`blocked by ${event.effectiveDirective}`);
          });
          const script = document.createElement('script');
          script.textContent = "document.title = 'injected'";
          document.head.append(script);
          // Resolves early when the violation fires; the ceiling only matters if the script ran after all.
          setTimeout(() => {
            resolve(document.title);
          }, 15_000);
        }),
    );
    expect(inlineScript).toMatch(/^blocked by script-src/);
    problems.length = 0; // the blocked script logs a CSP report; everything after must be clean

    const received = page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const stop = window.api.on('notification', (payload) => {
            stop();
            resolve(`${payload.kind} ${payload.refs['reportId'] ?? ''}`);
          });
        }),
    );
    await expect
      .poll(
        () => {
          shell.events.emit('notification', {
            id: 'n1',
            level: 'info',
            at: new Date().toISOString(),
            kind: 'report-approved',
            refs: { reportId: 'rep-1' },
          });
          return Promise.race([received, new Promise((resolve) => setTimeout(resolve, 200, null))]);
        },
        { timeout: 30_000 },
      )
      .toBe('report-approved rep-1');
    expect(problems).toEqual([]);
  });
});
