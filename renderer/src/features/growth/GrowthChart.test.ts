// @vitest-environment happy-dom
// The growth chart of a preterm child: plotted at corrected age, both ages shown, the rule named, and measurements
// before term-equivalent age left off the WHO chart (which starts at term).
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import type { MedicalCardRecord } from '../../domain/records.ts';
import { cardRecord } from '../../testing/fake-api.ts';
import { mountWithApp } from '../../testing/mount.ts';
import GrowthChart from './GrowthChart.vue';
import type { GrowthReference } from './growth-reference.ts';

const NO_CANVAS = { stubs: { Echarts: true } };
const noCurves: GrowthReference = { name: 'WHO', curves: () => Promise.resolve([]), maxAgeDays: () => 1856 };

function card(measurements: { date: string; weightKg: number }[]): MedicalCardRecord {
  return cardRecord({ measurements }) as unknown as MedicalCardRecord;
}

describe('GrowthChart for a preterm child', () => {
  it('plots at corrected age, names the rule, and leaves out measurements before term', async () => {
    // Born 2026-01-01 at 28+0 weeks: 84 days before term. Day 56 is corrected −28 (issue 15's case); day 150 is 66.
    const measurements = [
      { date: '2026-02-26', weightKg: 2.0 },
      { date: '2026-05-31', weightKg: 4.1 },
    ];
    const child = { birthDate: '2026-01-01', sex: 'female' as const, gestationalAge: { weeks: 28, days: 0 } };
    const wrapper = mountWithApp(GrowthChart, { card: card(measurements), child, reference: noCurves }, NO_CANVAS);
    await flushPromises();
    expect(wrapper.find('[data-testid="growth-corrected"]').text()).toContain('Born at 28+0 weeks (12 weeks early)');
    expect(wrapper.find('[data-testid="growth-corrected"]').text()).toContain('until Jan 1, 2028');
    expect(wrapper.find('[data-testid="growth-before-term"]').text()).toContain('not plotted: 1');
    expect(wrapper.text()).toContain('1 measurements');
    const rows = wrapper.findAll('table.sr-only tr').map((row) => row.findAll('td').map((cell) => cell.text()));
    expect(rows).toEqual([
      ['56 days', 'corrected -28 days', '2'],
      ['150 days', 'corrected 66 days', '4.1'],
    ]);
  });

  it('says nothing of correction for a term child', async () => {
    const child = { birthDate: '2026-01-01', sex: 'male' as const, gestationalAge: { weeks: 39, days: 2 } };
    const wrapper = mountWithApp(
      GrowthChart,
      {
        card: card([{ date: '2026-02-26', weightKg: 4.6 }]),
        child,
        reference: noCurves,
      },
      NO_CANVAS,
    );
    await flushPromises();
    expect(wrapper.find('[data-testid="growth-corrected"]').exists()).toBe(false);
    expect(wrapper.find('[data-testid="growth-before-term"]').exists()).toBe(false);
  });
});
