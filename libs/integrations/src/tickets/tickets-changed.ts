import type { EventBus } from '@app/common';

/**
 * Tells the live views (alignmentChanged) that tickets changed, after the write committed: every
 * ticket path ends here (files, upsertTickets, webhooks, reconciliation). A failure to publish is
 * logged by the bus, never the write's failure.
 */
export function publishTicketsChanged(
  bus: EventBus,
  organizationId: string,
  change: { sourceId: string | null; ticketKeys: string[] },
): Promise<void> {
  return bus.publishAfterWrite({
    type: 'ticketsChanged',
    organizationId,
    payload: {
      sourceId: change.sourceId,
      // the keys are a hint for views; a large import sends the first thousand
      ticketKeys: change.ticketKeys.slice(0, 1000),
      at: new Date().toISOString(),
    },
  });
}
