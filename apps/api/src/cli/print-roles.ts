import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { ROLES_DOC, withRolesTable } from '../docs/roles-doc';

/** `npm run docs:roles`: rewrites the generated table of docs/roles.md from the permission tables. */
writeFileSync(ROLES_DOC, withRolesTable(readFileSync(ROLES_DOC, 'utf8')));
process.stdout.write(`Wrote ${ROLES_DOC}\n`);
