import { and, GenerateSql, join, keysetPage, SAMPLE, sql, Sql, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { TrainingCategory } from './training.enums';

/** A training module as stored. */
export interface TrainingModuleRow {
  id: string;
  title: string;
  description: string;
  category: TrainingCategory;
  contentUrl: string | null;
  contentMarkdown: string | null;
  estimatedMinutes: number;
  passingScore: number | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS = sql`id, title, description, category, content_url AS "contentUrl", content_markdown AS "contentMarkdown",
  estimated_minutes AS "estimatedMinutes", passing_score::float8 AS "passingScore", version, created_at AS "createdAt", updated_at AS "updatedAt"`;

export interface NewTrainingModule {
  id: string;
  title: string;
  description: string;
  category: TrainingCategory;
  contentUrl: string | null;
  contentMarkdown: string | null;
  estimatedMinutes: number;
  passingScore: number | null;
}

export type TrainingModuleChanges = Partial<Omit<NewTrainingModule, 'id' | 'category'>>;

/** The column of each changeable field. */
const CHANGE_COLUMNS: Record<keyof TrainingModuleChanges, Sql> = {
  title: sql`title`,
  description: sql`description`,
  contentUrl: sql`content_url`,
  contentMarkdown: sql`content_markdown`,
  estimatedMinutes: sql`estimated_minutes`,
  passingScore: sql`passing_score`,
};

@Injectable()
export class TrainingModuleRepository {
  constructor(private readonly db: TenantDatabase) {}

  @GenerateSql({
    params: [
      {
        id: SAMPLE.UUID,
        title: SAMPLE.TEXT,
        description: SAMPLE.TEXT,
        category: 'POLICY',
        contentUrl: null,
        contentMarkdown: '# Policy',
        estimatedMinutes: 30,
        passingScore: 80,
      },
    ],
  })
  async insert(row: NewTrainingModule): Promise<TrainingModuleRow> {
    const created = await this.db.maybeOne<TrainingModuleRow>(
      sql`INSERT INTO training_modules (tenant_id, id, title, description, category, content_url, content_markdown, estimated_minutes, passing_score)
          VALUES (${this.db.tenantId}, ${row.id}, ${row.title}, ${row.description}, ${row.category}, ${row.contentUrl}, ${row.contentMarkdown},
                  ${row.estimatedMinutes}, ${row.passingScore})
          RETURNING ${COLUMNS}`,
    );
    return created!;
  }

  @GenerateSql({ params: [[SAMPLE.UUID, SAMPLE.UUID2]] })
  findByIds(ids: readonly string[]): Promise<TrainingModuleRow[]> {
    return this.db.many<TrainingModuleRow>(
      sql`SELECT ${COLUMNS} FROM training_modules WHERE tenant_id = ${this.db.tenantId} AND id = ANY(${ids}::uuid[])`,
    );
  }

  /**
   * `lock`: UPDATE for a change to the module; SHARE to read a version that must stay current until the
   * transaction ends (completions of many agents may hold it at once; a new version waits for them).
   */
  @GenerateSql(
    { params: [SAMPLE.UUID] },
    { name: 'for update', params: [SAMPLE.UUID, 'UPDATE'] },
    { name: 'for share', params: [SAMPLE.UUID, 'SHARE'] },
  )
  findById(id: string, lock?: 'UPDATE' | 'SHARE'): Promise<TrainingModuleRow | undefined> {
    const locking = lock === 'UPDATE' ? sql`FOR UPDATE` : lock === 'SHARE' ? sql`FOR SHARE` : sql``;
    return this.db.maybeOne<TrainingModuleRow>(
      sql`SELECT ${COLUMNS} FROM training_modules WHERE tenant_id = ${this.db.tenantId} AND id = ${id} ${locking}`,
    );
  }

  /** Applies the given changes (undefined = keep) and, when asked, raises the version by one. */
  @GenerateSql(
    {
      name: 'every field, new version',
      params: [
        SAMPLE.UUID,
        {
          title: SAMPLE.TEXT,
          description: SAMPLE.TEXT,
          contentUrl: 'https://example.com/guide',
          contentMarkdown: null,
          estimatedMinutes: 45,
          passingScore: 70,
        },
        true,
      ],
    },
    { name: 'title only', params: [SAMPLE.UUID, { title: SAMPLE.TEXT }, false] },
  )
  async update(id: string, changes: TrainingModuleChanges, newVersion: boolean): Promise<TrainingModuleRow> {
    const sets: Sql[] = [sql`updated_at = now()`];
    for (const [key, column] of Object.entries(CHANGE_COLUMNS) as [keyof TrainingModuleChanges, Sql][]) {
      if (changes[key] !== undefined) sets.push(sql`${column} = ${changes[key]}`);
    }
    if (newVersion) sets.push(sql`version = version + 1`);
    const row = await this.db.maybeOne<TrainingModuleRow>(
      sql`UPDATE training_modules SET ${join(sets)} WHERE tenant_id = ${this.db.tenantId} AND id = ${id} RETURNING ${COLUMNS}`,
    );
    return row!;
  }

  /** Ordered by title (unique per tenant). */
  @GenerateSql(
    { name: 'first page, no filter', params: [{}, SAMPLE.FIRST] },
    {
      name: 'later page, every filter',
      params: [{ categories: ['POLICY', 'TOOLS'], search: '100%' }, SAMPLE.FIRST, SAMPLE.cursor('Billing basics')],
    },
  )
  page(
    filter: { categories?: readonly TrainingCategory[]; search?: string },
    first: number,
    after?: string,
  ): Promise<{ rows: TrainingModuleRow[]; totalCount: number }> {
    const search = filter.search ? `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    return keysetPage<TrainingModuleRow>(this.db, {
      columns: COLUMNS,
      from: sql`training_modules`,
      where: sql`tenant_id = ${this.db.tenantId} ${and(
        filter.categories && sql`category = ANY(${filter.categories}::text[])`,
        search !== undefined && sql`title ILIKE ${search}`,
      )}`,
      keys: [{ column: 'title', type: 'text' }],
      first,
      after,
    });
  }
}
