/** docs/design.md 2.1 "Effort": what one ticket weighs under each measure. */
export type Measure = 'POINTS' | 'COUNT';

export function ticketEffort(
  points: number | null,
  measure: Measure,
  unestimatedPoints: number,
): number {
  if (measure === 'COUNT') return 1;
  return points ?? unestimatedPoints;
}
