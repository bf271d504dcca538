import { AppConfig, APP_CONFIG } from '@deskforce/platform';
import { Module } from '@nestjs/common';
import './identity.errors';
import { ApiTokenRepository } from './api-tokens/api-token.repository';
import { ApiTokenResolver } from './api-tokens/api-token.resolver';
import { ApiTokenService } from './api-tokens/api-token.service';
import { AuditActorResolver } from './audit-actor.resolver';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { CredentialCache } from './sessions/credential-cache';
import { CredentialService } from './sessions/credential.service';
import { LoginThrottle } from './sessions/login-throttle';
import { SessionRepository } from './sessions/session.repository';
import { SessionService } from './sessions/session.service';
import { SessionResolver } from './session.resolver';
import { TenantProvisioningService } from './tenant-provisioning.service';
import { TenantRepository, UserRepository } from './user.repository';
import { UserResolver } from './user.resolver';
import { UserService } from './user.service';

@Module({
  providers: [
    ApiTokenRepository,
    ApiTokenResolver,
    ApiTokenService,
    AuditActorResolver,
    AuthService,
    {
      provide: CredentialCache,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new CredentialCache(config.sessionCheckCacheSeconds * 1000),
    },
    CredentialService,
    LoginThrottle,
    PasswordHasher,
    SessionRepository,
    SessionResolver,
    SessionService,
    TenantProvisioningService,
    TenantRepository,
    UserRepository,
    UserResolver,
    UserService,
  ],
  exports: [CredentialService, SessionService, TenantProvisioningService, UserService],
})
export class IdentityModule {}
