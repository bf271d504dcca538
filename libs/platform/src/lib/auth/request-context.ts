import type { Request } from 'express';
import DataLoader from 'dataloader';
import { Actor } from './actor';

/** Who a request acts for, once the guard has checked its credential. */
export interface Credentials {
  actor?: Actor;
  /** The one credential check of this request, shared by its root fields. */
  actorCheck?: Promise<Actor | undefined>;
}

/** An HTTP route's request (not GraphQL): the guard keeps its credentials on it. */
export type AuthenticatedRequest = Request & Credentials;

/**
 * The GraphQL context of one HTTP request. It holds the request's credentials itself, declared from
 * the start: properties added to Express's request object later change its hidden class, and V8 then
 * stores them through its runtime (about 5% of the instructions of a `{ me }` request, callgrind).
 */
export interface RequestContext extends Credentials {
  req: Request;
  /** Per-request DataLoaders, created on first use (see `loaderFor`). */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

export function createRequestContext({ req }: { req: Request }): RequestContext {
  return { req, loaders: new Map(), actor: undefined, actorCheck: undefined };
}

/**
 * One DataLoader per request and key: field resolvers call it so that a list of N parents costs one query
 * per field, not N.
 */
export function loaderFor<K, V>(
  context: RequestContext,
  key: string,
  batch: (keys: readonly K[]) => Promise<ReadonlyArray<V | Error>>,
): DataLoader<K, V> {
  let loader = context.loaders.get(key) as DataLoader<K, V> | undefined;
  if (!loader) {
    loader = new DataLoader<K, V>(batch, { maxBatchSize: 500 });
    context.loaders.set(key, loader as DataLoader<unknown, unknown>);
  }
  return loader;
}
