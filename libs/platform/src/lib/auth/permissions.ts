import { Role } from './role';

/** Who may call an operation: anyone (sign-in), or signed-in users of the listed roles. */
export type Permission = 'PUBLIC' | readonly Role[];

/**
 * The role matrix: one entry per root field, keyed `Query.name` / `Mutation.name`.
 * Each library exports its part; the API merges them into one table that both the global guard and the
 * authorization tests read. An operation without an entry is refused (and fails the tests).
 */
export type PermissionTable = Readonly<Record<string, Permission>>;

export const PERMISSIONS = Symbol('PERMISSIONS');

export function mergePermissionTables(...tables: PermissionTable[]): PermissionTable {
  const merged: Record<string, Permission> = {};
  for (const table of tables) {
    for (const [operation, permission] of Object.entries(table)) {
      if (operation in merged) throw new Error(`Operation ${operation} has two permission entries.`);
      merged[operation] = permission;
    }
  }
  return merged;
}
