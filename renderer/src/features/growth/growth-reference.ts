// Growth references behind our own small interface, so the chart does not depend on one package's API. The WHO
// implementation reads the LMS tables of @pedi-growth/core (pinned; WHO 2006 0–5 y by day, WHO 2007 5–19 y by month).
import { loadTable, lookupLms, type LmsRow } from '@pedi-growth/core';

export type GrowthIndicator = 'weight-for-age' | 'height-for-age';
export type GrowthSex = 'female' | 'male';

/** One percentile curve: [age in days, value] points. */
export interface PercentileCurve {
  readonly percentile: number;
  readonly points: readonly (readonly [number, number])[];
}

/** A growth reference: percentile curves for an indicator, sex and age range. */
export interface GrowthReference {
  /** Shown under the chart, e.g. "WHO Child Growth Standards". */
  readonly name: string;
  /** The oldest age (days) the reference covers for `indicator`. */
  maxAgeDays(indicator: GrowthIndicator): number;
  curves(indicator: GrowthIndicator, sex: GrowthSex, fromDays: number, toDays: number): Promise<PercentileCurve[]>;
}

/** WHO's percentiles and their z-scores. */
export const whoPercentiles: readonly (readonly [number, number])[] = [
  [3, -1.880794],
  [15, -1.036433],
  [50, 0],
  [85, 1.036433],
  [97, 1.880794],
];

/** The measurement at z-score `z` for LMS parameters (Cole's method). */
export function valueAtZ(lms: Pick<LmsRow, 'L' | 'M' | 'S'>, z: number): number {
  const { L, M, S } = lms;
  return Math.abs(L) < 1e-9 ? M * Math.exp(S * z) : M * Math.pow(1 + L * S * z, 1 / L);
}

const daysPerMonth = 30.4375;
const lastDailyRow = 1856;

type TableName = Parameters<typeof loadTable>[0];

function tableFor(indicator: GrowthIndicator, sex: GrowthSex, ageDays: number): { name: TableName; index: number } {
  const sexKey = sex === 'male' ? 'boys' : 'girls';
  if (ageDays <= lastDailyRow) {
    const prefix = indicator === 'weight-for-age' ? 'wfa' : 'lhfa';
    return { name: `${prefix}-${sexKey}-0-5` as TableName, index: ageDays };
  }
  const name = indicator === 'weight-for-age' ? `wfa-${sexKey}-5-10` : `hfa-${sexKey}-5-19`;
  return { name: name as TableName, index: ageDays / daysPerMonth };
}

/** The WHO reference from @pedi-growth/core. */
export const whoGrowthReference: GrowthReference = {
  name: 'WHO Child Growth Standards (2006) and Growth Reference (2007)',
  maxAgeDays: (indicator) => Math.floor((indicator === 'weight-for-age' ? 120 : 228) * daysPerMonth),
  async curves(indicator, sex, fromDays, toDays) {
    const end = Math.min(toDays, this.maxAgeDays(indicator));
    const start = Math.max(0, Math.min(fromDays, end));
    const span = Math.max(end - start, 1);
    const step = Math.max(1, Math.round(span / 120));
    const ages: number[] = [];
    for (let age = start; age < end; age += step) ages.push(age);
    ages.push(end);
    const tables = new Map<TableName, LmsRow[]>();
    const rows: (readonly [number, LmsRow])[] = [];
    for (const age of ages) {
      const { name, index } = tableFor(indicator, sex, age);
      let table = tables.get(name);
      if (table === undefined) {
        table = await loadTable(name);
        tables.set(name, table);
      }
      const lms = lookupLms(table, index);
      if (lms !== null) rows.push([age, lms]);
    }
    return whoPercentiles.map(([percentile, z]) => ({
      percentile,
      points: rows.map(([age, lms]) => [age, Math.round(valueAtZ(lms, z) * 100) / 100] as const),
    }));
  },
};
