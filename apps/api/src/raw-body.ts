import { AsyncResource } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';

/**
 * Reads a body as raw bytes, up to `limit`, for routes that must see exactly what was sent
 * (webhook signatures are computed over the raw body): sets `req.body` to a Buffer and marks the
 * body read so no parser after it touches it. Beyond the limit: 413, and the connection closes
 * (the rest of the body stays unread). The route continues in the request's own async context
 * (its id, its database scope and deadline), not in the socket's, where the stream's events fire.
 */
export function rawBody(limit: number) {
  return (req: Request, res: Response, proceed: NextFunction): void => {
    if (req.method !== 'POST') return proceed();
    const next = AsyncResource.bind((error?: unknown) => proceed(error));
    const tooLarge = () => {
      res.setHeader('Connection', 'close');
      res.status(413).json({ message: `the body is larger than ${limit} bytes` });
    };
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        req.pause();
        tooLarge();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (done) return;
      done = true;
      req.body = Buffer.concat(chunks);
      (req as Request & { _body?: boolean })._body = true;
      next();
    });
    req.on('error', (error) => {
      if (done) return;
      done = true;
      next(error);
    });
  };
}
