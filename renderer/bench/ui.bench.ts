// `npm run bench:ui`: the patients table with 10,000 children in Chromium (the real renderer build, through the
// browser shell, no network; built with `--mode bench`, the only build with the bench page). Prints the mount time and how many rows are in the DOM (virtual scrolling keeps that
// to what is visible), before and after scrolling to the middle.
import { chromium } from 'playwright-core';
import { startBrowserShellApp } from '../../electron/browser-shell/app.ts';
import path from 'node:path';
import { benchBuildDir, chromiumArgs, chromiumPath, ensureRendererBuild } from '../e2e/renderer-build.ts';

const rows = 10_000;
await ensureRendererBuild({ mode: 'bench' });
const shell = await startBrowserShellApp({ rendererDir: path.join(benchBuildDir, 'renderer'), log: () => undefined });
const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
  page.on('pageerror', (error) => {
    console.error(`page error: ${error.message}`);
  });
  await page.goto(shell.launchUrl);
  // Without services the app settles on the first-run screen; the bench route is public.
  await page.waitForURL(/#\/welcome/);
  const started = Date.now();
  await page.evaluate(() => {
    window.location.hash = '#/bench';
  });
  const result = page.getByTestId('bench-result');
  await result.filter({ hasText: 'mountMs' }).waitFor({ timeout: 60_000 });
  const wallMs = Date.now() - started;
  const measured = JSON.parse(await result.innerText()) as { rows: number; mountMs: number; domRows: number };
  const table = page.locator('[data-testid="children-table"] .v-table__wrapper');
  const scrollStarted = Date.now();
  await table.evaluate((element) => {
    element.scrollTop = element.scrollHeight / 2;
  });
  await page.waitForTimeout(300);
  const middleRows = await page.locator('[data-testid="children-table"] tbody tr.v-data-table__tr').count();
  const middleText = await page.locator('[data-testid="children-table"] tbody tr.v-data-table__tr').nth(5).innerText();
  const scrollMs = Date.now() - scrollStarted - 300;
  const search = page.getByTestId('children-search').getByRole('textbox');
  const searchStarted = Date.now();
  await search.fill('Tanaka-96');
  await page.waitForFunction(() => {
    const first = document.querySelector('[data-testid="children-table"] tbody tr.v-data-table__tr');
    return first?.textContent.includes('Tanaka-96') === true;
  });
  const searchMs = Date.now() - searchStarted;
  const matches = await page.locator('[data-testid="children-table"] tbody tr.v-data-table__tr').count();
  console.log(
    `bench:ui — ${measured.rows === rows ? rows : measured.rows} children in the patients table (VDataTableVirtual)`,
  );
  console.log(`  mount (data set → first paint, in page): ${measured.mountMs} ms; route change → result: ${wallMs} ms`);
  console.log(`  DOM rows after mount: ${measured.domRows}`);
  console.log(
    `  DOM rows after scrolling to the middle: ${middleRows} (row 6: ${middleText.split('\t')[0] ?? ''}), ~${scrollMs} ms`,
  );
  console.log(`  search "Tanaka-96" over ${rows} rows: ${searchMs} ms (${matches} rows shown)`);
} finally {
  await browser.close();
  await shell.close();
}
