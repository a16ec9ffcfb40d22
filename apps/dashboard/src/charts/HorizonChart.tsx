import { useMemo } from 'react';
import { titleCase } from '../format';
import { EChart } from './EChart';
import { shareAxisLabel, TARGET_COLOR, UNALIGNED_COLOR, type EChartsOption } from './echarts';

export interface HorizonDatum {
  horizon: string;
  share: number;
  targetShare: number | null;
}

/** The horizon mix (core / adjacent / transformational / unaligned) against the target mix. */
export default function HorizonChart({ horizons }: { horizons: HorizonDatum[] }) {
  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, data: ['Current', 'Target'] },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => shareAxisLabel(Number(v)) },
      xAxis: { type: 'category', data: horizons.map((h) => titleCase(h.horizon)) },
      yAxis: { type: 'value', axisLabel: { formatter: shareAxisLabel } },
      series: [
        {
          name: 'Current',
          type: 'bar',
          data: horizons.map((h) => ({
            value: h.share,
            itemStyle: { color: h.horizon === 'UNALIGNED' ? UNALIGNED_COLOR : '#2563eb' },
          })),
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value: number }) => shareAxisLabel(p.value),
          },
        },
        {
          name: 'Target',
          type: 'bar',
          // UNALIGNED has no target: the API says null, the chart shows no bar
          data: horizons.map((h) => h.targetShare),
          itemStyle: {
            color: 'transparent',
            borderColor: TARGET_COLOR,
            borderType: 'dashed',
            borderWidth: 1.5,
          },
          label: {
            show: true,
            position: 'top',
            formatter: (p: { value: number | null }) =>
              p.value === null ? '' : shareAxisLabel(p.value),
          },
        },
      ],
    }),
    [horizons],
  );
  return (
    <EChart
      option={option}
      height={260}
      label="Bar chart: the horizon mix of current effort against the target mix (numbers in the table beside it)"
      testId="horizon-chart"
    />
  );
}
