import type { EntityManager } from 'typeorm';
import { organizationOf, Ticket } from '@app/database';
import { DomainError } from '@app/domain';

/** The input fields that name a ticket by key, for the errors. */
export interface TicketKeyFields {
  key: string;
  sourceId: string;
}

/**
 * The ticket a key names (docs/design.md 4.4 "Several sources"): tickets are unique per source, so
 * a key held by one ticket resolves as it always did, a key several sources hold is BAD_USER_INPUT
 * naming the field and listing the sources, and `sourceId` picks one (the live source's id, as
 * `ticketSources` and `Ticket.ticketSourceId` give it). Archived tickets count, as for ids.
 */
export async function findTicketByKey(
  em: EntityManager,
  what: string,
  key: string,
  sourceId: string | null | undefined,
  fields: TicketKeyFields,
): Promise<Ticket> {
  if (sourceId) {
    const ticket = await em.findOne(Ticket, { where: { externalKey: key, sourceId } });
    if (ticket) return ticket;
    const source = await sourceName(em, sourceId);
    throw DomainError.notFound(what, `with key "${key}" in source ${source}`);
  }
  const tickets = await em.find(Ticket, { where: { externalKey: key }, take: 20 });
  if (tickets.length === 0) throw DomainError.notFound(what, `with key "${key}"`);
  if (tickets.length === 1) return tickets[0];
  const names: { id: string; name: string }[] = await em.query(
    `SELECT id, kind || ' "' || name || '"' AS name FROM ticket_sources
      WHERE organization_id = $2 AND id = ANY($1::uuid[])`,
    [tickets.flatMap((t) => t.sourceId ?? []), organizationOf(em)],
  );
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const sources = tickets
    .map((t) =>
      t.sourceId
        ? `${nameOf.get(t.sourceId)} (sourceId ${t.sourceId})`
        : 'no source (id ' + t.id + ')',
    )
    .sort();
  throw DomainError.badInput(
    fields.key,
    `"${key}" is held by ${tickets.length} tickets of different sources: ${sources.join(', ')}; give ${fields.sourceId} to pick one`,
  );
}

/** A live source as errors name it (JIRA_CLOUD "Jira"); NOT_FOUND when the organization has none. */
export async function sourceName(em: EntityManager, sourceId: string): Promise<string> {
  const [source]: { name: string }[] = await em.query(
    `SELECT kind || ' "' || name || '"' AS name FROM ticket_sources WHERE organization_id = $2 AND id = $1`,
    [sourceId, organizationOf(em)],
  );
  if (!source) throw DomainError.notFound('ticket source', sourceId);
  return source.name;
}
