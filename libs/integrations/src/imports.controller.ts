import { Controller, Inject, Post, Req } from '@nestjs/common';
import type { Actor, RequestWithActor } from '@app/common';
import { DomainError } from '@app/domain';
import { Access, CurrentActor } from '@app/identity';
import { readCsvStream } from './jira/csv-stream.js';
import { JiraImportService } from './jira/jira-import.service.js';

/**
 * Streaming upload for ticket files beyond the GraphQL body limit:
 *   curl -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" --data-binary @export.csv \
 *        http://localhost:3000/imports/jira-csv
 * The body is parsed as it arrives (no JSON/text body parser touches text/csv).
 */
@Controller('imports')
export class ImportsController {
  constructor(@Inject(JiraImportService) private readonly jira: JiraImportService) {}

  @Access('MEMBER')
  @Post('jira-csv')
  async jiraCsv(@CurrentActor() actor: Actor, @Req() req: RequestWithActor) {
    if (!/^text\/csv\b|^application\/octet-stream\b/i.test(req.headers['content-type'] ?? '')) {
      throw DomainError.badInput(
        'Content-Type',
        'send the file as text/csv (or application/octet-stream)',
      );
    }
    return this.jira.importRecords(actor, await readCsvStream(req));
  }
}
