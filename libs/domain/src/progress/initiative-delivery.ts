/** An initiative's tickets summed in points (unestimated ones at the organization's setting). */
export interface DeliveryPoints {
  donePoints: number;
  inProgressPoints: number;
  totalPoints: number;
}

export interface InitiativeDelivery extends DeliveryPoints {
  /** donePoints / totalPoints, 0..1; null when the initiative has no points to deliver */
  delivery: number | null;
}

/**
 * docs/design.md 2.2: initiative delivery = done points / total points of its non-cancelled tickets.
 * With nothing to deliver the ratio is unknown (null), not 0 or 1: a fresh initiative is neither
 * finished nor behind.
 */
export function initiativeDelivery(points: DeliveryPoints): InitiativeDelivery {
  const { donePoints, totalPoints } = points;
  return {
    ...points,
    delivery: totalPoints > 0 ? Math.min(1, Math.max(0, donePoints / totalPoints)) : null,
  };
}

/** An initiative without tickets: nothing done, nothing to do. */
export const NO_DELIVERY: InitiativeDelivery = initiativeDelivery({
  donePoints: 0,
  inProgressPoints: 0,
  totalPoints: 0,
});
