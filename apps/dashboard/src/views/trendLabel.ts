export interface TrendPointLabelled {
  live: boolean;
  recomputed: boolean;
  period: { start: string; end: string };
  sprint?: { name: string } | null;
}

/**
 * A trend point's label: the sprint's name for one team; for several teams the period's dates
 * as calendar dates (no time zone can shift them; several teams' sprints never read as one sprint). Live wins over recomputed: a live period may
 * also hold closed sprints.
 */
export function trendLabel(point: TrendPointLabelled, byPeriod: boolean): string {
  const name =
    byPeriod || !point.sprint ? `${point.period.start} – ${point.period.end}` : point.sprint.name;
  return `${name}${point.live ? ' (live)' : point.recomputed ? ' (recomputed)' : ''}`;
}
