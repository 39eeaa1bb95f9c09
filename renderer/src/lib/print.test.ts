// @vitest-environment happy-dom
// Printing a report: the suggested PDF file name, and the report page's buttons in each shell with the fake API.
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { savePdfArgsSchema } from '../../../shared/ipc/dto/print.ts';
import ReportsDetailView from '../features/reports/ReportsDetailView.vue';
import { previewReportBody } from '../features/reports/report-preview.ts';
import type { MedicalCardRecord } from '../domain/records.ts';
import { i18n } from '../plugins/i18n.ts';
import { vuetify } from '../plugins/vuetify.ts';
import { useToastStore } from '../stores/toast.ts';
import { cardRecord, installFakeApi, tx, type FakeApi } from '../testing/fake-api.ts';
import { reportPdfFileName } from './print.ts';

describe('reportPdfFileName', () => {
  it.each([
    ['Mia Rossi', 'rep-1', 'Health report Mia Rossi rep-1.pdf'],
    ['Zoë Müller-Łukasz', 'rep-2', 'Health report Zoe Muller- ukasz rep-2.pdf'],
    ['../../etc/passwd', 'rep-3', 'Health report .. .. etc passwd rep-3.pdf'],
    [null, 'rep-4', 'Health report rep-4.pdf'],
    ['名前', 'r', 'Health report r.pdf'],
  ])('builds a plain name the contract accepts from %s', (child, reportId, expected) => {
    const name = reportPdfFileName('Health report', child, reportId);
    expect(name).toBe(expected);
    expect(savePdfArgsSchema.safeParse({ suggestedFileName: name }).success).toBe(true);
  });

  it('shortens long names and never starts with a dot or ends the stem with one', () => {
    const long = reportPdfFileName('.hidden', 'A'.repeat(200), 'rep-1');
    expect(long).toMatch(/^hidden A+\.pdf$/);
    expect(long.length).toBeLessThanOrEqual(100);
    expect(reportPdfFileName('', '...', '.')).toBe('report.pdf');
    for (const name of [long, reportPdfFileName('x', 'a .', '')]) {
      expect(savePdfArgsSchema.safeParse({ suggestedFileName: name }).success).toBe(true);
    }
  });
});

const at = '2026-01-02T10:00:00.000Z';
const body = previewReportBody(
  cardRecord() as unknown as MedicalCardRecord,
  { givenName: 'Mia', familyName: 'Rossi', birthDate: '2021-03-14' },
  { fit: true, statement: 'Fit.' },
  '2026-01-05',
);

let fake: FakeApi;

async function mountDetail(shell: 'electron' | 'browser'): Promise<VueWrapper> {
  fake.answer('app:info', { name: 'PediLedger', version: '0.1.0', shell, runtime: 'test' });
  fake.answer('report:read', {
    report: {
      reportId: 'rep-1',
      childId: 'child-1',
      status: 'approved',
      provenance: { sourceChannel: 'medical', cardVersion: 1, cardTxId: tx(1), bodyHash: 'f'.repeat(64) },
      permission: { schoolId: 'oak-primary', validUntil: '2027-01-01T00:00:00.000Z', grantedBy: 'p', grantedAt: at },
    },
    body,
  });
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:any(.*)*', component: {} }] });
  const wrapper = mount(ReportsDetailView, {
    props: { reportId: 'rep-1' },
    global: { plugins: [pinia, i18n, vuetify, router] },
  });
  await flushPromises();
  return wrapper;
}

const button = (wrapper: VueWrapper, id: string): ReturnType<VueWrapper['find']> =>
  wrapper.find(`[data-testid="${id}"]`);

beforeEach(() => {
  fake = installFakeApi();
});

describe('the report page’s print buttons', () => {
  it('in the browser shell offers only Print (the browser’s dialog saves PDFs)', async () => {
    const wrapper = await mountDetail('browser');
    expect(button(wrapper, 'report-print').text()).toBe('Print / PDF');
    expect(button(wrapper, 'report-save-pdf').exists()).toBe(false);
  });

  it('in Electron saves through main with a file name from the child and report, and says where', async () => {
    fake.answer('report:savePdf', { saved: true, path: '/home/u/Documents/report.pdf', bytes: 1234 });
    const wrapper = await mountDetail('electron');
    expect(button(wrapper, 'report-print').text()).toBe('Print');
    await button(wrapper, 'report-save-pdf').trigger('click');
    await flushPromises();
    expect(fake.calls.filter((call) => call.channel === 'report:savePdf').map((call) => call.args)).toEqual([
      { suggestedFileName: 'Health report Mia Rossi rep-1.pdf' },
    ]);
    expect(useToastStore().current).toMatchObject({ text: 'Saved to /home/u/Documents/report.pdf', color: 'success' });
  });

  it('says nothing when the user cancels the save dialog', async () => {
    fake.answer('report:savePdf', { saved: false });
    const wrapper = await mountDetail('electron');
    await button(wrapper, 'report-save-pdf').trigger('click');
    await flushPromises();
    expect(useToastStore().current).toBeNull();
    expect(wrapper.find('[data-testid="error-alert"]').exists()).toBe(false);
  });

  it('shows main’s error with what to do when saving fails', async () => {
    fake.fail('report:savePdf', { code: 'PDF_EXPORT_FAILED', message: 'The PDF could not be saved to /x.pdf: EACCES' });
    const wrapper = await mountDetail('electron');
    await button(wrapper, 'report-save-pdf').trigger('click');
    await flushPromises();
    const alert = wrapper.find('[data-testid="error-alert"]').text();
    expect(alert).toContain('The PDF was not saved');
    expect(alert).toContain('EACCES');
    expect(alert).toContain('Check that the folder exists');
    expect(useToastStore().current).toBeNull();
  });
});
