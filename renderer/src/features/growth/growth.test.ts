import { describe, expect, it } from 'vitest';
import { growthChartOption } from './growth-chart-options.ts';
import { valueAtZ, whoGrowthReference } from './growth-reference.ts';

describe('WHO growth reference (@pedi-growth/core behind GrowthReference)', () => {
  it('computes values from LMS (Cole), including the L = 0 branch', () => {
    expect(valueAtZ({ L: 0.0645, M: 9.646, S: 0.10925 }, 0)).toBeCloseTo(9.646, 6);
    expect(valueAtZ({ L: 1, M: 10, S: 0.1 }, 1)).toBeCloseTo(11, 6);
    expect(valueAtZ({ L: 0, M: 10, S: 0.1 }, 1)).toBeCloseTo(10 * Math.exp(0.1), 6);
  });

  it('gives the WHO median weight of a one-year-old boy and ordered percentile curves', async () => {
    const curves = await whoGrowthReference.curves('weight-for-age', 'male', 0, 365);
    expect(curves.map((curve) => curve.percentile)).toEqual([3, 15, 50, 85, 97]);
    const at365 = curves.map((curve) => curve.points.at(-1));
    expect(at365[2]?.[0]).toBe(365);
    expect(at365[2]?.[1]).toBeCloseTo(9.65, 1);
    const values = at365.map((point) => point?.[1] ?? 0);
    expect([...values].sort((a, b) => a - b)).toEqual(values);
  });

  it('continues past five years with the WHO 2007 tables and stops at their end', async () => {
    const curves = await whoGrowthReference.curves('height-for-age', 'female', 0, 365 * 30);
    const median = curves[2]?.points ?? [];
    expect(median.at(-1)?.[0]).toBe(whoGrowthReference.maxAgeDays('height-for-age'));
    expect(median.find(([age]) => age > 2000)?.[1]).toBeGreaterThan(105);
  });
});

describe('growth chart option', () => {
  it('draws each percentile as its own series and the child on top, ages in months', () => {
    const option = growthChartOption({
      indicator: 'weight-for-age',
      curves: [
        {
          percentile: 50,
          points: [
            [0, 3.3],
            [365, 9.6],
          ],
        },
        {
          percentile: 97,
          points: [
            [0, 4.4],
            [365, 11.8],
          ],
        },
      ],
      points: [[365, 9.5]],
      dark: false,
      labels: { title: 'Weight for age', xAxis: 'Age', yAxis: 'kg', child: 'Child', percentile: (p) => `P${p}` },
    });
    const series = option.series as { name: string; data: number[][]; lineStyle: { type: string } }[];
    expect(series.map((s) => s.name)).toEqual(['P50', 'P97', 'Child']);
    expect(series[0]?.lineStyle.type).toBe('solid');
    expect(series[1]?.lineStyle.type).toBe('dashed');
    expect(series[2]?.data).toEqual([[11.99, 9.5]]);
    expect(option.aria).toEqual({ enabled: true, label: { description: 'Weight for age' } });
  });
});
