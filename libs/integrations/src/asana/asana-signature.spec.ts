import { createHmac } from 'node:crypto';
import { asanaDeliveryId, asanaHandshake, verifyAsanaSignature } from './asana-signature.js';

const delivery = (headers: Record<string, string>, body = '{"events":[]}') => ({
  headers,
  raw: Buffer.from(body),
  url: 'https://throughline.example.com/webhooks/asana/x',
});

describe('Asana signature and handshake', () => {
  const secret = 'b537207f20cbfa02357cf448134da559';
  const sign = (body: string, key = secret) =>
    createHmac('sha256', key).update(Buffer.from(body)).digest('hex');

  it('takes X-Hook-Secret as a handshake and echoes it', () => {
    expect(asanaHandshake(delivery({ 'x-hook-secret': secret }, ''))).toEqual({
      secret,
      echo: { 'X-Hook-Secret': secret },
    });
    expect(asanaHandshake(delivery({}))).toBeNull();
    expect(asanaHandshake(delivery({ 'x-hook-secret': 'two words' }))).toBeNull();
  });

  it('accepts the hex HMAC-SHA256 of the raw body only', () => {
    const body = '{"events":[]}';
    expect(verifyAsanaSignature(delivery({ 'x-hook-signature': sign(body) }, body), secret)).toBe(
      true,
    );
    expect(
      verifyAsanaSignature(delivery({ 'x-hook-signature': sign(body, 'other') }, body), secret),
    ).toBe(false);
    expect(
      verifyAsanaSignature(delivery({ 'x-hook-signature': sign(body) }, `${body} `), secret),
    ).toBe(false);
    expect(verifyAsanaSignature(delivery({ 'x-hook-signature': 'abc' }, body), secret)).toBe(false);
    expect(verifyAsanaSignature(delivery({}, body), secret)).toBe(false);
    expect(asanaDeliveryId()).toBeNull();
  });
});
