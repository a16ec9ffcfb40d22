// ECharts, trimmed to what the dashboard draws (tree-shaken core + SVG renderer). Only the lazily
// loaded chart modules import this file, so ECharts stays out of the initial bundle.
import { BarChart, LineChart, PieChart, SunburstChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  LineChart,
  PieChart,
  SunburstChart,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  SVGRenderer,
]);

export { echarts };
export type EChartsOption = echarts.EChartsCoreOption;

/** Colors with enough contrast on white, one per goal in order, then grey for unaligned work. */
export const PALETTE = [
  '#2563eb',
  '#d97706',
  '#059669',
  '#7c3aed',
  '#db2777',
  '#0891b2',
  '#65a30d',
  '#dc2626',
];
export const UNALIGNED_COLOR = '#9ca3af';
export const TARGET_COLOR = '#111827';

const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 1 });
/** Axis labels of a 0..1 share axis. */
export const shareAxisLabel = (value: number) => percent.format(value);
