import type { BaseContext, GraphQLRequestContextDidResolveOperation } from '@apollo/server';
import {
  DocumentNode,
  FieldNode,
  GraphQLError,
  GraphQLField,
  GraphQLObjectType,
  GraphQLSchema,
  isInputType,
  OperationDefinitionNode,
  TypeInfo,
  ValidationContext,
  typeFromAST,
  valueFromAST,
} from 'graphql';
import { ComplexityEstimator, createComplexityRule } from 'graphql-query-complexity';
import { LRUCache } from 'lru-cache';
import { AppError } from '../errors/app-error';
import { ErrorCode } from '../errors/error-codes';
import { MAX_PAGE_SIZE } from '../pagination/connection';

/**
 * Work units: about one microsecond of server work each (CPU or database). A field declares what it costs
 * with `complexity` in its decorator — a number or a function of its arguments — when that grows with its
 * input (intervals × contacts, days × groups × metrics…); a Relay connection multiplies its nodes' work by
 * `first`; any other field costs 1. The whole operation, aliases included, is summed before anything runs.
 */
export interface WorkEstimateArgs {
  /** The field's arguments as sent, before validation: estimates must survive any value. */
  args: Record<string, unknown>;
  /** The work of the fields selected below this one. */
  childComplexity: number;
}
export type WorkEstimate = (options: WorkEstimateArgs) => number;

/** A number from untrusted arguments: finite and within [min, max], else `fallback` (validation refuses it later). */
export function workNumber(value: unknown, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

/** The length of an untrusted list argument. */
export function workLength(value: unknown): number {
  return Array.isArray(value) ? value.length : 1;
}

const estimator: ComplexityEstimator = (options) => {
  const declared = (options.field as GraphQLField<unknown, unknown>).extensions?.['complexity'] as
    number | WorkEstimate | undefined;
  if (typeof declared === 'number') return declared + options.childComplexity;
  if (typeof declared === 'function') return Math.ceil(declared(options));
  const first = options.args['first'];
  if (first !== undefined) return 1 + options.childComplexity * workNumber(first, 50, 0, MAX_PAGE_SIZE);
  return 1 + options.childComplexity;
};

/** The part of graphql-query-complexity's visitor (its declared class) that `estimateWork` drives. */
interface ComplexityVisitor {
  variableValues: Record<string, unknown>;
  nodeComplexity(node: OperationDefinitionNode, type: GraphQLObjectType | undefined): number;
}

/**
 * The operation's work from its variables as sent, with the operation's defaults for those not sent.
 * graphql-query-complexity's own `getComplexity` coerces the variables first (graphql's getVariableValues),
 * which execution does again: for a 5,000-row ingest batch that was about 150 ms spent twice. The estimators
 * take values before validation anyway (see `WorkEstimateArgs`), so the raw values serve.
 */
function estimateWork(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  estimators: ComplexityEstimator[],
): number {
  const errors: GraphQLError[] = [];
  const context = new ValidationContext(schema, document, new TypeInfo(schema), (error) => errors.push(error));
  const visitor = createComplexityRule({ maximumComplexity: Infinity, estimators })(
    context,
  ) as unknown as ComplexityVisitor;
  let values = variables;
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (definition.defaultValue === undefined || Object.prototype.hasOwnProperty.call(variables, name)) continue;
    const type = typeFromAST(schema, definition.type);
    if (values === variables) values = { ...variables };
    values[name] = isInputType(type) ? valueFromAST(definition.defaultValue, type) : undefined;
  }
  visitor.variableValues = values;
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const total = visitor.nodeComplexity(operation, root ?? undefined);
  if (errors.length > 0) throw errors[errors.length - 1]!;
  return total;
}

/**
 * A cache key for the variables, or undefined once it would pass `budget` characters: a big input (an
 * ingest batch) is rarely sent twice, and serialising all of it only to miss costs more than estimating.
 */
export function boundedVariablesKey(value: unknown, budget: number): string | undefined {
  const parts: string[] = [];
  let length = 0;
  const add = (text: string): boolean => {
    parts.push(text);
    length += text.length;
    return length <= budget;
  };
  const walk = (item: unknown): boolean => {
    if (item === null || typeof item !== 'object') return add(JSON.stringify(item) ?? 'undefined');
    if (Array.isArray(item)) {
      if (!add('[')) return false;
      for (const element of item) if (!walk(element) || !add(',')) return false;
      return add(']');
    }
    if (!add('{')) return false;
    for (const [name, element] of Object.entries(item)) {
      if (!add(JSON.stringify(name)) || !add(':') || !walk(element) || !add(',')) return false;
    }
    return add('}');
  };
  return walk(value) ? parts.join('') : undefined;
}

/** What the work limit reads of an operation once Apollo has resolved it. */
export type ResolvedOperation = Pick<
  GraphQLRequestContextDidResolveOperation<BaseContext>,
  'schema' | 'document' | 'request' | 'operation'
>;

/**
 * A check that refuses an operation whose estimated work exceeds `maxWork` before any resolver runs,
 * naming its costliest root fields; run by the API's request plugin once the operation is resolved.
 * The token limit (at parsing) and graphql-armor's structural limits (depth, aliases, at validation) run
 * first, so the estimate itself is never asked to walk a fragment bomb.
 */
export function workLimit(maxWork: number): (resolved: ResolvedOperation) => void {
  const refuse = (total: number, byRoot: { field: string; workUnits: number }[]): void => {
    if (total <= maxWork) return;
    const costliest = [...byRoot].sort((a, b) => b.workUnits - a.workUnits).slice(0, 5);
    throw new AppError(
      ErrorCode.WORK_LIMIT_EXCEEDED,
      `This operation would take about ${total} work units; one request may take ${maxWork}. Ask for less (a shorter range, fewer aliases or groups), or split it.`,
      { workUnits: total, maxWorkUnits: maxWork, fields: costliest },
    );
  };
  // The same document with the same variables costs the same: clients repeat their operations.
  const known = new LRUCache<string, { total: number; byRoot: { field: string; workUnits: number }[] }>({ max: 2000 });
  return ({ schema, document, request, operation }) => {
    if (!operation) return;
    const variables = boundedVariablesKey(request.variables ?? {}, 10_000);
    const key =
      variables === undefined || request.query === undefined || request.query.length > 10_000
        ? undefined
        : `${request.operationName ?? ''}\u0000${request.query}\u0000${variables}`;
    const cached = key === undefined ? undefined : known.get(key);
    if (cached) return refuse(cached.total, cached.byRoot);
    const roots = new Set<FieldNode>(
      operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === 'Field'),
    );
    const byRoot: { field: string; workUnits: number }[] = [];
    let total: number;
    try {
      total = estimateWork(schema, document, operation, request.variables ?? {}, [
        (options) => {
          const work = estimator(options)!;
          if (roots.has(options.node))
            byRoot.push({ field: (options.node.alias ?? options.node.name).value, workUnits: work });
          return work;
        },
      ]);
    } catch (error) {
      // Arguments that do not fit their types: execution refuses them (BAD_USER_INPUT) before any work.
      if (error instanceof GraphQLError) return;
      throw error;
    }
    if (key !== undefined) known.set(key, { total, byRoot });
    refuse(total, byRoot);
  };
}
