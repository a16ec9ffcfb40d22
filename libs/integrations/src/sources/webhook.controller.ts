import { Controller, Head, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Access } from '@app/identity';
import { WebhookInbox } from './webhook-inbox.service.js';

/** The largest webhook body taken (docs/design.md 4.4: at least 1 MB); read raw by bootstrap. */
export const WEBHOOK_BODY_LIMIT = 2 * 1024 * 1024;

/**
 * `POST /webhooks/<kind>/<source id>`: no Authorization header and no per-client rate limit (a
 * tracker's burst of 1,000 events must pass); the signature and the size limit are the gates. The
 * raw bytes arrive as a Buffer (apps/api bootstrap reads them before any parser).
 */
@Controller('webhooks')
export class WebhookController {
  constructor(@Inject(WebhookInbox) private readonly inbox: WebhookInbox) {}

  @Access('PUBLIC')
  @Post(':kind/:id')
  async receive(
    @Param('kind') kind: string,
    @Param('id') id: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
    }
    const url = callbackUrl(req);
    const answer = await this.inbox.receive(kind, id, { headers, raw, url });
    for (const [name, value] of Object.entries(answer.headers ?? {})) res.setHeader(name, value);
    if (answer.status === 202 || (answer.status === 200 && !answer.message)) {
      res.status(answer.status).end();
    } else res.status(answer.status).json({ message: answer.message });
  }

  /** Trackers that check a webhook URL before use (Trello: HEAD) get 200. */
  @Access('PUBLIC')
  @Head(':kind/:id')
  @HttpCode(200)
  check(): void {}
}

/**
 * The URL a tracker was given for this webhook: PUBLIC_URL (set on the app by bootstrap) and the
 * path, else what the request says (Express reads X-Forwarded-Proto and -Host only from a proxy
 * TRUST_PROXY trusts).
 */
function callbackUrl(req: Request): string {
  const base = (req.app.get('public url') as string | null) ?? `${req.protocol}://${req.host}`;
  return `${base}${req.originalUrl}`;
}
