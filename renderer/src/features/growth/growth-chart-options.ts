// The ECharts option of a growth chart: WHO percentile curves as separate series, the child's measurements on top.
import type { GrowthIndicator, PercentileCurve } from './growth-reference.ts';

const daysPerMonth = 30.4375;

export interface GrowthChartInput {
  readonly indicator: GrowthIndicator;
  readonly curves: readonly PercentileCurve[];
  /** The child's measurements: [age in days, value]. */
  readonly points: readonly (readonly [number, number])[];
  readonly labels: {
    readonly title: string;
    readonly xAxis: string;
    readonly yAxis: string;
    readonly child: string;
    readonly percentile: (p: number) => string;
  };
  readonly dark: boolean;
}

/** A plain ECharts option object (kept free of ECharts types, so it is easy to test). */
export type GrowthChartOption = Record<string, unknown>;

const months = (days: number): number => Math.round((days / daysPerMonth) * 100) / 100;

export function growthChartOption(input: GrowthChartInput): GrowthChartOption {
  const curveColor = input.dark ? '#7f8f99' : '#9aa8b1';
  const medianColor = input.dark ? '#5FC4C9' : '#0B6E74';
  const text = input.dark ? '#dfe6ea' : '#1f2a30';
  const curveSeries = input.curves.map((curve) => ({
    name: input.labels.percentile(curve.percentile),
    type: 'line',
    showSymbol: false,
    smooth: true,
    silent: true,
    data: curve.points.map(([age, value]) => [months(age), value]),
    lineStyle: {
      width: curve.percentile === 50 ? 2 : 1,
      type: curve.percentile === 50 ? 'solid' : 'dashed',
      color: curve.percentile === 50 ? medianColor : curveColor,
    },
    endLabel: { show: true, formatter: `P${curve.percentile}`, color: text, fontSize: 10 },
    emphasis: { disabled: true },
  }));
  return {
    aria: { enabled: true, label: { description: input.labels.title } },
    animation: false,
    textStyle: { color: text },
    grid: { left: 56, right: 48, top: 24, bottom: 48 },
    tooltip: { trigger: 'item' },
    legend: { show: false },
    xAxis: {
      type: 'value',
      name: input.labels.xAxis,
      nameLocation: 'middle',
      nameGap: 30,
      min: 0,
      splitLine: { lineStyle: { opacity: 0.25 } },
    },
    yAxis: {
      type: 'value',
      name: input.labels.yAxis,
      nameLocation: 'middle',
      nameGap: 40,
      scale: true,
      splitLine: { lineStyle: { opacity: 0.25 } },
    },
    series: [
      ...curveSeries,
      {
        name: input.labels.child,
        type: 'line',
        data: input.points.map(([age, value]) => [months(age), value]),
        symbol: 'circle',
        symbolSize: 9,
        z: 10,
        lineStyle: { width: 2, color: '#D1495B' },
        itemStyle: { color: '#D1495B' },
      },
    ],
  };
}
