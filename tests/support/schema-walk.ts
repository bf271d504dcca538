import { randomUUID } from 'node:crypto';

/** The parts of an introspection result the generic tests walk. */
export interface TypeRef {
  kind: string;
  name: string | null;
  ofType: TypeRef | null;
}
export interface InputValue {
  name: string;
  type: TypeRef;
  defaultValue: string | null;
}
export interface Field {
  name: string;
  args: InputValue[];
  type: TypeRef;
}
export interface FullType {
  kind: string;
  name: string;
  fields: Field[] | null;
  inputFields: InputValue[] | null;
  enumValues: { name: string }[] | null;
}
export interface IntrospectedSchema {
  queryType: { name: string };
  mutationType: { name: string } | null;
  types: FullType[];
}

export const INTROSPECTION_QUERY = `{
  __schema {
    queryType { name } mutationType { name }
    types {
      kind name
      fields { name args { name defaultValue type { ...T } } type { ...T } }
      inputFields { name defaultValue type { ...T } }
      enumValues { name }
    }
  }
}
fragment T on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }`;

export function typeString(ref: TypeRef): string {
  if (ref.kind === 'NON_NULL') return `${typeString(ref.ofType!)}!`;
  if (ref.kind === 'LIST') return `[${typeString(ref.ofType!)}]`;
  return ref.name!;
}

function named(ref: TypeRef): TypeRef {
  return ref.ofType ? named(ref.ofType) : ref;
}

export interface Operation {
  /** `Query.agents` or `Mutation.createAgent`, as in the permission table. */
  key: string;
  kind: 'query' | 'mutation';
  field: Field;
}

/** Operations after which the caller's token no longer works. */
export const SESSION_ENDING = ['Mutation.signOut', 'Mutation.signOutEverywhere'];

export class SchemaWalker {
  private readonly types: Map<string, FullType>;

  constructor(private readonly schema: IntrospectedSchema) {
    this.types = new Map(schema.types.map((t) => [t.name, t]));
  }

  /** Every root field; those that end the caller's session (sign-out) come last, so a walk with one token reaches the rest. */
  operations(): Operation[] {
    const list = (typeName: string | undefined, kind: 'query' | 'mutation') =>
      (typeName ? (this.types.get(typeName)?.fields ?? []) : []).map((field) => ({
        key: `${typeName}.${field.name}`,
        kind,
        field,
      }));
    const all = [...list(this.schema.queryType.name, 'query'), ...list(this.schema.mutationType?.name, 'mutation')];
    const endsSession = (o: Operation) => SESSION_ENDING.includes(o.key);
    return [...all.filter((o) => !endsSession(o)), ...all.filter(endsSession)];
  }

  /**
   * A syntactically valid request for the operation: every required argument filled with a plausible value
   * (`override` can supply a value by argument or input-field name), selecting only `__typename`.
   */
  request(
    operation: Operation,
    override: (name: string, type: TypeRef) => unknown = () => undefined,
    options: { optionalIds?: boolean; optionalFields?: boolean } = {},
  ): { query: string; variables: Record<string, unknown> } {
    const wanted = (a: InputValue) =>
      options.optionalFields === true ||
      (a.type.kind === 'NON_NULL' && a.defaultValue === null) ||
      (options.optionalIds === true && this.carriesIds(a.type));
    const required = operation.field.args.filter(wanted);
    const declarations = required.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ');
    const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
    const target = this.types.get(named(operation.field.type).name!);
    const selection =
      target && (target.kind === 'OBJECT' || target.kind === 'INTERFACE' || target.kind === 'UNION')
        ? ' { __typename }'
        : '';
    const query = `${operation.kind}${declarations ? `(${declarations})` : ''} { ${operation.field.name}${args ? `(${args})` : ''}${selection} }`;
    const variables = Object.fromEntries(required.map((a) => [a.name, this.value(a.name, a.type, override, wanted)]));
    return { query, variables };
  }

  /** The names of the fields of the object an operation returns (empty for scalars and lists of scalars). */
  returnFields(operation: Operation): string[] {
    return (this.types.get(named(operation.field.type).name!)?.fields ?? []).map((f) => f.name);
  }

  /** Whether a value of this type contains an ID somewhere (directly, in a list, or in an input's fields). */
  carriesIds(ref: TypeRef, seen = new Set<string>()): boolean {
    const type = named(ref);
    if (type.name === 'ID') return true;
    const full = this.types.get(type.name!);
    if (full?.kind !== 'INPUT_OBJECT' || seen.has(full.name)) return false;
    seen.add(full.name);
    return full.inputFields!.some((f) => this.carriesIds(f.type, seen));
  }

  private value(
    name: string,
    ref: TypeRef,
    override: (name: string, type: TypeRef) => unknown,
    wanted: (field: InputValue) => boolean,
  ): unknown {
    const chosen = override(name, ref);
    if (chosen !== undefined) return chosen;
    if (ref.kind === 'NON_NULL') return this.value(name, ref.ofType!, override, wanted);
    if (ref.kind === 'LIST') return [this.value(name, ref.ofType!, override, wanted)];
    const type = this.types.get(ref.name!)!;
    switch (type.kind) {
      case 'ENUM':
        return ENUM_SAMPLES[type.name] ?? type.enumValues![0]!.name;
      case 'INPUT_OBJECT':
        return Object.fromEntries(
          type.inputFields!.filter(wanted).map((f) => [f.name, this.value(f.name, f.type, override, wanted)]),
        );
      default:
        return sample(type.name, name);
    }
  }
}

/** Ends of ranges (`to`, `endsAt`, `dueBefore`…) come after their starts, so that ranges are valid. */
const END_FIELD = /^(to|until|end|ends|before|due)/i;

/**
 * Enum values where the first one (in schema order) would stop a request at validation: Channel's first is
 * API, deferred work, which staffing sizes only with a response deadline; PHONE needs none.
 */
const ENUM_SAMPLES: Record<string, string> = { Channel: 'PHONE' };

/** Plausible values by field name, so that generated requests get past validation to the lookups. */
const STRING_SAMPLES: [RegExp, string][] = [
  [/email/i, 'someone@example.test'],
  [/timeZone/i, 'Europe/Warsaw'],
  [/startTime/i, '09:00'],
  [/skill/i, 'billing'],
  [/slug/i, 'sample-org'],
  [/password/i, 'a long enough password'],
  [/externalRef/i, 'zendesk:user:360012'],
];
const INT_SAMPLES: [RegExp, number][] = [
  [/minutes/i, 60],
  [/seconds/i, 900],
  [/hours/i, 8],
  [/days/i, 7],
  [/proficiency/i, 3],
  [/version/i, 1],
];

const FLOAT_SAMPLES: [RegExp, number][] = [
  [/shrinkage/i, 0.3],
  [/occupancy/i, 0.85],
  [/serviceLevelTarget/i, 0.8],
  [/factor/i, 1],
];

function sample(scalar: string, field: string): unknown {
  const end = END_FIELD.test(field);
  switch (scalar) {
    case 'String':
      return STRING_SAMPLES.find(([pattern]) => pattern.test(field))?.[1] ?? 'sample';
    case 'Int':
      return INT_SAMPLES.find(([pattern]) => pattern.test(field))?.[1] ?? 1;
    case 'Float':
      return FLOAT_SAMPLES.find(([pattern]) => pattern.test(field))?.[1] ?? 1;
    case 'DateTime':
      return end ? '2026-01-05T17:00:00Z' : '2026-01-05T09:00:00Z';
    case 'LocalDate':
      return end ? '2026-01-09' : '2026-01-05';
    default:
      return SCALAR_SAMPLES[scalar]?.() ?? 'x';
  }
}

const SCALAR_SAMPLES: Record<string, () => unknown> = {
  ID: () => randomUUID(),
  String: () => 'sample',
  Int: () => 1,
  Float: () => 1,
  Boolean: () => true,
};
