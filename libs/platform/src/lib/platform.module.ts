import { DynamicModule, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AuditLog } from './audit/audit-log';
import { AuditLogResolver } from './audit/audit-log.resolver';
import { TokenService } from './auth/token.service';
import { AppConfig, APP_CONFIG } from './config/app-config';
import { TenantDatabase } from './database/tenant-database';

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
      imports: [JwtModule.register({ secret: config.jwtSecret, signOptions: { algorithm: 'HS256' } })],
      providers: [{ provide: APP_CONFIG, useValue: config }, AuditLog, AuditLogResolver, TenantDatabase, TokenService],
      exports: [APP_CONFIG, AuditLog, TenantDatabase, TokenService],
    };
  }
}
