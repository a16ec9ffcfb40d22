import { createServer } from 'node:net';

/**
 * A port on 127.0.0.1 that nothing listens on now: for the processes the CLI tools, benches and
 * tests start beside each other (a moment later another process may take it; they retry or fail
 * with the port named).
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
