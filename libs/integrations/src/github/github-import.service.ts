import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { Actor } from '@app/common';
import { TicketUpsertService } from '../tickets/ticket-upsert.service.js';
import type { ImportProgress, TicketImportResult } from '../tickets/incoming-ticket.js';
import { readWhole } from '../tickets/file-tickets.js';
import { readGithubIssues, type GithubRows } from './github-json.js';

/**
 * Imports a GitHub issues JSON file (github-json.ts): the issues are read before any transaction opens
 * and written in one transaction by the ticket upsert (source GITHUB_JSON). Bad issues come back as
 * warnings with their path (bounded); the good issues are written.
 */
@Injectable()
export class GithubImportService {
  constructor(@Inject(TicketUpsertService) private readonly tickets: TicketUpsertService) {}

  /** A whole file held in memory (GraphQL importTickets). */
  importText(actor: Actor, data: string, repository: string | null): Promise<TicketImportResult> {
    return this.importRows(actor, readGithubIssues(data, { repository }));
  }

  /** A file streamed in (the upload), read whole up to `maxBytes`, then parsed. */
  async importStream(
    actor: Actor,
    input: Readable,
    maxBytes: number,
    repository: string | null,
  ): Promise<TicketImportResult> {
    const data = (await readWhole(input, maxBytes)).toString('utf8');
    return this.importRows(actor, readGithubIssues(data, { repository }));
  }

  importRows(
    actor: Actor,
    rows: GithubRows,
    onProgress?: ImportProgress,
  ): Promise<TicketImportResult> {
    return this.tickets.importFile(actor, 'GITHUB_JSON', rows.tickets, rows.warnings, onProgress);
  }
}
