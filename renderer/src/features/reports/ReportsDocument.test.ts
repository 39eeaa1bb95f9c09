// @vitest-environment happy-dom
// The printed report (and so the PDF, which main renders from this page) is in the reader's language, with dates,
// numbers and units formatted for it.
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { MedicalCardRecord } from '../../domain/records.ts';
import { i18n } from '../../plugins/i18n.ts';
import { cardRecord } from '../../testing/fake-api.ts';
import { mountWithApp } from '../../testing/mount.ts';
import ReportsDocument from './ReportsDocument.vue';
import { previewReportBody } from './report-preview.ts';

const card = cardRecord({
  measurements: [{ date: '2025-09-01', weightKg: 17.4, heightCm: 107.5, recordedBy: 'ped-alice' }],
}) as unknown as MedicalCardRecord;
const body = previewReportBody(
  card,
  { givenName: 'Mia', familyName: 'Rossi', birthDate: '2021-03-14', gestationalAge: { weeks: 30, days: 2 } },
  { fit: true, statement: 'Apta.' },
  '2026-01-05',
);

afterEach(() => {
  i18n.global.locale.value = 'en';
});

describe('ReportsDocument', () => {
  it('prints in Spanish for a Spanish-speaking reader', async () => {
    i18n.global.locale.value = 'es';
    const wrapper = mountWithApp(ReportsDocument, { body, reportId: 'rep-1' });
    await flushPromises();
    const text = wrapper.text();
    expect(text).toContain('Informe de salud escolar');
    expect(text).toContain('Emitido el 5 ene 2026');
    expect(text).toContain('17,4 kg');
    expect(text).toContain('107,5 cm');
    expect(wrapper.find('[data-testid="report-gestational-age"]').text()).toBe('30+2 semanas');
  });

  it('prints in English by default', async () => {
    const wrapper = mountWithApp(ReportsDocument, { body, reportId: 'rep-1' });
    await flushPromises();
    expect(wrapper.text()).toContain('School health report');
    expect(wrapper.text()).toContain('17.4 kg');
  });

  it('shows, per vaccine, complete or the doses missing as of the issue date', async () => {
    const withDoses = {
      ...body,
      immunizations: [
        { vaccine: 'MMR', dose: 1, date: '2022-04-01' },
        { vaccine: 'MMR', dose: 2, date: '2025-06-01' },
        { vaccine: 'Varicella', dose: 1, date: '2022-04-01' },
        { vaccine: 'Varicella', dose: 2, date: '2026-02-01' },
      ],
    };
    const wrapper = mountWithApp(ReportsDocument, { body: withDoses, reportId: 'rep-1' });
    await flushPromises();
    const row = (code: string): string => wrapper.find(`[data-testid="immunization-status-${code}"]`).text();
    expect(row('mmr')).toContain('2 of 2');
    expect(row('mmr')).toContain('Complete');
    // The second varicella dose comes after the issue date (2026-01-05): it does not count yet.
    expect(row('varicella')).toContain('Missing: 1');
    expect(row('dtap')).toContain('Missing: 5');
    expect(wrapper.find('[data-testid="immunization-status"]').text()).toContain('California, kindergarten');
  });
});
