import { Channel } from '@deskforce/platform';
import { KpiGroupBy, KpiMetric, KpiPeriodUnit } from '@deskforce/performance';
import { ShiftStatus } from '@deskforce/scheduling';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDate,
  IsEnum,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
} from 'class-validator';

/**
 * The query strings of the CSV exports: the arguments of the matching GraphQL queries, flattened (the
 * filter's fields at the top), lists given comma-separated or repeated (`metrics=CSAT,NPS` or
 * `metrics=CSAT&metrics=NPS`). Validated by the global pipe like GraphQL input: unknown parameters refused.
 */

/** `a,b` or `?x=a&x=b` → ['a', 'b']. */
const list = () =>
  Transform(({ value }: { value: unknown }) =>
    value === undefined || value === null
      ? value
      : (Array.isArray(value) ? value : [value])
          .flatMap((v) => String(v).split(','))
          .map((v) => v.trim())
          .filter((v) => v !== ''),
  );

export class ExportWindowQuery {
  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  from!: Date;

  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  to!: Date;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  timeZone: string = 'UTC';

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  serviceLevelTargetSeconds: number = 20;
}

export class ExportFilterQuery extends ExportWindowQuery {
  @IsOptional()
  @list()
  @IsArray()
  @ArrayMaxSize(500)
  @IsUUID('all', { each: true })
  teamIds?: string[];

  @IsOptional()
  @list()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  agentIds?: string[];

  @IsOptional()
  @list()
  @IsArray()
  @IsEnum(Channel, { each: true })
  channels?: Channel[];

  @IsOptional()
  @list()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  categories?: string[];
}

export class ExportKpisQuery extends ExportFilterQuery {
  @list()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsEnum(KpiMetric, { each: true })
  metrics!: KpiMetric[];

  @IsOptional()
  @list()
  @IsArray()
  @ArrayUnique()
  @IsEnum(KpiGroupBy, { each: true })
  groupBy: KpiGroupBy[] = [];
}

export class ExportKpiTrendQuery extends ExportFilterQuery {
  @IsEnum(KpiMetric)
  metric!: KpiMetric;

  @IsOptional()
  @IsEnum(KpiPeriodUnit)
  granularity: KpiPeriodUnit = KpiPeriodUnit.WEEK;
}

export class ExportScorecardsQuery extends ExportWindowQuery {
  @IsUUID()
  teamId!: string;
}

export class ExportCoverageQuery {
  @IsUUID()
  teamId!: string;

  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  from!: Date;

  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  to!: Date;

  @IsOptional()
  @Type(() => Number)
  @IsIn([15, 30, 60], { message: 'must be 15, 30 or 60' })
  intervalMinutes: number = 15;

  @IsOptional()
  @IsEnum(Channel)
  channel?: Channel;

  @IsOptional()
  @list()
  @IsArray()
  @ArrayMaxSize(2)
  @IsIn([ShiftStatus.DRAFT, ShiftStatus.PUBLISHED], { each: true, message: 'each status must be DRAFT or PUBLISHED' })
  statuses?: ShiftStatus[];
}

export class ExportShiftsQuery {
  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  from!: Date;

  @Type(() => Date)
  @IsDate({ message: 'must be an ISO 8601 date-time' })
  to!: Date;

  @IsOptional()
  @IsUUID()
  teamId?: string;

  @IsOptional()
  @list()
  @IsArray()
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  agentIds?: string[];

  @IsOptional()
  @IsEnum(ShiftStatus)
  status?: ShiftStatus;
}
