import 'reflect-metadata';
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { createRootLogger, PinoNestLogger, type Env, type RootLogger } from '@app/config';
import { currentRequestId, type Database } from '@app/database';
import { WEBHOOK_BODY_LIMIT } from '@app/integrations';
import { BODY_LIMIT } from './body-limits.js';
import { AppModule } from './app.module.js';
import { observeRequests, requestIdInErrorBodies } from './observability/request-observer.js';
import { rawBody } from './raw-body.js';

/**
 * Node's HTTP server timeouts. Headers must arrive within 20 s (a client trickling them in holds
 * a socket: slowloris); a whole request, body included, within 2 min (a 10 MB body on a slow
 * link). An idle keep-alive connection is kept 65 s, longer than the idle timeout of the proxies
 * in front (nginx's upstream keepalive_timeout and most load balancers: 60 s), so that a proxy
 * never sends a request on a connection the API is closing.
 */
export const SERVER_TIMEOUTS = {
  headersTimeout: 20_000,
  requestTimeout: 120_000,
  keepAliveTimeout: 65_000,
} as const;

/**
 * Builds the API application (used by main.ts and by the end-to-end tests) on `database` when
 * given (main.ts opens it first), else on one it opens; it logs through `logger` (main.ts's, or a
 * test's that reads the lines), else one made from the environment (`logs: false`: silent). A
 * failure rejects instead of exiting the process, so the caller can stop what it started.
 */
export async function createApp(
  env: Env,
  options: { logs?: boolean; database?: Database; logger?: RootLogger } = {},
): Promise<NestExpressApplication> {
  const logger =
    options.logger ??
    (await createRootLogger({
      level: options.logs === false ? 'silent' : env.logLevel,
      pretty: env.nodeEnv !== 'production',
      requestId: currentRequestId,
    }));
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(env, { database: options.database }),
    {
      // Nest's own messages and every library's `new Logger(context)` go to pino (what
      // app.useLogger does, from the first line of the start-up on)
      logger: new PinoNestLogger(logger),
      bodyParser: false,
      abortOnError: false,
    },
  );
  app.disable('x-powered-by');
  // the client's address (rate limits) from X-Forwarded-For only behind proxies we trust
  app.set('trust proxy', env.trustProxy);
  // the address trackers call webhooks at (Trello signs it), read by the webhook route
  app.set('public url', env.publicUrl);
  // first, so that even a body refused by the parsers has its id, its metrics and its log line;
  // every request in a scope of its own: one database connection at a time, and a deadline
  app.use(observeRequests(logger, env.requestTimeoutMs));
  // Express's prototype of this app's responses
  requestIdInErrorBodies((app.getHttpAdapter().getInstance() as { response: Response }).response);
  app.use('/imports', closeWhenBodyUnread);
  app.use('/webhooks', rawBody(WEBHOOK_BODY_LIMIT));
  app.useBodyParser('json', { limit: BODY_LIMIT });
  app.useBodyParser('text', { limit: BODY_LIMIT });
  app.use(bodyErrors);
  Object.assign(app.getHttpServer() as Server, SERVER_TIMEOUTS);
  // Shutdown signals are handled by main.ts (close everything, then exit 0); tests close the app.
  return app;
}

/**
 * The streaming upload may answer before it has read the whole body: refused by the guard (401,
 * 403), by a bad row that refuses the file (400) or by its size (413). Such an answer closes the
 * connection: Node would otherwise leave the rest of the body on a kept-alive socket, and the
 * client's next request on it would never be read (seen: a hang until the client gave up).
 */
function closeWhenBodyUnread(req: Request, res: Response, next: NextFunction): void {
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
  res.writeHead = ((...args: unknown[]) => {
    if (!req.complete) {
      res.setHeader('Connection', 'close');
      lingerOnClose(req.socket);
    }
    return writeHead(...args);
  }) as Response['writeHead'];
  next();
}

/** How long an answered upload's unread rest is read and dropped before the socket is cut. */
const LINGER_MS = 10_000;

/**
 * A lingering close, as web servers do it. Node closes a `Connection: close` socket as soon as
 * the answer is written (`destroySoon`); with the client still sending, its TCP stack then sees a
 * reset, and most HTTP clients report "EPIPE" or "connection reset" instead of the answer already
 * sent (seen with a refused 50 MB upload under load). Here the socket only half-closes after the
 * answer, reads and drops the rest of the body (nothing is buffered) until the client has sent it
 * or LINGER_MS has passed, then closes: one socket and some bandwidth for at most LINGER_MS.
 */
function lingerOnClose(socket: Socket): void {
  socket.destroySoon = () => {
    socket.end();
    const cut = setTimeout(() => socket.destroy(), LINGER_MS);
    cut.unref();
    socket.once('end', () => {
      clearTimeout(cut);
      socket.destroy();
    });
    socket.once('close', () => clearTimeout(cut));
    socket.resume();
  };
}

/**
 * A body the parsers refuse, as JSON in the GraphQL error shape: 413 beyond BODY_LIMIT, 400 for
 * a body that is not JSON. Express would answer with an HTML page.
 */
function bodyErrors(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  const { type, status } = (error ?? {}) as { type?: string; status?: number };
  if (type === 'entity.too.large') {
    res.status(413).json({
      errors: [
        {
          message: `the request body is larger than ${BODY_LIMIT}: send large files through the CLI or POST /imports/jira-csv`,
          extensions: { code: 'PAYLOAD_TOO_LARGE' },
        },
      ],
    });
  } else if (typeof status === 'number' && status >= 400 && status < 500) {
    res.status(status).json({
      errors: [
        {
          message:
            type === 'entity.parse.failed'
              ? 'the request body is not valid JSON'
              : 'the request body could not be read',
          extensions: { code: 'BAD_REQUEST' },
        },
      ],
    });
  } else {
    next(error);
  }
}
