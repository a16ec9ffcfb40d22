import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { LIVE_LIMITS, type liveOptions } from './live-options.js';

/** The injection token of LiveServer's graphql-ws options (liveOptions). */
export const LIVE_OPTIONS = Symbol('LIVE_OPTIONS');

/**
 * Live connections: graphql-ws at /graphql on the API's HTTP server, under the limits of
 * LIVE_LIMITS and of the HTTP path (liveOptions). Served here rather than by Nest's subscription
 * server, whose WebSocket server takes messages of up to 100 MiB (ws's default), buffered whole
 * before anything reads them. Started once the schema is built, closed before the HTTP server:
 * each open connection is told the server is going away (1001).
 */
@Injectable()
export class LiveServer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveServer');
  private server: WebSocketServer | null = null;
  private dispose: (() => Promise<void> | void) | null = null;
  private http: Server | null = null;
  private readonly upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const server = this.server;
    const path = (request.url ?? '').split('?', 1)[0];
    if (!server || path !== '/graphql') {
      socket.destroy();
      return;
    }
    server.handleUpgrade(request, socket, head, (ws) => {
      server.emit('connection', ws, request);
      // graphql-ws answers a socket error (a message over the limit, a broken frame: the
      // client's doing) with console.error; here it is a line of the app's log, and the socket
      // closes as graphql-ws would close it (ws has already closed it for an oversized message)
      ws.removeAllListeners('error');
      ws.once('error', (error) => {
        this.logger.warn(`live connection closed: ${error.message}`);
        ws.close(1011, 'Internal Error');
      });
    });
  };

  constructor(
    @Inject(HttpAdapterHost) private readonly adapter: HttpAdapterHost,
    @Inject(GraphQLSchemaHost) private readonly schema: GraphQLSchemaHost,
    @Inject(LIVE_OPTIONS) private readonly options: ReturnType<typeof liveOptions>,
  ) {}

  onApplicationBootstrap(): void {
    const server = new WebSocketServer({ noServer: true, maxPayload: LIVE_LIMITS.messageBytes });
    const served = useServer({ schema: this.schema.schema, ...this.options }, server);
    this.server = server;
    this.dispose = () => served.dispose();
    this.http = this.adapter.httpAdapter.getHttpServer() as Server;
    this.http.on('upgrade', this.upgrade);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.http?.off('upgrade', this.upgrade);
    await this.dispose?.();
    this.server = null;
  }
}
