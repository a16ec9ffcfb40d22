import type { Request } from 'express';
import type { Actor } from './actor.js';
import { LoaderRegistry } from './loader-registry.js';

/**
 * The GraphQL context of one request. `actor` is filled in by the access guard once it has checked
 * the token; `loaders` holds this request's DataLoaders (never shared between requests).
 */
export interface RequestContext {
  req: Request;
  actor: Actor | null;
  loaders: LoaderRegistry;
}

export function createRequestContext(req: Request): RequestContext {
  return { req, actor: null, loaders: new LoaderRegistry() };
}

/** A plain HTTP request (not GraphQL) after the access guard: it carries the actor itself. */
export type RequestWithActor = Request & { actor?: Actor | null };
