import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@app/common';
import { TicketUpsertService } from '../tickets/ticket-upsert.service.js';
import type { ImportProgress, TicketImportResult } from '../tickets/incoming-ticket.js';
import { readWhole } from '../tickets/file-tickets.js';
import { readTrelloBoard, type TrelloRows } from './trello-json.js';

/**
 * Imports a Trello board export (trello-json.ts): the cards are read before any transaction opens
 * and written in one transaction by the ticket upsert (source TRELLO_JSON). Bad cards come back as
 * warnings with their path (bounded); the good cards are written.
 */
@Injectable()
export class TrelloImportService {
  constructor(@Inject(TicketUpsertService) private readonly tickets: TicketUpsertService) {}

  /** A whole file held in memory (GraphQL importTickets). */
  importText(actor: Actor, data: string, keyPrefix: string | null): Promise<TicketImportResult> {
    return this.importRows(actor, readTrelloBoard(data, { keyPrefix }));
  }

  /** A file streamed in (the upload), read whole up to `maxBytes`, then parsed. */
  async importStream(
    actor: Actor,
    input: Readable,
    maxBytes: number,
    keyPrefix: string | null,
  ): Promise<TicketImportResult> {
    const data = (await readWhole(input, maxBytes)).toString('utf8');
    return this.importRows(actor, readTrelloBoard(data, { keyPrefix }));
  }

  importRows(
    actor: Actor,
    rows: TrelloRows,
    onProgress?: ImportProgress,
  ): Promise<TicketImportResult> {
    return this.tickets.importFile(actor, 'TRELLO_JSON', rows.tickets, rows.warnings, onProgress);
  }
}
