import { CredentialService, IdentityModule } from '@deskforce/identity';
import { IntegrationsModule } from '@deskforce/integrations';
import { PeopleModule } from '@deskforce/people';
import { SchedulingModule } from '@deskforce/scheduling';
import { PerformanceModule } from '@deskforce/performance';
import { StaffingModule } from '@deskforce/staffing';
import { TrainingModule } from '@deskforce/training';
import {
  AppConfig,
  AppExceptionFilter,
  AuthGuard,
  CredentialVerifier,
  dataSourceOptions,
  InputValidationPipe,
  PERMISSIONS,
  PlatformModule,
  REDACTED_LOG_PATHS,
  serializeError,
  serializeRequest,
  serializeResponse,
} from '@deskforce/platform';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { migrations } from './database/schema';
import { graphqlOptions } from './graphql/graphql.options';
import { LeanApolloDriver } from './graphql/lean-apollo.driver';
import { HealthController } from './health/health.controller';
import { permissions } from './permissions';
import { InteractionHistoryAdapter } from './wiring/interaction-history.adapter';
import { KpiAgentMetrics } from './wiring/kpi-agent-metrics';
import { PublishedShiftWork } from './wiring/published-shift-work';

export type ResolvedConfig = AppConfig & { databaseUrl: string; jwtSecret: string };

@Module({})
export class AppModule {
  /** The whole API for a resolved configuration (database URL and secret known). */
  static forRoot(config: ResolvedConfig): DynamicModule {
    const errorLogger = new Logger('GraphQL');
    const requestLogs = ['trace', 'debug', 'info'].includes(config.logLevel);
    // One instance, imported by the app and by staffing (Nest shares a dynamic module given as the same object).
    const performance = PerformanceModule.forRoot({
      scheduledWorkSource: PublishedShiftWork,
      imports: [SchedulingModule],
    });
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          // Above info, requests are not logged: then no per-request child logger is built at all (pino-http
          // makes one for every request otherwise, about 0.1 ms of the cheapest request's time).
          ...(requestLogs ? {} : { forRoutes: [] }),
          pinoHttp: {
            level: config.logLevel,
            // One line per request at info level; above it, skip the work of building those lines at all.
            // Health probes every few seconds would drown the log.
            autoLogging: requestLogs ? { ignore: (req) => req.url === '/health' } : false,
            // Requests by id, method and path; errors without statements or parameters (see log-serializers).
            serializers: { req: serializeRequest, res: serializeResponse, err: serializeError },
            redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
          },
        }),
        PlatformModule.forRoot(config),
        TypeOrmModule.forRoot({
          ...dataSourceOptions({
            url: config.databaseUrl,
            poolSize: config.dbPoolSize,
            statementTimeoutMs: config.dbStatementTimeoutMs,
            connectTimeoutMs: config.dbConnectTimeoutMs,
            migrations,
          }),
          // Migrations run before the app starts (see main.ts); never here, and never synchronize.
          migrationsRun: false,
          retryAttempts: 3,
          retryDelay: 1000,
        }),
        GraphQLModule.forRoot<ApolloDriverConfig>({
          driver: LeanApolloDriver,
          ...graphqlOptions(config, { error: (object, message) => errorLogger.error({ ...object, msg: message }) }),
        }),
        TerminusModule,
        IdentityModule,
        PeopleModule,
        SchedulingModule,
        // The libraries meet here: adherence reads published shifts, staffing forecasts from interactions,
        // training reads agents' KPIs.
        performance,
        StaffingModule.withInteractionHistory({ imports: [performance], useClass: InteractionHistoryAdapter }),
        TrainingModule.forRoot({ agentMetricsSource: KpiAgentMetrics, imports: [performance] }),
        // Help-desk data in (mappings, vendor imports, hooks) and out (webhooks, the CSV exports).
        IntegrationsModule.forRoot({ imports: [performance] }),
      ],
      controllers: [HealthController],
      providers: [
        { provide: PERMISSIONS, useValue: permissions },
        // The platform's guard asks the identity library who a credential stands for.
        { provide: CredentialVerifier, useExisting: CredentialService },
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_PIPE, useClass: InputValidationPipe },
        { provide: APP_FILTER, useClass: AppExceptionFilter },
      ],
    };
  }
}
