import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@app/common';
import { TicketUpsertService } from '../tickets/ticket-upsert.service.js';
import type { ImportProgress, TicketImportResult } from '../tickets/incoming-ticket.js';
import { readCsvStream } from '../jira/csv-stream.js';
import { AsanaRowReader } from './asana-csv.js';

/**
 * Imports an Asana project CSV export (asana-csv.ts): the rows are read (streamed) before any
 * transaction opens and written in one transaction by the ticket upsert (source ASANA_CSV). Bad
 * rows come back as warnings with their line (bounded); the good rows are written.
 */
@Injectable()
export class AsanaImportService {
  constructor(@Inject(TicketUpsertService) private readonly tickets: TicketUpsertService) {}

  /** A whole file held in memory (GraphQL importTickets), read by the same streaming parser. */
  async importText(
    actor: Actor,
    text: string,
    keyPrefix: string | null,
  ): Promise<TicketImportResult> {
    const rows = new AsanaRowReader(keyPrefix);
    await readCsvStream(Readable.from([text]), rows, { maxBytes: Infinity });
    return this.importRows(actor, rows);
  }

  /** A file streamed in (the upload), read up to `maxBytes`. */
  async importStream(
    actor: Actor,
    input: Readable,
    maxBytes: number,
    keyPrefix: string | null,
  ): Promise<TicketImportResult> {
    const rows = new AsanaRowReader(keyPrefix);
    await readCsvStream(input, rows, { maxBytes });
    return this.importRows(actor, rows);
  }

  importRows(
    actor: Actor,
    rows: AsanaRowReader,
    onProgress?: ImportProgress,
  ): Promise<TicketImportResult> {
    const { tickets, warnings } = rows.finish();
    return this.tickets.importFile(actor, 'ASANA_CSV', tickets, warnings, onProgress);
  }
}
