import { createHmac } from 'node:crypto';

export interface SendTrelloOptions {
  /** the Trello app's secret (the source's webhookSecret) */
  secret: string;
  /**
   * the callbackURL the webhook was registered with (Trello signs body + this URL); the URL
   * posted to when absent
   */
  callbackUrl?: string;
  /** 'bad' signs with another secret; 'missing' sends no X-Trello-Webhook */
  signature?: 'valid' | 'bad' | 'missing';
}

export interface WebhookResponse {
  status: number;
  body: string;
  ms: number;
}

/**
 * X-Trello-Webhook: the base64 HMAC-SHA1 of the body followed by the callback URL, keyed with the
 * app secret. Trello's signer treats that text as a "binary" string (each character's low 8
 * bits), as Trello's documentation warns: a card name with "é" or "–" is signed that way.
 */
export function signTrello(secret: string, body: string, callbackUrl: string): string {
  return createHmac('sha1', secret)
    .update(Buffer.from(body + callbackUrl, 'latin1'))
    .digest('base64');
}

/** POSTs a webhook as Trello delivers one. */
export async function sendTrelloWebhook(
  url: string,
  body: object | string,
  options: SendTrelloOptions,
): Promise<WebhookResponse> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'Trello',
  };
  const signature = options.signature ?? 'valid';
  const callbackUrl = options.callbackUrl ?? url;
  if (signature === 'valid')
    headers['x-trello-webhook'] = signTrello(options.secret, text, callbackUrl);
  if (signature === 'bad') {
    headers['x-trello-webhook'] = signTrello(`${options.secret}-not`, text, callbackUrl);
  }
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body: text });
  return { status: response.status, body: await response.text(), ms: performance.now() - started };
}
