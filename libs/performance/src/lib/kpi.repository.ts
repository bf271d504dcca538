import { TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { SqlStatement } from './kpi/kpi-sql';

/** Runs the statements built in kpi/kpi-sql.ts and ingest/ingest-sql.ts in the open tenant transaction. */
@Injectable()
export class PerformanceRepository {
  constructor(private readonly db: TenantDatabase) {}

  run<T extends object>(statement: SqlStatement): Promise<T[]> {
    return this.db.query<T>(statement.text, statement.values);
  }
}
