import { createHash, timingSafeEqual } from 'node:crypto';
import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { metricsRegistry } from '@app/common';
import { Access } from '@app/identity';

/** The injection token of METRICS_TOKEN (null: /metrics is not served). */
export const METRICS_TOKEN = Symbol('METRICS_TOKEN');

/**
 * `GET /metrics` in Prometheus's text format, for a scraper that sends
 * `Authorization: Bearer <METRICS_TOKEN>` (README, Security model): the figures say how busy the
 * service is and which operations fail, which is nobody else's business. Without METRICS_TOKEN
 * the route answers 404, as if it did not exist.
 */
@Controller('metrics')
export class MetricsController {
  private readonly expected: Buffer | null;

  constructor(@Inject(METRICS_TOKEN) token: string | null) {
    this.expected = token === null ? null : digest(token);
  }

  @Access('PUBLIC') // its own token, not a member's session
  @Get()
  async metrics(@Req() req: Request, @Res() res: Response): Promise<void> {
    if (this.expected === null) {
      res.status(404).json({ message: 'metrics are not served: set METRICS_TOKEN to serve them' });
      return;
    }
    const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    // compared as digests in constant time: the answer's time says nothing about the token
    if (given === undefined || !timingSafeEqual(digest(given), this.expected)) {
      res
        .status(401)
        .setHeader('WWW-Authenticate', 'Bearer realm="metrics"')
        .json({ message: 'send Authorization: Bearer <METRICS_TOKEN>' });
      return;
    }
    const body = await metricsRegistry.metrics();
    res.status(200).setHeader('Content-Type', metricsRegistry.contentType).send(body);
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
