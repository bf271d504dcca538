import { GenerateSql, Sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';

/**
 * Runs the statements built in kpi/kpi-sql.ts and ingest/ingest-sql.ts (tagged templates that name their
 * tenant as a parameter) in the open tenant transaction, answering typed rows.
 */
@Injectable()
export class PerformanceRepository {
  constructor(private readonly db: TenantDatabase) {}

  /** The tenant of the open transaction, for the statement builders. */
  get tenantId(): string {
    return this.db.tenantId;
  }

  @GenerateSql({
    skip: 'runs the statements that kpi/kpi-sql.ts and ingest/ingest-sql.ts compose at run time from the KPI and ingest definitions; their SQL is not recorded here',
  })
  many<T extends object>(statement: Sql): Promise<T[]> {
    return this.db.many<T>(statement);
  }
}
