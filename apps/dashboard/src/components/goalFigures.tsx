import { formatGap, formatPercent, formatShare } from '../format';
import type { Column } from './FiguresTable';

/** A row's share of the effort against its target (a goal, or an unaligned bucket without one). */
export interface ShareFigures {
  /** the API's display percent */
  percent: number;
  targetShare: number | null;
  gap: number | null;
}

/**
 * The Share / Target / Gap columns of a goal's figures, as the overview and the gaps show them.
 * `markGap` colours a gap under or over its target; `percentTestId` names the share cell.
 */
export function shareColumns<Row extends ShareFigures>({
  markGap = false,
  percentTestId,
}: {
  markGap?: boolean;
  percentTestId?: (row: Row) => string;
} = {}): Column<Row>[] {
  return [
    {
      header: 'Share',
      num: true,
      cell: (r) => formatPercent(r.percent),
      cellTestId: percentTestId,
    },
    { header: 'Target', num: true, cell: (r) => formatShare(r.targetShare) },
    {
      header: 'Gap',
      num: true,
      cell: (r) => formatGap(r.gap),
      cellClass: markGap ? (r) => gapClass(r.gap) : undefined,
    },
  ];
}

function gapClass(gap: number | null): string {
  if (gap === null) return '';
  return gap < 0 ? 'under' : gap > 0 ? 'over' : '';
}
