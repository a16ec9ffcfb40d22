import { useMemo } from 'react';
import { formatGap, formatPercent, formatShare } from '../format';
import { EChart } from './EChart';
import { PALETTE, shareAxisLabel, TARGET_COLOR, type EChartsOption } from './echarts';

export interface GoalShareDatum {
  key: string;
  title: string;
  share: number;
  percent: number;
  targetShare: number | null;
  gap: number | null;
}

/** Each goal's share of the effort in scope as a bar, its target share beside it, the gap in the label. */
export default function GoalSharesChart({
  goals,
  onSelect,
}: {
  goals: GoalShareDatum[];
  onSelect: (key: string) => void;
}) {
  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 120, top: 32, bottom: 8, containLabel: true },
      legend: { top: 0, data: ['Current share', 'Target share'] },
      tooltip: {
        trigger: 'axis',
        axisPointer: { type: 'shadow' },
        formatter: (items: unknown) => {
          const index = (items as { dataIndex: number }[])[0]?.dataIndex ?? 0;
          const g = goals[index];
          return g
            ? `<strong>${escape(g.title)}</strong><br/>Share ${formatPercent(g.percent)} · target ${formatShare(g.targetShare)} · gap ${formatGap(g.gap)}`
            : '';
        },
      },
      xAxis: { type: 'value', axisLabel: { formatter: shareAxisLabel } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: goals.map((g) => g.title),
        axisLabel: { width: 180, overflow: 'truncate' },
      },
      series: [
        {
          name: 'Current share',
          type: 'bar',
          barGap: '10%',
          data: goals.map((g, i) => ({
            value: g.share,
            id: g.key,
            itemStyle: { color: PALETTE[i % PALETTE.length] },
          })),
          label: {
            show: true,
            position: 'right',
            formatter: (p: { dataIndex: number }) => {
              const g = goals[p.dataIndex];
              return g ? `${formatPercent(g.percent)}  (gap ${formatGap(g.gap)})` : '';
            },
          },
        },
        {
          name: 'Target share',
          type: 'bar',
          data: goals.map((g) => ({ value: g.targetShare ?? 0, id: g.key })),
          itemStyle: {
            color: 'transparent',
            borderColor: TARGET_COLOR,
            borderType: 'dashed',
            borderWidth: 1.5,
          },
        },
      ],
    }),
    [goals],
  );
  return (
    <EChart
      option={option}
      height={Math.max(200, goals.length * 64 + 60)}
      label="Bar chart: each goal's current share of effort against its target share (the numbers are in the table below)"
      testId="goal-shares-chart"
      onClick={(click) => {
        const id = (click.data as { id?: string } | undefined)?.id;
        if (id) onSelect(id);
      }}
    />
  );
}

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
