import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, EntityManager, ObjectLiteral, QueryRunner } from 'typeorm';
import { fromDatabaseError } from '../errors/database-errors';
import { APP_ROLE, TENANT_SETTING } from './tenant-rls';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface Scope {
  tenantId: string | null;
  manager: EntityManager;
}

/**
 * The only door to the database for domain code. `transaction(tenantId, fn)` runs `fn` in one transaction
 * as the request role with the tenant set, so row-level security confines every statement to that tenant,
 * and repositories reach the transaction through `manager` without passing it around.
 * A failure rolls everything back: a failed mutation writes nothing.
 */
@Injectable()
export class TenantDatabase {
  private readonly scope = new AsyncLocalStorage<Scope>();

  constructor(readonly dataSource: DataSource) {}

  /** Runs `fn` in a transaction confined to `tenantId`; joins the open one when called inside it. */
  transaction<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
    const open = this.scope.getStore();
    if (open) {
      if (open.tenantId !== tenantId) throw new Error('A transaction cannot switch tenants.');
      return fn();
    }
    return this.run(tenantId, fn);
  }

  /**
   * A transaction that is not confined to one tenant (it runs as the connecting role). Only for the few
   * things that precede a tenant: finding a user by email at sign-in, provisioning a tenant, migrations.
   */
  systemTransaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.scope.getStore()) throw new Error('A system transaction cannot run inside another transaction.');
    return this.run(null, fn);
  }

  /** The current transaction's entity manager; throws when called outside a transaction. */
  get manager(): EntityManager {
    const open = this.scope.getStore();
    if (!open) throw new Error('No open transaction: wrap the call in TenantDatabase.transaction().');
    return open.manager;
  }

  /** The tenant of the open transaction. */
  get tenantId(): string {
    const tenantId = this.scope.getStore()?.tenantId;
    if (!tenantId) throw new Error('No tenant transaction is open.');
    return tenantId;
  }

  /**
   * Runs SQL in the open transaction and returns its rows, for every kind of statement (TypeORM's plain
   * `query` answers UPDATE … RETURNING with `[rows, count]` instead).
   */
  async query<T extends ObjectLiteral = ObjectLiteral>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    const runner = this.manager.queryRunner;
    if (!runner) throw new Error('No open transaction: wrap the call in TenantDatabase.transaction().');
    return (await runner.query(sql, parameters, true)).records as T[];
  }

  /**
   * BEGIN and the tenant settings go in one round trip (a simple-protocol query of two statements, so the
   * tenant id is written into the text: it must be a UUID). Our repositories never ask TypeORM for its own
   * transactions (no `save`), so TypeORM need not know that one is open.
   */
  private async run<T>(tenantId: string | null, fn: () => Promise<T>): Promise<T> {
    if (tenantId !== null && !UUID.test(tenantId)) throw new Error('A tenant id must be a UUID.');
    let runner: QueryRunner | undefined;
    let open = false;
    try {
      runner = this.dataSource.createQueryRunner();
      await runner.connect();
      await runner.query(
        tenantId === null ? 'BEGIN' : `BEGIN; SELECT set_config('role', '${APP_ROLE}', true), set_config('${TENANT_SETTING}', '${tenantId}', true)`,
      );
      open = true;
      const result = await this.scope.run({ tenantId, manager: runner.manager }, fn);
      await runner.query('COMMIT');
      open = false;
      return result;
    } catch (error) {
      if (open) await runner?.query('ROLLBACK').catch(() => undefined);
      throw fromDatabaseError(error) ?? error;
    } finally {
      await runner?.release().catch(() => undefined);
    }
  }
}
