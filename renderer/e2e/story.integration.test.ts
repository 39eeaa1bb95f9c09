// The whole story on the real network, through the real renderer in Chromium: three people in three browser contexts
// (plus a second school), each with their own browser shell and identity store. Every step asserts what the user sees.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath, ensureRendererBuild } from './renderer-build.ts';
import { startStoryLoad, type StoryLoad } from './story-load.ts';
import { startStoryShell, type StoryShell } from './story-shell.ts';
import { registerUser } from '../../fabric-network/src/identities.ts';
import { fhirSchemaErrors } from '../../electron/main/fhir/fhirSchema.ts';
import {
  accessibilityFindings,
  choose,
  expectToast,
  screenshotBoth,
  screenshotDir,
  signInWithEnrollment,
  signInWithPem,
} from './story-page.ts';

const run = Date.now().toString(36);
const family = `Story${run.slice(-5)}`;
const childFull = `Mia ${family}`;
const purpose = `Primary care ${run}`;

interface Actor {
  shell: StoryShell;
  page: Page;
}

let browser: Browser;
let load: StoryLoad | undefined;

/**
 * Each step's ceiling. The story runs beside a background load and, in CI, beside other work on shared cores: a step
 * that passes in seconds alone may take minutes there. A ceiling, not a wait: a passing step ends when it is done.
 */
const STEP_MS = 240_000;
const actors: Record<'parent' | 'pediatrician' | 'schoolA' | 'schoolB', Actor> = {} as never;

async function actor(name: keyof typeof actors, uid: string, label: string, screenshots = false): Promise<void> {
  const shell = await startStoryShell(name);
  const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    console.error(`[${name}] page error: ${error.message}`);
  });
  await signInWithPem(page, shell.app.launchUrl, uid, label, screenshots);
  actors[name] = { shell, page };
}

function nav(page: Page, id: string): Promise<void> {
  return page.getByTestId(`nav-${id}`).click();
}

describe.skipIf(!existsSync(chromiumPath))('the PediLedger story in the browser', { timeout: STEP_MS }, () => {
  beforeAll(async () => {
    // Other users write to both channels the whole time, as on a network in use (story-load.ts).
    load = await startStoryLoad(run);
    mkdirSync(screenshotDir, { recursive: true });
    await ensureRendererBuild();
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    await actor('parent', 'parent-carla', 'Carla Rossi', true);
    await actor('pediatrician', 'ped-alice', 'Dr Alice Moreau');
    await actor('schoolA', 'admin-oak', 'Oak Primary office');
    // School B's admin is a new colleague: registered with the school's CA now, enrolled through the first-run screen.
    const enrollment = await registerUser({
      org: 'school',
      uid: `admin-pine-${run}`,
      role: 'school-admin',
      schoolId: 'pine-elementary',
    });
    const shell = await startStoryShell('schoolB');
    const context = await browser.newContext({ viewport: { width: 1366, height: 860 }, colorScheme: 'light' });
    const page = await context.newPage();
    await signInWithEnrollment(page, shell.app.launchUrl, 'school', enrollment, 'Pine Elementary office');
    actors.schoolB = { shell, page };
  }, 600_000);

  // A failed step leaves a screenshot of every user's page, to see what they saw.
  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    const slug = context.task.name.replace(/\W+/g, '-').slice(0, 40);
    for (const [name, { page }] of Object.entries(actors)) {
      await page.screenshot({ path: path.join(tmpdir(), `pediledger-e2e-failed-${slug}-${name}.png`) });
    }
  });

  afterAll(async () => {
    try {
      await browser.close();
      await Promise.all(Object.values(actors).map((a) => a.shell.close()));
    } finally {
      // The load must have lost nothing: every write it was told committed is VALID on another peer's ledger, none
      // failed, and each outcome-unknown one (counted apart) was resolved by the re-check, one way or the other.
      const result = await load?.stop();
      if (result !== undefined) {
        console.log('Background load: attempted / committed / failed / outcome-unknown (on ledger, not) / lost');
        for (const c of result.counts) {
          const unknown = `${String(c.unknown)} (${String(c.unknownOnLedger)}, ${String(c.unknownNotOnLedger)})`;
          console.log(
            `  ${c.writer}: ${String(c.attempted)} / ${String(c.committed)} / ${String(c.failed)} / ${unknown} / ${String(c.lost)}`,
          );
        }
        for (const line of result.notCommitted) console.log(`  not committed: ${line}`);
        for (const c of result.counts) {
          expect(c.attempted, `${c.writer} attempted`).toBeGreaterThan(0);
          expect(c.lost, `${c.writer} lost`).toBe(0);
          expect(c.failed, `${c.writer} failed`).toBe(0);
          expect(c.unresolved, `${c.writer} outcome-unknown unresolved`).toBe(0);
          expect(c.committed + c.unknown, `${c.writer} accounted for`).toBe(c.attempted);
        }
      }
    }
  }, 300_000);

  it('the pediatrician and school A publish themselves in the directory', async () => {
    // Entries are shared ledger state: an earlier run may have listed them already, so the button reads Publish or
    // Update, and the toast says so.
    for (const [page, name, id] of [
      [actors.pediatrician.page, 'Dr Alice Moreau', 'ped-alice'],
      [actors.schoolA.page, 'Oak Primary School', 'oak-primary'],
    ] as const) {
      const card = page.getByTestId('directory-card');
      await card.waitFor();
      await card.getByLabel('Name shown to parents').fill(name);
      await card.getByTestId('directory-publish').click();
      await expectToast(page, /Listed in the directory|Directory entry updated/);
      await expect
        .poll(() => card.getByTestId('directory-status').innerText())
        .toContain(`Parents see “${name}” (${id})`);
      await expect.poll(() => card.getByTestId('directory-publish').innerText()).toMatch(/Update/i);
    }
  });

  it('the parent proposes a care agreement for a new child', async () => {
    const { page } = actors.parent;
    await screenshotBoth(page, 'parent-home');
    await nav(page, 'agreements');
    await page.getByTestId('propose-open').click();
    const dialog = page.getByTestId('propose-dialog');
    await dialog.getByTestId('propose-submit').click();
    await expect.poll(() => dialog.getByText('Required').count()).toBeGreaterThan(2);
    await dialog.getByLabel('Given name').fill('Mia');
    await dialog.getByLabel('Family name').fill(family);
    await dialog.getByLabel('Date of birth').fill('2021-03-14');
    await choose(page, dialog, 'Sex', 'Female');
    // Born very preterm, at 30+2 weeks: the growth chart corrects her age until she is 2.
    await dialog.getByLabel('Gestation: weeks').fill('30');
    await dialog.getByLabel('days', { exact: true }).fill('2');
    // Picked from the directory by name; the field still takes a typed uid.
    await choose(page, dialog, 'Pediatrician’s user ID', 'Dr Alice Moreau (ped-alice)');
    await dialog.getByLabel('Purpose').fill(purpose);
    await dialog.getByTestId('propose-submit').click();
    await expectToast(page, 'Agreement proposed');
    await expect.poll(() => page.getByTestId('agreements-list').innerText()).toContain('Waiting for acceptance');
    await expect.poll(() => page.getByTestId('agreements-list').innerText()).toContain(childFull);
  });

  it('the pediatrician accepts it and records measurements, an immunization and an allergy', async () => {
    const { page } = actors.pediatrician;
    await page.getByTestId('tile-agreementsWaiting').waitFor();
    await screenshotBoth(page, 'pediatrician-home');
    await nav(page, 'agreements');
    const row = page.locator('[data-testid^="agreement-agr-"]').filter({ hasText: purpose });
    await row.getByTestId('agreement-accept').click();
    await expectToast(page, /Agreement accepted/);
    await nav(page, 'patients');
    await screenshotBoth(page, 'pediatrician-patients');
    await page.getByTestId('children-search').getByRole('textbox').fill(family);
    await page.getByText(`${family}, Mia`).click();
    await expect.poll(() => page.getByTestId('card-child-name').innerText()).toBe(childFull);

    await page.getByTestId('tab-measurement').click();
    for (const [date, weight, height] of [
      ['2022-03-14', '9.6', '75.5'],
      ['2023-03-20', '12.1', '87.0'],
      ['2025-09-01', '17.4', '107.5'],
    ] as const) {
      await page.getByTestId('card-add').click();
      const form = page.getByTestId('entry-form-measurement');
      await form.getByLabel('Date').fill(date);
      await form.getByLabel('Weight').fill(weight);
      await form.getByLabel('Height').fill(height);
      await form.getByTestId('entry-submit').click();
      await expectToast(page, 'Measurement recorded');
      await form.waitFor({ state: 'detached' });
    }
    await expect.poll(() => page.getByTestId('card-table-measurement').locator('tbody tr').count()).toBe(3);

    await page.getByTestId('tab-immunization').click();
    await page.getByTestId('card-add').click();
    let form = page.getByTestId('entry-form-immunization');
    await form.getByLabel('Vaccine').fill('MMR');
    await form.getByLabel('Dose number').fill('1');
    await form.getByLabel('Date', { exact: true }).fill('2022-03-20');
    await form.getByTestId('entry-submit').click();
    await expectToast(page, 'Immunization recorded');

    await page.getByTestId('tab-allergy').click();
    await page.getByTestId('card-add').click();
    form = page.getByTestId('entry-form-allergy');
    await form.getByTestId('entry-submit').click();
    await expect.poll(() => form.getByText('Required').count()).toBeGreaterThanOrEqual(3);
    await form.getByLabel('Substance').fill('Peanut');
    await choose(page, form, 'Severity', 'Severe');
    await form.getByLabel('Reaction').fill('Hives and swelling of the lips');
    await form.getByTestId('entry-submit').click();
    await expectToast(page, 'Allergy recorded');
    await expect.poll(() => page.getByTestId('card-table-allergy').innerText()).toContain('Peanut');
    await screenshotBoth(page, 'pediatrician-card');
  });

  it('the parent sees them in the card, its history and the growth chart', async () => {
    const { page } = actors.parent;
    await nav(page, 'children');
    // Search as a parent with many children would: the table scrolls virtually, so a row far down is not in the DOM.
    await page.getByTestId('children-search').getByRole('textbox').fill(family);
    await page.getByText(`${family}, Mia`).click();
    await expect.poll(() => page.getByTestId('card-table-allergy').innerText()).toContain('Severe');
    await page.getByTestId('tab-immunization').click();
    await expect.poll(() => page.getByTestId('card-table-immunization').innerText()).toContain('MMR');
    await page.getByTestId('tab-history').click();
    const history = page.getByTestId('card-history');
    await expect.poll(() => history.innerText()).toContain('Allergy added: Peanut · severe');
    await expect.poll(() => history.innerText()).toContain('by ped-alice');
    await screenshotBoth(page, 'parent-card-history');
    await page.getByTestId('tab-growth').click();
    await expect.poll(() => page.getByTestId('growth-chart').locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('growth-chart').innerText()).toContain('3 measurements');
    // Born at 30+2 weeks on 2021-03-14: plotted at corrected age (less 68 days) until 2023-03-14.
    await expect
      .poll(() => page.getByTestId('growth-corrected').innerText())
      .toContain('Born at 30+2 weeks (10 weeks early): plotted at corrected age');
    await expect.poll(() => page.getByTestId('growth-corrected').innerText()).toContain('until Mar 14, 2023');
    await expect.poll(() => page.getByTestId('card-gestational-age').innerText()).toContain('30+2 weeks');
    await page.waitForTimeout(500);
    await screenshotBoth(page, 'parent-growth-chart');
    await screenshotBoth(page, 'parent-growth-chart-corrected');
  });

  it('the parent applies to school A, which accepts and requests a report', async () => {
    const parent = actors.parent.page;
    await parent.getByTestId('card-apply-school').click();
    const dialog = parent.getByTestId('apply-dialog');
    await expect.poll(() => dialog.innerText()).toContain(childFull);
    // `choose` clicks with force: let the dialog finish opening first, or the click lands on the scrim and closes it.
    await dialog.getByLabel('School ID', { exact: true }).click({ trial: true });
    await choose(parent, dialog, 'School ID', 'Oak Primary School (oak-primary)');
    await dialog.getByTestId('apply-submit').click();
    await expectToast(parent, 'Application sent');
    await nav(parent, 'schools');
    const applied = parent.locator('[data-testid^="admission-adm-"]').filter({ hasText: childFull });
    await expect.poll(() => applied.innerText()).toContain('Submitted');
    await expect.poll(() => applied.innerText()).toContain('School Oak Primary School (oak-primary)');

    const school = actors.schoolA.page;
    await nav(school, 'admissions');
    const row = school.locator('[data-testid^="admission-adm-"]').filter({ hasText: childFull });
    await row.getByTestId('admission-accept').click();
    await expectToast(school, 'Admission accepted');
    await row.getByTestId('admission-request-report').click();
    // The school types part of the uid and picks the pediatrician from the directory's matches.
    await school
      .getByTestId('request-pediatrician')
      .getByRole('combobox', { name: 'Pediatrician’s user ID' })
      .fill('ped-alice');
    await school.getByRole('option', { name: 'Dr Alice Moreau (ped-alice)', exact: true }).click();
    await school.getByTestId('request-submit').click();
    await expectToast(school, 'Report requested');
    await screenshotBoth(school, 'school-admissions');
  });

  it('the pediatrician creates the report from the preview', async () => {
    const { page } = actors.pediatrician;
    await nav(page, 'reportRequests');
    const row = page.locator('[data-testid^="report-request-rrq-"]').filter({ hasText: childFull });
    await row.getByTestId('report-request-create').click();
    const dialog = page.getByTestId('create-report-dialog');
    await expect.poll(() => dialog.getByTestId('report-preview').innerText()).toContain('Peanut');
    await dialog
      .getByLabel('Statement on fitness for school')
      .fill('Healthy child; carries an adrenaline auto-injector for peanut allergy.');
    await expect.poll(() => dialog.getByTestId('report-preview').innerText()).toContain('adrenaline auto-injector');
    await expect.poll(() => dialog.getByTestId('report-preview').innerText()).not.toContain('Visit');
    await screenshotBoth(page, 'pediatrician-report-preview');
    await dialog.getByTestId('report-create').click();
    await expectToast(page, /Report created/);
  });

  it('the parent approves it for school A', async () => {
    const { page } = actors.parent;
    await nav(page, 'reports');
    const card = page.locator('[data-testid^="report-rep-"]').filter({ hasText: childFull }).first();
    await expect.poll(() => card.innerText()).toContain('Waiting for approval');
    await card.getByTestId('approve-open').click();
    const dialog = page.getByTestId('approve-dialog');
    await expect.poll(() => dialog.innerText()).toContain('oak-primary');
    await expect.poll(() => dialog.innerText()).toContain('Oak Primary School');
    await dialog.getByTestId('approve-submit').click();
    await expectToast(page, 'Report shared');
    await expect.poll(() => card.innerText()).toContain('Shared');
    await expect.poll(() => card.getByTestId('permission-oak-primary').count()).toBe(1);
  });

  it('school A opens and prints it; school B cannot see it', async () => {
    const { page } = actors.schoolA;
    await nav(page, 'approvedReports');
    await page.locator('[data-testid^="school-report-"]').filter({ hasText: childFull }).click();
    const document = page.getByTestId('report-document');
    await expect.poll(() => document.innerText(), { timeout: 60_000 }).toContain(childFull);
    await expect.poll(() => document.innerText()).toContain('Peanut');
    await expect.poll(() => page.getByTestId('read-recorded').count()).toBe(1);
    await page.locator('img.report-doc__qr').waitFor();
    // What the school requires, worked out for it: one MMR dose of two, nothing else recorded.
    const status = page.getByTestId('immunization-status');
    await expect.poll(() => status.getByTestId('immunization-status-mmr').innerText()).toContain('1 of 2');
    await expect.poll(() => status.getByTestId('immunization-status-mmr').innerText()).toContain('Missing: 1');
    await expect.poll(() => status.getByTestId('immunization-status-dtap').innerText()).toContain('Missing: 5');
    await expect.poll(() => document.innerText()).toContain('30+2 weeks');
    await screenshotBoth(page, 'school-report');
    await status.scrollIntoViewIfNeeded();
    await screenshotBoth(page, 'school-immunization-status');
    await page.evaluate(() => {
      window.scrollTo(0, 0);
    });

    // The school takes the report into its own system as FHIR R4: saved (downloaded by the browser shell) and valid.
    const download = page.waitForEvent('download');
    await page.getByTestId('report-export-fhir').click();
    const saved = await download;
    await expectToast(page, 'FHIR R4 bundle downloaded');
    expect(saved.suggestedFilename()).toMatch(/^FHIR Mia .*\.json$/);
    const fhirPath = path.join(tmpdir(), `pediledger-e2e-fhir-${run}.json`);
    await saved.saveAs(fhirPath);
    const bundle = JSON.parse(await readFile(fhirPath, 'utf8')) as { type: string; entry: { resource: object }[] };
    await rm(fhirPath, { force: true });
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(bundle.type).toBe('document');
    expect(JSON.stringify(bundle)).toContain('"code":"03"');
    const pdfPath = path.join(tmpdir(), `pediledger-e2e-report-${run}.pdf`);
    await page.emulateMedia({ media: 'print' });
    await page.pdf({ path: pdfPath, format: 'A4', printBackground: true, tagged: true });
    await page.emulateMedia({ media: 'screen' });
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain('School health report');
    expect(text).toContain(childFull);
    expect(text).toContain('Peanut');
    const hash = (await page.getByTestId('report-hash').innerText()).trim();
    expect(text.replace(/\s+/g, '')).toContain(hash);
    const info = execFileSync('pdfinfo', [pdfPath], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 84[12]\.\d+ pts \(A4\)/);
    // The printed page as the school sees it on paper, next to the screenshots.
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      pdfPath,
      path.join(screenshotDir, 'school-report-print'),
    ]);
    await rm(pdfPath, { force: true });

    const other = actors.schoolB.page;
    await nav(other, 'approvedReports');
    await expect.poll(() => other.getByTestId('empty-state').innerText()).toContain('No health reports');
  });

  it("the parent sees the school's read in the child's timeline, and saves the card as FHIR", async () => {
    const { page } = actors.parent;
    await nav(page, 'children');
    await page.getByTestId('children-search').getByRole('textbox').fill(family);
    await page.getByText(`${family}, Mia`).click();
    await page.getByTestId('tab-timeline').click();
    const timeline = page.getByTestId('child-timeline');
    // Both channels in one list, newest first: the school's read of the report is the latest event.
    await expect
      .poll(() => timeline.getByTestId('timeline-read').first().innerText(), { timeout: 60_000 })
      .toContain('Opened by Oak Primary School (oak-primary)');
    await expect.poll(() => timeline.getByTestId('timeline-card').count()).toBeGreaterThanOrEqual(5);
    await expect.poll(() => timeline.getByTestId('timeline-agreement').count()).toBeGreaterThanOrEqual(2);
    await screenshotBoth(page, 'parent-timeline');
    await timeline.getByTestId('timeline-filter-read').click();
    await timeline.getByTestId('timeline-filter-permission').click();
    await expect.poll(() => timeline.locator('[data-testid^="timeline-card"]').count()).toBe(0);
    await expect.poll(() => timeline.getByTestId('timeline-permission').count()).toBe(1);
    await expect.poll(() => timeline.getByTestId('timeline-read').count()).toBe(1);

    // The card leaves as a FHIR R4 collection bundle, valid against the official schema.
    const download = page.waitForEvent('download');
    await page.getByTestId('card-export-fhir').click();
    const saved = await download;
    await expectToast(page, 'FHIR R4 bundle downloaded');
    const fhirPath = path.join(tmpdir(), `pediledger-e2e-card-fhir-${run}.json`);
    await saved.saveAs(fhirPath);
    const bundle = JSON.parse(await readFile(fhirPath, 'utf8')) as { type: string };
    await rm(fhirPath, { force: true });
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    expect(bundle.type).toBe('collection');
    expect(JSON.stringify(bundle)).toContain('Peanut');
  });

  it('a new allergy makes the report stale for the parent; the pediatrician replaces it in one step', async () => {
    const ped = actors.pediatrician.page;
    await nav(ped, 'patients');
    await ped.getByTestId('children-search').getByRole('textbox').fill(family);
    await ped.getByText(`${family}, Mia`).click();
    await ped.getByTestId('tab-allergy').click();
    await ped.getByTestId('card-add').click();
    const form = ped.getByTestId('entry-form-allergy');
    // As the first allergy: the form is settled once its required-field messages show.
    await form.getByTestId('entry-submit').click();
    await expect.poll(() => form.getByText('Required').count()).toBeGreaterThanOrEqual(3);
    await form.getByLabel('Substance').fill('Penicillin');
    await choose(ped, form, 'Severity', 'Moderate');
    await form.getByLabel('Reaction').fill('Rash');
    await form.getByTestId('entry-submit').click();
    await expectToast(ped, 'Allergy recorded');

    const { page } = actors.parent;
    await nav(page, 'reports');
    await page.reload();
    const card = page.locator('[data-testid^="report-rep-"]').filter({ hasText: childFull }).first();
    const stale = card.locator('[data-testid^="stale-"]');
    await expect.poll(() => stale.innerText(), { timeout: 60_000 }).toContain('The card changed since this report');
    await expect.poll(() => stale.innerText()).toContain('Allergy recorded');
    // Kinds and dates only: the new allergy's substance is not in the flag.
    expect(await stale.innerText()).not.toContain('Penicillin');
    await screenshotBoth(page, 'parent-report-stale');

    await nav(ped, 'reports');
    const pedCard = ped
      .locator('[data-testid^="report-rep-"]')
      .filter({ hasText: childFull })
      .filter({ has: ped.locator('[data-testid^="stale-"]') });
    await pedCard.locator('[data-testid^="replace-"]').click({ timeout: 60_000 });
    await expectToast(ped, 'Replacement issued');
    await expect.poll(() => ped.locator('[data-testid^="superseded-"]').count()).toBeGreaterThanOrEqual(1);
    await expect.poll(() => ped.getByText(/Replaces report rep-/).count()).toBeGreaterThanOrEqual(1);
    await screenshotBoth(ped, 'pediatrician-report-replaced');

    // School A still reads what it was allowed, marked as replaced.
    const school = actors.schoolA.page;
    await nav(school, 'home');
    await nav(school, 'approvedReports');
    const row = school.locator('[data-testid^="school-report-"]').filter({ hasText: childFull });
    await expect.poll(() => row.innerText(), { timeout: 60_000 }).toContain('Replaced by report');
  });

  it('every screen it showed passes axe-core in light and dark', () => {
    expect(accessibilityFindings.length).toBeGreaterThan(20);
    expect(accessibilityFindings.filter((finding) => finding.violations.length > 0)).toEqual([]);
  });

  it('the parent sees the read receipt, revokes, and school A loses the report', async () => {
    const { page } = actors.parent;
    await page.reload();
    // The report school A read is the one the pediatrician replaced (the replacement waits for approval).
    const card = page
      .locator('[data-testid^="report-rep-"]')
      .filter({ hasText: childFull })
      .filter({ has: page.locator('[data-testid^="superseded-"]') });
    await card.getByTestId('show-receipts').click();
    await expect
      .poll(() => card.getByTestId('receipts').innerText())
      .toContain('admin-oak, Oak Primary School (oak-primary)');
    await screenshotBoth(page, 'parent-reports');
    await card.getByTestId('revoke-oak-primary').click();
    await expectToast(page, 'Access revoked for Oak Primary School (oak-primary)');
    await expect.poll(() => card.innerText()).toContain('Revoked');

    const school = actors.schoolA.page;
    await nav(school, 'home');
    await nav(school, 'approvedReports');
    await expect.poll(() => school.getByTestId('school-reports').getByText(childFull).count()).toBe(0);
  });

  it('the parent switches to Spanish, which the app remembers for this identity', async () => {
    const { page } = actors.parent;
    await page.getByTestId('identity-menu').click();
    await page.getByTestId('language-es').click();
    await expect.poll(() => page.getByTestId('nav-children').innerText()).toContain('Mis hijos');
    await page.reload();
    await expect.poll(() => page.getByTestId('nav-children').innerText()).toContain('Mis hijos');
    expect(await page.locator('html').getAttribute('lang')).toBe('es');
    await nav(page, 'children');
    await page.getByTestId('children-search').getByRole('textbox').fill(family);
    await page.getByText(`${family}, Mia`).click();
    await expect.poll(() => page.getByTestId('card-table-allergy').innerText()).toContain('Grave');
    await page.getByTestId('tab-measurement').click();
    await expect.poll(() => page.getByTestId('card-table-measurement').innerText()).toContain('17,4 kg');
    await screenshotBoth(page, 'parent-card-es');
    await page.getByTestId('identity-menu').click();
    await page.getByTestId('language-en').click();
    await expect.poll(() => page.getByTestId('nav-children').innerText()).toContain('My children');
  });
});
