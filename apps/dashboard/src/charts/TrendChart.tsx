import { useMemo } from 'react';
import { EChart } from './EChart';
import { PALETTE, shareAxisLabel, TARGET_COLOR, type EChartsOption } from './echarts';

/** One goal's share per sprint (oldest first) as a line, its target share as a dashed line. */
export function TrendChart({
  title,
  sprints,
  shares,
  targetShare,
  colorIndex,
}: {
  title: string;
  sprints: string[];
  shares: (number | null)[];
  targetShare: number | null;
  colorIndex: number;
}) {
  const option = useMemo<EChartsOption>(
    () => ({
      animation: false,
      grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => shareAxisLabel(Number(v)) },
      xAxis: { type: 'category', data: sprints, axisLabel: { hideOverlap: true } },
      yAxis: { type: 'value', min: 0, axisLabel: { formatter: shareAxisLabel } },
      series: [
        {
          name: title,
          type: 'line',
          data: shares,
          connectNulls: false,
          symbolSize: 7,
          itemStyle: { color: PALETTE[colorIndex % PALETTE.length] },
          markLine:
            targetShare === null
              ? undefined
              : {
                  symbol: 'none',
                  silent: true,
                  lineStyle: { color: TARGET_COLOR, type: 'dashed' },
                  label: {
                    formatter: `target ${shareAxisLabel(targetShare)}`,
                    position: 'insideEndTop',
                  },
                  data: [{ yAxis: targetShare }],
                },
        },
      ],
    }),
    [title, sprints, shares, targetShare, colorIndex],
  );
  return (
    <EChart
      option={option}
      height={220}
      label={`Line chart: ${title}, share of effort per sprint${targetShare === null ? '' : ` against its target of ${shareAxisLabel(targetShare)}`}`}
    />
  );
}
