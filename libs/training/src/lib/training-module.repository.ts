import { queryPage, SqlFilter, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { TrainingModuleFilter, TrainingModuleModel } from './graphql/training-module.model';
import { TrainingCategory } from './training.enums';

const COLUMNS = `id, title, description, category, content_url AS "contentUrl", content_markdown AS "contentMarkdown",
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

@Injectable()
export class TrainingModuleRepository {
  constructor(private readonly db: TenantDatabase) {}

  async insert(row: NewTrainingModule): Promise<TrainingModuleModel> {
    const [created] = await this.db.query<TrainingModuleModel>(
      `INSERT INTO training_modules (tenant_id, id, title, description, category, content_url, content_markdown, estimated_minutes, passing_score)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [this.db.tenantId, row.id, row.title, row.description, row.category, row.contentUrl, row.contentMarkdown, row.estimatedMinutes, row.passingScore],
    );
    return created!;
  }

  findByIds(ids: readonly string[]): Promise<TrainingModuleModel[]> {
    return this.db.query<TrainingModuleModel>(`SELECT ${COLUMNS} FROM training_modules WHERE id = ANY($1::uuid[])`, [ids]);
  }

  /**
   * `lock`: UPDATE for a change to the module; SHARE to read a version that must stay current until the
   * transaction ends (completions of many agents may hold it at once; a new version waits for them).
   */
  async findById(id: string, lock?: 'UPDATE' | 'SHARE'): Promise<TrainingModuleModel | undefined> {
    const [row] = await this.db.query<TrainingModuleModel>(`SELECT ${COLUMNS} FROM training_modules WHERE id = $1${lock ? ` FOR ${lock}` : ''}`, [id]);
    return row;
  }

  /** Applies the given changes (undefined = keep) and, when asked, raises the version by one. */
  async update(id: string, changes: TrainingModuleChanges, newVersion: boolean): Promise<TrainingModuleModel> {
    const columns: Record<keyof TrainingModuleChanges, string> = {
      title: 'title',
      description: 'description',
      contentUrl: 'content_url',
      contentMarkdown: 'content_markdown',
      estimatedMinutes: 'estimated_minutes',
      passingScore: 'passing_score',
    };
    const params: unknown[] = [id];
    const sets = ['updated_at = now()'];
    for (const [key, column] of Object.entries(columns) as [keyof TrainingModuleChanges, string][]) {
      if (changes[key] === undefined) continue;
      params.push(changes[key]);
      sets.push(`${column} = $${params.length}`);
    }
    if (newVersion) sets.push('version = version + 1');
    const [row] = await this.db.query<TrainingModuleModel>(`UPDATE training_modules SET ${sets.join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`, params);
    return row!;
  }

  /** Ordered by title (unique per tenant). */
  page(filter: TrainingModuleFilter, first: number, after?: string) {
    const search = filter.search ? `%${filter.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
    return queryPage<TrainingModuleModel>(this.db, {
      columns: COLUMNS,
      from: 'training_modules',
      filter: new SqlFilter().addIf(filter.categories, 'category = ANY(?::text[])').addIf(search, 'title ILIKE ?'),
      keys: [{ expression: 'title', type: 'text' }],
      first,
      after,
    });
  }
}
