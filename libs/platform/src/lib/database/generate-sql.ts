import { encodeCursor } from '../pagination/connection';

/**
 * `@GenerateSql(...)` on a repository method gives the sample calls from which `npm run sql:generate` writes
 * the statements the method sends into a checked-in file (`libs/<lib>/src/lib/queries/<file>.sql`), so a
 * reviewer sees a query change in the diff (as immich does). It only records metadata when the class is
 * defined: the method itself is not wrapped and costs nothing more per call.
 */

/** One sample call of a method. */
export interface SqlSample {
  /** Says what the sample shows when a method has several (`by team`, `second page`). */
  name?: string;
  /** The arguments of the call. */
  params?: readonly unknown[];
  /**
   * The rows each statement of the call answers, in order, for a method whose later statements depend on
   * earlier results. Without them every statement answers no rows (a `count(*)` answers 0).
   */
  answers?: readonly (readonly object[])[];
}

/** A method left out of the generated file, with the reason (shown in the file). */
export interface SqlSkip {
  skip: string;
}

export type SqlSampleSpec = SqlSample | SqlSkip;

/** By class constructor. */
const registry = new Map<object, Map<string, readonly SqlSampleSpec[]>>();

/** Marks a repository method for the generated SQL files, with one or more sample calls (or a reason to skip). */
export function GenerateSql(...samples: SqlSampleSpec[]): MethodDecorator {
  return (target, propertyKey) => {
    const owner = target.constructor;
    let methods = registry.get(owner);
    if (!methods) registry.set(owner, (methods = new Map()));
    methods.set(String(propertyKey), samples.length ? samples : [{}]);
  };
}

/** The sample calls recorded on a class's methods, in declaration order (empty for an unmarked class). */
export function sqlSamplesOf(owner: object): ReadonlyMap<string, readonly SqlSampleSpec[]> {
  return registry.get(owner) ?? new Map();
}

/**
 * Fixed sample values, so the generated files change only when a statement does. The generator also fixes
 * the clock at SAMPLE.NOW and numbers `randomUUID()` in call order while it records.
 */
export const SAMPLE = {
  TENANT_ID: '00000000-0000-4000-a000-000000000000',
  UUID: '00000000-0000-4000-a000-000000000001',
  UUID2: '00000000-0000-4000-a000-000000000002',
  UUID3: '00000000-0000-4000-a000-000000000003',
  NOW: new Date('2026-01-05T08:00:00.000Z'),
  FROM: new Date('2026-01-05T00:00:00.000Z'),
  TO: new Date('2026-01-12T00:00:00.000Z'),
  DAY: '2026-01-05',
  EMAIL: 'agent@example.com',
  TEXT: 'sample',
  HASH: 'sample-hash',
  BYTES: Buffer.from('sample'),
  FIRST: 20,
  /** A cursor as lists return it (see encodeCursor), for a sample of a later page. */
  cursor: (...key: (string | number)[]): string => encodeCursor(key),
} as const;
