import { Controller, Inject, PayloadTooLargeException, Post, Query, Req } from '@nestjs/common';
import type { Actor, RequestWithActor } from '@app/common';
import { DomainError, formatBound } from '@app/domain';
import { Access, CurrentActor } from '@app/identity';
import { AsanaImportService } from './asana/asana-import.service.js';
import { CsvTooLarge, MAX_UPLOAD_CSV_BYTES } from './jira/csv-stream.js';
import { JiraImportService } from './jira/jira-import.service.js';
import type { TicketImportResult } from './tickets/incoming-ticket.js';
import { checkKeyPrefix } from './tickets/file-tickets.js';
import { TrelloImportService } from './trello/trello-import.service.js';
import { LinearImportService } from './linear/linear-import.service.js';
import { GithubImportService } from './github/github-import.service.js';
import { checkGithubRepository } from './github/github-json.js';

const CSV_TYPES = /^text\/csv\b|^application\/octet-stream\b/i;
/** application/json bodies are taken by the JSON body parser (10 MB): the board comes as bytes. */
const OCTET_STREAM = /^application\/octet-stream\b/i;

/**
 * Streaming upload for ticket files beyond the GraphQL body limit:
 *   curl -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" --data-binary @export.csv \
 *        http://localhost:3000/imports/jira-csv
 * and likewise /imports/asana-csv (text/csv) and /imports/trello-json (application/octet-stream;
 * both take ?keyPrefix=), /imports/linear-csv (text/csv) and /imports/github-json
 * (application/octet-stream; takes ?repository=owner/repo). The CSV bodies are parsed as they arrive (no JSON/text body parser
 * touches text/csv); a Trello board is read whole, then parsed. Up to MAX_UPLOAD_CSV_BYTES: a
 * larger body is answered 413 without reading the rest.
 */
@Controller('imports')
export class ImportsController {
  constructor(
    @Inject(JiraImportService) private readonly jira: JiraImportService,
    @Inject(TrelloImportService) private readonly trello: TrelloImportService,
    @Inject(AsanaImportService) private readonly asana: AsanaImportService,
    @Inject(LinearImportService) private readonly linear: LinearImportService,
    @Inject(GithubImportService) private readonly github: GithubImportService,
  ) {}

  @Access('MEMBER')
  @Post('jira-csv')
  jiraCsv(@CurrentActor() actor: Actor, @Req() req: RequestWithActor) {
    contentType(req, CSV_TYPES, 'send the file as text/csv (or application/octet-stream)');
    return upload(req, 'import-jira-csv', () =>
      this.jira.importStream(actor, req, MAX_UPLOAD_CSV_BYTES),
    );
  }

  @Access('MEMBER')
  @Post('asana-csv')
  asanaCsv(
    @CurrentActor() actor: Actor,
    @Req() req: RequestWithActor,
    @Query('keyPrefix') keyPrefix?: string,
  ) {
    contentType(req, CSV_TYPES, 'send the file as text/csv (or application/octet-stream)');
    const prefix = checkKeyPrefix(typeof keyPrefix === 'string' ? keyPrefix : null);
    return upload(req, 'import-asana-csv', () =>
      this.asana.importStream(actor, req, MAX_UPLOAD_CSV_BYTES, prefix),
    );
  }

  @Access('MEMBER')
  @Post('trello-json')
  trelloJson(
    @CurrentActor() actor: Actor,
    @Req() req: RequestWithActor,
    @Query('keyPrefix') keyPrefix?: string,
  ) {
    contentType(req, OCTET_STREAM, 'send the board export as application/octet-stream');
    const prefix = checkKeyPrefix(typeof keyPrefix === 'string' ? keyPrefix : null);
    return upload(req, 'import-trello-json', () =>
      this.trello.importStream(actor, req, MAX_UPLOAD_CSV_BYTES, prefix),
    );
  }

  @Access('MEMBER')
  @Post('linear-csv')
  linearCsv(@CurrentActor() actor: Actor, @Req() req: RequestWithActor) {
    contentType(req, CSV_TYPES, 'send the file as text/csv (or application/octet-stream)');
    return upload(req, 'import-linear-csv', () =>
      this.linear.importStream(actor, req, MAX_UPLOAD_CSV_BYTES),
    );
  }

  @Access('MEMBER')
  @Post('github-json')
  githubJson(
    @CurrentActor() actor: Actor,
    @Req() req: RequestWithActor,
    @Query('repository') repository?: string,
  ) {
    contentType(req, OCTET_STREAM, 'send the issues file as application/octet-stream');
    const repo = checkGithubRepository(typeof repository === 'string' ? repository : null);
    return upload(req, 'import-github-json', () =>
      this.github.importStream(actor, req, MAX_UPLOAD_CSV_BYTES, repo),
    );
  }
}

function contentType(req: RequestWithActor, allowed: RegExp, message: string): void {
  if (!allowed.test(req.headers['content-type'] ?? '')) {
    throw DomainError.badInput('Content-Type', message);
  }
}

/** Runs an upload within MAX_UPLOAD_CSV_BYTES; a larger body is answered 413 (`command`: the CLI's). */
async function upload(
  req: RequestWithActor,
  command: string,
  work: () => Promise<TicketImportResult>,
): Promise<TicketImportResult> {
  const declared = Number(req.headers['content-length'] ?? 0);
  try {
    if (declared > MAX_UPLOAD_CSV_BYTES) throw new CsvTooLarge(MAX_UPLOAD_CSV_BYTES);
    return await work();
  } catch (error) {
    if (!(error instanceof CsvTooLarge)) throw error;
    // Answered now, the rest unread: the API closes the connection (closeWhenBodyUnread).
    throw new PayloadTooLargeException({
      code: 'PAYLOAD_TOO_LARGE',
      message: `the file is larger than ${formatBound(MAX_UPLOAD_CSV_BYTES)} bytes, the limit of this upload: import it with the CLI (npm run cli -- ${command} <file>)`,
    });
  }
}
