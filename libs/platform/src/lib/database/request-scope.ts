import type { NextFunction, Request, Response } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';

/** A node-postgres client of the pool: it runs what it is given in order, one statement at a time. */
export interface DriverClient {
  query(text: string, values?: unknown[]): Promise<unknown>;
}

/** A connection of the pool as a request or a transaction holds it, and how to give it back. */
export interface HeldConnection {
  client: DriverClient;
  /** True once given back: a statement sent after that would go to someone else's transaction. */
  readonly released: boolean;
  release: () => void;
}

/**
 * One GraphQL request's hold on the database: at most one connection, taken when the request first
 * needs it and given back when its answer is sent. Every transaction of the request runs on it, one at a
 * time (see TenantDatabase). A query's fields share one read-only snapshot; a mutation's fields commit
 * one after another. A request works in one tenant only.
 */
export class RequestScope {
  /** The operation type, known once Apollo has parsed the request (before any resolver runs). */
  kind: 'query' | 'mutation' | 'subscription' | undefined;
  /** Whether the read-only snapshot of a query is open on the connection (its BEGIN sent). */
  snapshotOpen = false;
  /** The snapshot's BEGIN, sent but perhaps not yet answered: statements wait for it (see TenantDatabase). */
  snapshotBegun?: Promise<unknown>;
  private tenantId?: string;
  private held?: HeldConnection;
  /** The request's database work so far, in order; none yet: the first work starts at once. */
  private chain?: Promise<unknown>;
  private finished = false;

  bindTenant(tenantId: string): void {
    if (this.tenantId !== undefined && this.tenantId !== tenantId)
      throw new Error('A request cannot work in two tenants.');
    this.tenantId = tenantId;
  }

  /** Runs `work` when the request's earlier database work is done: the connection serves one at a time. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const turn = this.chain ? this.chain.then(work, work) : work();
    this.chain = turn.catch(() => undefined);
    return turn;
  }

  /** The request's connection, opened by `open` the first time. Call inside `exclusive`. */
  async connection(open: () => Promise<HeldConnection>): Promise<HeldConnection> {
    if (this.finished) throw new RequestEndedError();
    if (!this.held) {
      const opened = await open();
      // The client went away while we waited for the connection: give it straight back.
      if (this.finished) {
        opened.release();
        throw new RequestEndedError();
      }
      this.held = opened;
    }
    return this.held;
  }

  /**
   * Ends the snapshot and gives the connection back; safe to call more than once. The COMMIT of a read-only
   * snapshot is queued on the connection, not waited for: the connection runs its statements in order, so
   * whoever takes it next runs after that COMMIT, and the answer need not wait a round trip for a
   * transaction that wrote nothing (about 0.5 ms of a KPI question). The connection is back in the pool,
   * its admission given back, before the answer goes out, as before.
   */
  async finish(): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (this.chain) await this.chain;
    const held = this.held;
    this.held = undefined;
    if (!held) return;
    // The driver's client queues the COMMIT synchronously, before the release below can hand it to anyone.
    if (this.snapshotOpen) held.client.query('COMMIT').catch(() => undefined);
    this.snapshotOpen = false;
    this.snapshotBegun = undefined;
    held.release();
  }
}

/** Database work asked for after the request's answer went out (or its client hung up). */
export class RequestEndedError extends AppError {
  constructor() {
    // The client is gone (it hung up); nobody reads this answer, so it is not worth an error in the log.
    super(ErrorCode.UNAVAILABLE, 'The request has already been answered.');
  }
}

/** The open transaction of an async context (see TenantDatabase). */
export interface TransactionScope {
  tenantId: string | null;
  /** The connection the statements go to. */
  connection: HeldConnection;
  afterCommit: (() => void)[];
  /** The BEGIN the transaction's statements wait for, when it was sent without waiting (a query's snapshot). */
  begun?: Promise<unknown>;
}

/**
 * What an async context works in: its request, if any, and its open transaction, if any, in one
 * AsyncLocalStorage. Node 20 copies every store in use onto every promise made (a hook per promise and
 * store): one store for both instead of two saved about 7% of the instructions of a `{ me }` request.
 */
interface DatabaseContext {
  request?: RequestScope;
  transaction?: TransactionScope;
}

const contexts = new AsyncLocalStorage<DatabaseContext>();

export function currentRequest(): RequestScope | undefined {
  return contexts.getStore()?.request;
}

export function currentTransaction(): TransactionScope | undefined {
  return contexts.getStore()?.transaction;
}

/** Runs `fn` (and all it starts) as part of `request`, outside any transaction. */
export function inRequestScope<T>(request: RequestScope, fn: () => T): T {
  return contexts.run({ request }, fn);
}

/** Runs `fn` in `transaction`, within the current request if there is one. */
export function inTransaction<T>(transaction: TransactionScope, fn: () => T): T {
  return contexts.run({ request: currentRequest(), transaction }, fn);
}

/** Runs `fn` outside the current request and transaction. */
export function outsideScopes<T>(fn: () => T): T {
  return contexts.run({}, fn);
}

/**
 * Express middleware for the GraphQL route: the rest of the request runs inside its RequestScope. Mounted
 * after the body parser, whose stream callbacks would otherwise lose the async context.
 */
export function requestScopeMiddleware(_req: Request, res: Response, next: NextFunction): void {
  const scope = new RequestScope();
  // If the answer never goes out through Apollo (a client that hung up), the connection still comes back.
  res.once('close', () => void scope.finish());
  inRequestScope(scope, next);
}
