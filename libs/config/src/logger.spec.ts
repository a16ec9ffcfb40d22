import { Writable } from 'node:stream';
import { createRootLogger, PinoNestLogger, type RootLoggerOptions } from './logger.js';

/** A logger writing JSON lines into an array, as the server writes them to stdout. */
async function capture(options: Partial<RootLoggerOptions> = {}) {
  const lines: Record<string, unknown>[] = [];
  const logger = await createRootLogger({
    level: 'info',
    pretty: false,
    ...options,
    destination: new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
        }
        done();
      },
    }),
  });
  return { logger, lines };
}

describe('the root logger', () => {
  it('writes JSON lines with the level as a word, an ISO time and the current request id', async () => {
    let current: string | undefined = 'req-1';
    const { logger, lines } = await capture({ requestId: () => current });
    logger.info('inside');
    current = undefined;
    logger.info('outside');
    expect(lines[0]).toMatchObject({ level: 'info', msg: 'inside', requestId: 'req-1' });
    expect(lines[0].time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('keeps secrets out of the fields and header sets a logged object holds', async () => {
    const { logger, lines } = await capture();
    logger.warn({
      headers: { authorization: 'Bearer abc', cookie: 'sid=1', 'x-hub-signature': 'sha1=00' },
      req: { headers: { authorization: 'Bearer def', 'linear-signature': 'lin-1' } },
      webhookSecret: 'whsec-1',
      token: 'tok-1',
      password: 'pw',
    });
    const text = JSON.stringify(lines[0]);
    for (const secret of ['Bearer abc', 'sid=1', 'sha1=00', 'Bearer def', 'lin-1', 'whsec-1']) {
      expect(text).not.toContain(secret);
    }
    expect(lines[0]).toMatchObject({ password: '[redacted]', token: '[redacted]' });
  });

  it('respects LOG_LEVEL', async () => {
    const { logger, lines } = await capture({ level: 'warn' });
    logger.info('dropped');
    logger.warn('kept');
    expect(lines.map((l) => l.msg)).toEqual(['kept']);
  });
});

describe('PinoNestLogger', () => {
  it('reads Nest’s arguments: the last string is the context, an error’s other string its stack', async () => {
    const { logger, lines } = await capture({ level: 'debug' });
    const nest = new PinoNestLogger(logger);
    nest.log('started', 'NestApplication');
    nest.error('failed', 'Error: x\n    at y', 'GraphQL');
    nest.warn({ event: 'e1' }, 'Worker');
    nest.debug('detail');
    nest.verbose('hidden at debug');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', msg: 'started', context: 'NestApplication' }),
      expect.objectContaining({
        level: 'error',
        msg: 'failed',
        context: 'GraphQL',
        stack: 'Error: x\n    at y',
      }),
      expect.objectContaining({ level: 'warn', event: 'e1', context: 'Worker' }),
      expect.objectContaining({ level: 'debug', msg: 'detail' }),
    ]);
  });
});
