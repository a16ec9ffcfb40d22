import { existsSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

/** Paths the API itself answers: the dashboard never catches them, not even as the SPA fallback. */
const API_PREFIXES = ['/graphql', '/health', '/imports', '/metrics'];

/** Hashed file names under /assets never change: cache them for a year; index.html never. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

export function isApiPath(path: string): boolean {
  const lower = path.toLowerCase(); // Express matches routes case-insensitively
  return API_PREFIXES.some((prefix) => lower === prefix || lower.startsWith(`${prefix}/`));
}

/**
 * Serves the built dashboard (apps/dashboard, built to dist/dashboard) at `/`: a file when the
 * path names one, otherwise index.html so the client's router handles `/goals/G1` and the like.
 * A path with a file extension that names no file is left to Nest (404).
 */
export function dashboardHandler(dir: string) {
  const root = resolve(dir);
  const index = resolve(root, 'index.html');
  return (req: Request, res: Response, next: NextFunction): void => {
    // originalUrl: a middleware's req.path is relative to where Nest mounted it
    const path = req.originalUrl.split('?')[0];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(path)) return next();
    let decoded: string;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return next();
    }
    const file = resolve(root, `.${decoded}`);
    const inside = file === root || file.startsWith(`${root}${sep}`);
    if (inside && file !== root && isFile(file)) {
      const cache = decoded.startsWith('/assets/') ? IMMUTABLE : REVALIDATE;
      return res.sendFile(file, { headers: { 'Cache-Control': cache } }, (err) => err && next(err));
    }
    if (extname(decoded)) return next();
    res.sendFile(
      index,
      { headers: { 'Cache-Control': REVALIDATE, 'Content-Type': 'text/html; charset=utf-8' } },
      (err) => err && next(err),
    );
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The first of `candidates` that holds a built dashboard (index.html), or null. */
export function findDashboardDir(candidates: string[]): string | null {
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? null;
}
