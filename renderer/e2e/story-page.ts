// Page helpers for the end-to-end story: sign in through the first-run screen, navigate, fill forms, screenshot.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { userByUid } from '../../fabric-network/test/fabric.ts';
import { axeViolations, type AxeViolation } from './axe.ts';
import { repoRoot } from './renderer-build.ts';

export const screenshotDir = path.join(repoRoot, 'docs/screenshots');

/** Imports a demo user's certificate and key through the first-run screen (as an admin-issued PEM pair). */
export async function signInWithPem(
  page: Page,
  launchUrl: string,
  uid: string,
  label: string,
  screenshots = false,
): Promise<void> {
  const user = await userByUid(uid);
  await page.goto(launchUrl);
  await page.getByTestId(`org-${user.org}`).waitFor();
  if (screenshots) await screenshotBoth(page, 'first-run');
  await page.getByTestId(`org-${user.org}`).click();
  if (screenshots) await screenshotBoth(page, 'first-run-enroll');
  await page.getByTestId('tab-import').click();
  await page.getByLabel('Name shown in the app').fill(label);
  await page.getByLabel('Certificate (PEM)').fill(await readFile(user.certPath, 'utf8'));
  await page.getByLabel('Private key (PEM)').fill(await readFile(user.keyPath, 'utf8'));
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByTestId('connection-chip').and(page.locator('[data-status="connected"]')).waitFor({ timeout: 30_000 });
}

/** Enrolls through the first-run screen with an enrollment ID and one-time secret (a wrong secret first). */
export async function signInWithEnrollment(
  page: Page,
  launchUrl: string,
  org: string,
  enrollment: { enrollmentId: string; secret: string },
  label: string,
): Promise<void> {
  await page.goto(launchUrl);
  await page.getByTestId(`org-${org}`).click();
  const form = page.getByTestId('enroll-form');
  await form.getByTestId('enroll-submit').click();
  await form.getByText('Required').first().waitFor();
  await form.getByLabel('Enrollment ID', { exact: true }).fill(enrollment.enrollmentId);
  await form.getByLabel('One-time secret', { exact: true }).fill('not-the-secret');
  await form.getByTestId('enroll-submit').click();
  await form.getByTestId('error-alert').getByText('Check the enrollment ID and the one-time secret').waitFor();
  await form.getByLabel('One-time secret', { exact: true }).fill(enrollment.secret);
  await form.getByLabel('Name shown in the app').fill(label);
  await form.getByTestId('enroll-submit').click();
  await page.getByTestId('connection-chip').and(page.locator('[data-status="connected"]')).waitFor({ timeout: 30_000 });
}

/** Waits for the snackbar to say `text` (every committed write confirms itself there). */
export async function expectToast(page: Page, text: string | RegExp): Promise<void> {
  await page.getByTestId('toast').getByText(text).first().waitFor({ timeout: 60_000 });
}

/** Fills a Vuetify select by its label. */
export async function choose(page: Page, scope: Locator, label: string, option: string): Promise<void> {
  await scope.getByLabel(label, { exact: true }).click({ force: true });
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** axe-core findings of every screen the story screenshots, by screen and colour scheme. */
export const accessibilityFindings: { screen: string; violations: AxeViolation[] }[] = [];

/**
 * Saves a screenshot of the page in light and dark (the app follows the OS colour scheme), and checks each with
 * axe-core (WCAG 2.1 A/AA, colour contrast included).
 */
export async function screenshotBoth(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(screenshotDir, `${name}-${scheme}.png`) });
    accessibilityFindings.push({ screen: `${name} (${scheme})`, violations: await axeViolations(page) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}
