import { useMemo } from 'react';
import { titleCase } from '../format';
import { EChart } from './EChart';
import { shareAxisLabel, type EChartsOption } from './echarts';

const COLORS: Record<string, string> = {
  NEW_VALUE: '#059669',
  MAINTENANCE: '#2563eb',
  TECH_DEBT: '#d97706',
  BUG: '#dc2626',
};

/** New value against maintenance, tech debt and bugs, as a donut. */
export default function WorkTypeChart({
  workTypes,
}: {
  workTypes: { workType: string; share: number }[];
}) {
  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      tooltip: { trigger: 'item', valueFormatter: (v: unknown) => shareAxisLabel(Number(v)) },
      legend: { bottom: 0 },
      series: [
        {
          type: 'pie',
          radius: ['45%', '72%'],
          center: ['50%', '45%'],
          data: workTypes.map((w) => ({
            name: titleCase(w.workType),
            value: w.share,
            itemStyle: { color: COLORS[w.workType] },
          })),
          label: {
            formatter: (p: { name: string; value: number }) =>
              `${p.name}\n${shareAxisLabel(p.value)}`,
          },
        },
      ],
    }),
    [workTypes],
  );
  return (
    <EChart
      option={option}
      height={260}
      label="Donut chart: the balance of new value, maintenance, tech debt and bugs (numbers in the table beside it)"
      testId="work-type-chart"
    />
  );
}
