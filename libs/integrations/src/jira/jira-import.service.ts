import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Tenant, type Actor } from '@app/common';
import { organizationOf } from '@app/database';
import { TicketUpsertService } from '../tickets/ticket-upsert.service.js';
import type { ImportProgress, TicketImportResult } from '../tickets/incoming-ticket.js';
import { readCsvStream } from './csv-stream.js';
import { JiraRowReader } from './jira-csv.js';

/**
 * Imports a Jira CSV export: reads its rows (jira-csv.ts) before any transaction opens, records the
 * Issue ids of Epic rows on their initiatives (so later files can name an epic by id), and writes
 * the tickets in one transaction. Bad rows come back as warnings with their line (bounded); the
 * good rows are written.
 */
@Injectable()
export class JiraImportService {
  constructor(
    @Inject(Tenant) private readonly tenant: Tenant,
    @Inject(TicketUpsertService) private readonly tickets: TicketUpsertService,
  ) {}

  /** A whole file held in memory (GraphQL importTickets), read by the same streaming parser. */
  async importText(actor: Actor, text: string): Promise<TicketImportResult> {
    const rows = new JiraRowReader();
    await readCsvStream(Readable.from([text]), rows, { maxBytes: Infinity });
    return this.importRows(actor, rows);
  }

  /** A file streamed in (the upload), read up to `maxBytes`. */
  async importStream(actor: Actor, input: Readable, maxBytes: number): Promise<TicketImportResult> {
    const rows = new JiraRowReader();
    await readCsvStream(input, rows, { maxBytes });
    return this.importRows(actor, rows);
  }

  async importRows(
    actor: Actor,
    rows: JiraRowReader,
    onProgress?: ImportProgress,
  ): Promise<TicketImportResult> {
    const result = await this.tenant.run(actor, async (em) => {
      const { tickets, epics, warnings } = rows.finish(
        await knownIssueIds(em, rows.unknownParentIds()),
      );
      await em.query(
        `UPDATE initiatives i SET external_id = e.issue_id
           FROM jsonb_to_recordset($1::jsonb) AS e(key text, issue_id text)
          WHERE i.organization_id = $2 AND i.external_key = e.key AND e.issue_id IS NOT NULL
            AND i.external_id IS DISTINCT FROM e.issue_id`,
        [
          JSON.stringify(epics.map((e) => ({ key: e.key, issue_id: e.issueId }))),
          actor.organizationId,
        ],
      );
      const known: { external_key: string }[] = await em.query(
        `SELECT external_key FROM initiatives WHERE organization_id = $2 AND external_key = ANY($1::text[])`,
        [epics.map((e) => e.key), actor.organizationId],
      );
      const linked = new Set(known.map((k) => k.external_key));
      for (const epic of epics) {
        if (!linked.has(epic.key)) {
          warnings.push({
            path: epic.origin,
            message: `epic ${epic.key} matches no initiative (externalKey): its tickets import unlinked`,
          });
        }
      }
      return this.tickets.upsertIn(em, actor, 'JIRA_CSV', tickets, warnings, onProgress);
    });
    await this.tickets.published(actor, result, []);
    return result;
  }
}

/**
 * Issue ids of earlier imports (tickets and epics, that is initiatives, seen before), only those
 * the file's Parents name: a file of 100,000 rows needs a handful of them, if any.
 */
async function knownIssueIds(em: EntityManager, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows: { id: string; key: string }[] = await em.query(
    `SELECT external_id AS id, external_key AS key FROM tickets
      WHERE organization_id = $2 AND external_id = ANY($1::text[])
     UNION ALL
     SELECT external_id, external_key FROM initiatives
      WHERE organization_id = $2 AND external_id = ANY($1::text[]) AND external_key IS NOT NULL`,
    [ids, organizationOf(em)],
  );
  return new Map(rows.map((r) => [r.id, r.key]));
}
