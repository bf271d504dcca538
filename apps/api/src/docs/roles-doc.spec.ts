import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES_DOC, withRolesTable } from './roles-doc';

describe('the roles page', () => {
  it('shows the permission tables as they are (run `npm run docs:roles` after changing them)', () => {
    const page = readFileSync(join(__dirname, '../../../..', ROLES_DOC), 'utf8');
    expect(withRolesTable(page)).toBe(page);
  });
});
