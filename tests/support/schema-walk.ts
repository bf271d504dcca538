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

export class SchemaWalker {
  private readonly types: Map<string, FullType>;

  constructor(private readonly schema: IntrospectedSchema) {
    this.types = new Map(schema.types.map((t) => [t.name, t]));
  }

  operations(): Operation[] {
    const list = (typeName: string | undefined, kind: 'query' | 'mutation') =>
      (typeName ? (this.types.get(typeName)?.fields ?? []) : []).map((field) => ({ key: `${typeName}.${field.name}`, kind, field }));
    return [...list(this.schema.queryType.name, 'query'), ...list(this.schema.mutationType?.name, 'mutation')];
  }

  /**
   * A syntactically valid request for the operation: every required argument filled with a plausible value
   * (`override` can supply a value by argument or input-field name), selecting only `__typename`.
   */
  request(operation: Operation, override: (name: string, type: TypeRef) => unknown = () => undefined): { query: string; variables: Record<string, unknown> } {
    const required = operation.field.args.filter((a) => a.type.kind === 'NON_NULL' && a.defaultValue === null);
    const declarations = required.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ');
    const args = required.map((a) => `${a.name}: $${a.name}`).join(', ');
    const target = this.types.get(named(operation.field.type).name!);
    const selection = target && (target.kind === 'OBJECT' || target.kind === 'INTERFACE' || target.kind === 'UNION') ? ' { __typename }' : '';
    const query = `${operation.kind}${declarations ? `(${declarations})` : ''} { ${operation.field.name}${args ? `(${args})` : ''}${selection} }`;
    const variables = Object.fromEntries(required.map((a) => [a.name, this.value(a.name, a.type, override)]));
    return { query, variables };
  }

  private value(name: string, ref: TypeRef, override: (name: string, type: TypeRef) => unknown): unknown {
    const chosen = override(name, ref);
    if (chosen !== undefined) return chosen;
    if (ref.kind === 'NON_NULL') return this.value(name, ref.ofType!, override);
    if (ref.kind === 'LIST') return [this.value(name, ref.ofType!, override)];
    const type = this.types.get(ref.name!)!;
    switch (type.kind) {
      case 'ENUM':
        return type.enumValues![0]!.name;
      case 'INPUT_OBJECT':
        return Object.fromEntries(
          type.inputFields!.filter((f) => f.type.kind === 'NON_NULL' && f.defaultValue === null).map((f) => [f.name, this.value(f.name, f.type, override)]),
        );
      default:
        return SCALAR_SAMPLES[type.name]?.() ?? 'x';
    }
  }
}

const SCALAR_SAMPLES: Record<string, () => unknown> = {
  ID: () => randomUUID(),
  String: () => 'sample',
  Int: () => 1,
  Float: () => 1,
  Boolean: () => true,
  DateTime: () => '2026-01-05T09:00:00Z',
  LocalDate: () => '2026-01-05',
};
