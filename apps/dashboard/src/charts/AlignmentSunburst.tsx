import { useMemo } from 'react';
import type { EffortTreeNode } from '../views/effortTree';
import { EChart } from './EChart';
import { PALETTE, UNALIGNED_COLOR, type EChartsOption } from './echarts';

const KIND_LABEL: Record<EffortTreeNode['kind'], string> = {
  vision: 'Vision',
  goal: 'Goal',
  objective: 'Objective',
  keyResult: 'Key result',
  initiative: 'Initiative',
  unaligned: 'Unaligned',
};

interface SunburstDatum {
  id: string;
  name: string;
  value: number;
  kind: EffortTreeNode['kind'];
  key: string;
  itemStyle?: { color: string };
  children?: SunburstDatum[];
}

function toDatum(node: EffortTreeNode, color?: string): SunburstDatum {
  return {
    id: node.id,
    name: node.key ? `${node.key} ${node.title}` : node.title,
    // each arc is sized by the API's own figure for that node (parents are not summed here)
    value: node.effort,
    kind: node.kind,
    key: node.key,
    ...(color ? { itemStyle: { color } } : {}),
    // a goal's whole branch keeps the goal's color (ECharts would use the vision's otherwise)
    children: node.children.map((child) => toDatum(child, color)),
  };
}

/**
 * The tree from the vision outward (goals, objectives, key results, initiatives), each arc sized by
 * the effort the API's alignmentTree reports for it (a node reached by several routes has an arc on
 * each, sized by the effort along that route). Clicking a goal opens its drill-down; clicking any other arc
 * zooms into it (the centre zooms back out).
 */
export default function AlignmentSunburst({
  tree,
  unit,
  onSelectGoal,
}: {
  tree: EffortTreeNode;
  unit: string;
  onSelectGoal: (key: string) => void;
}) {
  const option = useMemo<EChartsOption>(() => {
    let goalIndex = 0;
    const root = toDatum(tree, '#1f2937');
    root.children = tree.children.map((child) =>
      toDatum(
        child,
        child.kind === 'unaligned' ? UNALIGNED_COLOR : PALETTE[goalIndex++ % PALETTE.length],
      ),
    );
    return {
      animation: false,
      tooltip: {
        formatter: (p: unknown) => {
          const d = (p as { data: SunburstDatum }).data;
          return `${KIND_LABEL[d.kind]}: ${escape(d.name)}<br/>${d.value.toLocaleString('en', { maximumFractionDigits: 2 })} ${unit}`;
        },
      },
      series: {
        type: 'sunburst',
        data: [root],
        radius: [0, '96%'],
        sort: null,
        nodeClick: 'rootToNode',
        emphasis: { focus: 'ancestor' },
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        label: { rotate: 'radial', minAngle: 10, overflow: 'truncate', width: 80, color: '#fff' },
        levels: [
          {},
          { label: { rotate: 0, width: 80, fontWeight: 'bold' } },
          { label: { formatter: (p: { data: SunburstDatum }) => p.data.key || p.data.name } },
          { itemStyle: { opacity: 0.85 }, label: { formatter: keyLabel } },
          { itemStyle: { opacity: 0.72 }, label: { formatter: keyLabel } },
          { itemStyle: { opacity: 0.6 }, label: { show: false } },
          { itemStyle: { opacity: 0.5 }, label: { show: false } },
          { itemStyle: { opacity: 0.42 }, label: { show: false } },
          { itemStyle: { opacity: 0.36 }, label: { show: false } },
        ],
      },
    };
  }, [tree, unit]);
  return (
    <EChart
      option={option}
      height={520}
      label="Sunburst: the vision, its goals, objectives, key results and initiatives, each sized by its current effort"
      testId="alignment-sunburst"
      onClick={(click) => {
        const datum = click.data as SunburstDatum | undefined;
        if (datum?.kind === 'goal') onSelectGoal(datum.key);
      }}
    />
  );
}

const keyLabel = (p: { data: SunburstDatum }) => p.data.key;

function escape(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
