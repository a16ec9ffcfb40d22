import type { TicketInput } from './ticket-import.types.js';
import type { IncomingTicket } from './incoming-ticket.js';

export function toIncoming(input: TicketInput, index: number): IncomingTicket {
  return {
    externalKey: input.externalKey.trim(),
    externalId: input.externalId ?? null,
    title: input.title.trim(),
    type: input.type,
    labels: input.labels,
    rawStatus: input.rawStatus,
    sourceCategory: input.statusCategory ?? null,
    points: input.points ?? null,
    sprintNames: input.sprintNames,
    epicKey: input.epicKey ?? null,
    parentKey: input.parentKey ?? null,
    origin: `tickets[${index}]`,
  };
}
