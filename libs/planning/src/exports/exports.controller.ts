import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import type { Actor, RequestWithActor } from '@app/common';
import { Access, CurrentActor } from '@app/identity';
import { sectionsCsv } from './csv-sections.js';
import { exportScope, requiredCycle } from './export-scope.js';
import { ExportsService } from './exports.service.js';
import { overviewSections } from './overview-csv.js';
import { planningSections } from './planning-csv.js';
import { summaryPdf } from './summary-pdf.js';

/**
 * Downloads for the board, every figure from the services the GraphQL API answers with:
 *   GET /exports/overview.csv?team=A&sprint=S1&cycle=Q1&measure=COUNT  (the overview's filters)
 *   GET /exports/planning.csv?cycle=Q1                                  (the planning view)
 *   GET /exports/summary.pdf?cycle=Q1&team=A&measure=POINTS             (one A4 page)
 * With `Authorization: Bearer <token>` (a session or an API token), VIEWER and above, always of
 * the token's own organization. A bad parameter is a 400 naming it; an unknown key a 404.
 */
@Controller('exports')
export class ExportsController {
  constructor(@Inject(ExportsService) private readonly exports: ExportsService) {}

  @Access('VIEWER')
  @Get('overview.csv')
  async overviewCsv(
    @CurrentActor() actor: Actor,
    @Req() req: RequestWithActor,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const now = new Date();
    const data = await this.exports.overview(actor, req, exportScope(query));
    send(
      res,
      'text/csv; charset=utf-8',
      `overview-${stamp(now)}.csv`,
      sectionsCsv(overviewSections(data, now)),
    );
  }

  @Access('VIEWER')
  @Get('planning.csv')
  async planningCsv(
    @CurrentActor() actor: Actor,
    @Req() req: RequestWithActor,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const now = new Date();
    const cycleKey = requiredCycle(query);
    const data = await this.exports.planningCycle(actor, req, cycleKey);
    send(
      res,
      'text/csv; charset=utf-8',
      `planning-${cycleKey}-${stamp(now)}.csv`,
      sectionsCsv(planningSections(data, now)),
    );
  }

  @Access('VIEWER')
  @Get('summary.pdf')
  async summary(
    @CurrentActor() actor: Actor,
    @Req() req: RequestWithActor,
    @Query() query: Record<string, unknown>,
    @Res() res: Response,
  ) {
    const now = new Date();
    const data = await this.exports.summary(actor, req, exportScope(query));
    send(res, 'application/pdf', `summary-${stamp(now)}.pdf`, await summaryPdf(data, now));
  }
}

/** The file as an attachment; never cached (it holds the organization's figures). */
function send(res: Response, type: string, fileName: string, body: string | Buffer): void {
  res
    .status(200)
    .setHeader('Content-Type', type)
    .setHeader('Content-Disposition', `attachment; filename="${fileName}"`)
    .setHeader('Cache-Control', 'no-store')
    .send(body);
}

/** 2027-01-20 for a file name. */
const stamp = (date: Date) => date.toISOString().slice(0, 10);
