import { Controller, Inject, PayloadTooLargeException, Post, Req } from '@nestjs/common';
import type { Actor, RequestWithActor } from '@app/common';
import { DomainError, formatBound } from '@app/domain';
import { Access, CurrentActor } from '@app/identity';
import { CsvTooLarge, MAX_UPLOAD_CSV_BYTES } from './jira/csv-stream.js';
import { JiraImportService } from './jira/jira-import.service.js';

/**
 * Streaming upload for ticket files beyond the GraphQL body limit:
 *   curl -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" --data-binary @export.csv \
 *        http://localhost:3000/imports/jira-csv
 * The body is parsed as it arrives (no JSON/text body parser touches text/csv), up to
 * MAX_UPLOAD_CSV_BYTES: a larger body is answered 413 without reading the rest.
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
    const declared = Number(req.headers['content-length'] ?? 0);
    try {
      if (declared > MAX_UPLOAD_CSV_BYTES) throw new CsvTooLarge(MAX_UPLOAD_CSV_BYTES);
      return await this.jira.importStream(actor, req, MAX_UPLOAD_CSV_BYTES);
    } catch (error) {
      if (!(error instanceof CsvTooLarge)) throw error;
      // Answered now, the rest unread: the API closes the connection (closeWhenBodyUnread).
      throw new PayloadTooLargeException({
        code: 'PAYLOAD_TOO_LARGE',
        message: `the file is larger than ${formatBound(MAX_UPLOAD_CSV_BYTES)} bytes, the limit of this upload: import it with the CLI (npm run cli -- import-jira-csv <file>)`,
      });
    }
  }
}
