import 'reflect-metadata';
import { TenantProvisioningService } from '@deskforce/identity';
import { Role } from '@deskforce/platform';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { createApp, prepare } from '../bootstrap';
import { readSecret } from './read-secret';

const USAGE = `Usage: npm run org:create -- --name "Acme Support" --admin-email admin@acme.example [--slug acme-support] [--admin-name "Ada Admin"]
  Creates an organisation and its first ADMIN. The password is asked for twice when run in a terminal
  (leave it empty to have one generated); otherwise one is generated. A generated password is printed once.`;

/** A slug from a name: lower-case ASCII letters, digits and dashes (what the tenants table accepts). */
export function slugFrom(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63);
  return slug.length >= 2 ? slug : `org-${randomBytes(3).toString('hex')}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      'admin-email': { type: 'string' },
      slug: { type: 'string' },
      'admin-name': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.name?.trim() || !values['admin-email']?.includes('@')) throw new Error(USAGE);
  const name = values.name.trim();
  const slug = values.slug ?? slugFrom(name);
  if (!/^[a-z0-9][a-z0-9-]{1,62}$/.test(slug))
    throw new Error(`The slug "${slug}" must be 2–63 lower-case letters, digits or dashes.`);

  let password = process.stdin.isTTY ? await readSecret('Password for the first admin (empty: generate one): ') : '';
  if (password && password !== (await readSecret('Repeat it: '))) throw new Error('The two passwords differ.');
  if (password && password.length < 12) throw new Error('The password must be at least 12 characters.');
  const generated = !password;
  if (generated) password = randomBytes(18).toString('base64url');

  const { config, database } = await prepare({ LOG_LEVEL: 'warn', ...process.env, SEED_DEMO: 'false' });
  const app = await createApp(config);
  await app.init();
  try {
    const provisioning = app.get(TenantProvisioningService);
    if (await provisioning.findBySlug(slug))
      throw new Error(`An organisation with the slug "${slug}" exists already (choose another with --slug).`);
    const created = await provisioning.create({
      name,
      slug,
      users: [
        {
          email: values['admin-email'].trim().toLowerCase(),
          password,
          role: Role.ADMIN,
          displayName: values['admin-name'],
        },
      ],
    });
    const lines = [
      `Created "${name}" (slug ${slug}, id ${created.tenantId}).`,
      `  Sign in as ${created.users[0]!.email}`,
    ];
    if (generated) lines.push(`  with this password, shown only now: ${password}`);
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    await app.close();
    await database.embedded?.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
