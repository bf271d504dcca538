import { DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AuditLog } from './audit/audit-log';
import { TokenService } from './auth/token.service';
import { ComputePool } from './compute/compute-pool';
import { JobQueue } from './jobs/job-queue';
import { AppConfig, APP_CONFIG } from './config/app-config';
import { TenantDatabase } from './database/tenant-database';
import { EventOutbox } from './events/event-outbox';

/**
 * Plumbing every domain uses: the configuration, the tenant-confined database door and token handling.
 * The API module adds the DataSource (TypeOrmModule) and the permission table.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig & { jwtSecret: string }): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      // A KeyObject made once: given a string, jsonwebtoken first tries (and fails) to parse it as a public
      // key on every verify, which costs more than the HMAC itself.
      imports: [
        JwtModule.register({
          secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
          signOptions: { algorithm: 'HS256' },
        }),
      ],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        AuditLog,
        ComputePool,
        EventOutbox,
        JobQueue,
        TenantDatabase,
        TokenService,
      ],
      exports: [APP_CONFIG, AuditLog, ComputePool, EventOutbox, JobQueue, TenantDatabase, TokenService],
    };
  }
}
