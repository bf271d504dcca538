import { Module } from '@nestjs/common';
import './identity.errors';
import { AuthService } from './auth.service';
import { PasswordHasher } from './password-hasher';
import { TenantProvisioningService } from './tenant-provisioning.service';
import { TenantRepository, UserRepository } from './user.repository';
import { UserResolver } from './user.resolver';
import { UserService } from './user.service';

@Module({
  providers: [AuthService, PasswordHasher, TenantProvisioningService, TenantRepository, UserRepository, UserResolver, UserService],
  exports: [TenantProvisioningService, UserService],
})
export class IdentityModule {}
