import type { Request } from 'express';
import DataLoader from 'dataloader';
import { Actor } from './actor';

export type AuthenticatedRequest = Request & {
  actor?: Actor;
  /** The one credential check of this request, shared by its root fields. */
  actorCheck?: Promise<Actor | undefined>;
};

/** The GraphQL context of one HTTP request. */
export interface RequestContext {
  req: AuthenticatedRequest;
  /** Per-request DataLoaders, created on first use (see `loaderFor`). */
  loaders: Map<string, DataLoader<unknown, unknown>>;
}

export function createRequestContext({ req }: { req: AuthenticatedRequest }): RequestContext {
  return { req, loaders: new Map() };
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
