import { Role, TenantDatabase } from '@deskforce/platform';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PasswordHasher } from './password-hasher';
import { TenantRepository, UserRepository } from './user.repository';

export interface NewTenant {
  name: string;
  slug: string;
  users: { email: string; password: string; role: Role; displayName?: string }[];
}

export interface ProvisionedTenant {
  tenantId: string;
  users: { id: string; email: string; role: Role }[];
}

/**
 * Creates an organisation and its first users. There is no public sign-up operation: tenants are created
 * by `npm run org:create`, the demo seed and tests.
 */
@Injectable()
export class TenantProvisioningService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly tenants: TenantRepository,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async findBySlug(slug: string): Promise<string | undefined> {
    return this.db.systemTransaction(async () => (await this.tenants.findBySlug(slug))?.id);
  }

  async create(tenant: NewTenant): Promise<ProvisionedTenant> {
    const tenantId = randomUUID();
    const hashes = new Map<string, string>();
    for (const password of new Set(tenant.users.map((u) => u.password)))
      hashes.set(password, await this.hasher.hash(password));
    const now = new Date();
    return this.db.systemTransaction(async () => {
      await this.tenants.insert({ id: tenantId, name: tenant.name, slug: tenant.slug });
      const users = [];
      for (const u of tenant.users) {
        const id = randomUUID();
        const email = u.email.toLowerCase();
        await this.users.insert({
          tenantId,
          id,
          email,
          passwordHash: hashes.get(u.password)!,
          role: u.role,
          displayName: u.displayName ?? null,
          now,
        });
        users.push({ id, email, role: u.role });
      }
      return { tenantId, users };
    });
  }
}
