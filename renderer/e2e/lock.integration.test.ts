// The app lock in Chromium on the real network: a pediatrician sets an unlock PIN, locks the screen, and only the PIN
// opens it again; reloading the page (or opening it anew) does not get past the lock, because main holds it.
import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath, ensureRendererBuild } from './renderer-build.ts';
import { startStoryShell, type StoryShell } from './story-shell.ts';
import { accessibilityFindings, expectToast, screenshotBoth, screenshotDir, signInWithPem } from './story-page.ts';

let browser: Browser;
let shell: StoryShell;
let page: Page;

describe.skipIf(!existsSync(chromiumPath))('the app lock in the browser', () => {
  beforeAll(async () => {
    mkdirSync(screenshotDir, { recursive: true });
    await ensureRendererBuild();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    shell = await startStoryShell('lock');
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, colorScheme: 'light' });
    page = await context.newPage();
    await signInWithPem(page, shell.app.launchUrl, 'ped-bruno', 'Dr Bruno Keller');
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    await shell.close();
  });

  it('sets an unlock PIN from the identity menu, explaining a bad one first', async () => {
    await page.getByTestId('identity-menu').click();
    await page.getByTestId('identity-pin').click();
    const dialog = page.getByTestId('pin-dialog');
    await dialog.getByLabel('New PIN', { exact: true }).fill('12ab');
    await dialog.getByLabel('Repeat the new PIN', { exact: true }).fill('1234');
    await dialog.getByTestId('pin-save').click();
    await dialog.getByText('Use 4 to 12 digits', { exact: true }).waitFor();
    await dialog.getByText('The two PINs differ', { exact: true }).waitFor();
    await dialog.getByLabel('New PIN', { exact: true }).fill('482916');
    await dialog.getByLabel('Repeat the new PIN', { exact: true }).fill('482916');
    await dialog.getByTestId('pin-save').click();
    await expectToast(page, 'Unlock PIN set');
  });

  it('locks, refuses a wrong PIN, and survives a reload of the page', async () => {
    await page.getByTestId('lock-button').click();
    const lockScreen = page.getByTestId('lock-screen');
    await lockScreen.getByText('Enter the PIN of Dr Bruno Keller').waitFor();
    await screenshotBoth(page, 'lock-screen');
    await lockScreen.getByLabel('PIN', { exact: true }).fill('000000');
    await lockScreen.getByTestId('unlock').click();
    await lockScreen.getByTestId('error-alert').getByText('That PIN is not right.').waitFor();
    // A page that forgets it was locked still gets nothing: main answers from its own state.
    await page.reload();
    await page.getByTestId('lock-screen').getByText('Enter the PIN of Dr Bruno Keller').waitFor();
    expect(await page.getByTestId('lock-screen').isVisible()).toBe(true);
  });

  it('opens with the right PIN and shows the pediatrician’s home again', async () => {
    const lockScreen = page.getByTestId('lock-screen');
    await lockScreen.getByLabel('PIN', { exact: true }).fill('482916');
    await lockScreen.getByTestId('unlock').click();
    await lockScreen.waitFor({ state: 'hidden' });
    await page.getByTestId('tile-agreementsWaiting').waitFor();
    expect(accessibilityFindings.filter((finding) => finding.violations.length > 0)).toEqual([]);
  });
});
