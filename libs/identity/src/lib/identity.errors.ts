import { registerConstraintMessages } from '@deskforce/platform';

registerConstraintMessages({
  users_email_key: { field: 'input.email', message: 'A user with this email already exists in this organisation.' },
  tenants_slug_key: { field: 'slug', message: 'An organisation with this slug already exists.' },
});
