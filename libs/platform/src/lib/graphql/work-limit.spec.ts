import { buildSchema, OperationDefinitionNode, parse } from 'graphql';
import { AppError } from '../errors/app-error';
import { boundedVariablesKey, ResolvedOperation, workLimit } from './work-limit';

describe('boundedVariablesKey', () => {
  it('writes small variables out whole, as JSON', () => {
    expect(boundedVariablesKey({ a: [1, 'x', null], b: { c: true } }, 100)).toBe(
      '{"a":[1,"x",null,],"b":{"c":true,},}',
    );
  });

  it('gives up once the key would pass its budget, without writing the rest', () => {
    // '{"rows":[' is 9 characters, each '0,' two more: 9 + 2 × 4 = 17 > 16 at the fourth row.
    expect(boundedVariablesKey({ rows: new Array(100_000).fill(0) }, 16)).toBeUndefined();
    expect(boundedVariablesKey({ rows: [0, 0] }, 16)).toBe('{"rows":[0,0,],}');
  });
});

describe('workLimit', () => {
  // A connection costs 1 + `first` × its nodes' work (1 per node here).
  const schema = buildSchema('type Item { id: ID } type Query { items(first: Int): [Item] }');
  const QUERY = 'query Items($n: Int = 60) { items(first: $n) { id } }';

  function check(variables: Record<string, unknown>, maxWork = 50): unknown {
    const document = parse(QUERY);
    try {
      workLimit(maxWork)({
        schema,
        document,
        operation: document.definitions[0] as OperationDefinitionNode,
        request: { query: QUERY, operationName: 'Items', variables },
      } as ResolvedOperation);
      return 'accepted';
    } catch (error) {
      return error instanceof AppError ? error.details : error;
    }
  }

  it('estimates from the variables as sent', () => {
    expect(check({ n: 10 })).toBe('accepted');
    expect(check({ n: 49 })).toBe('accepted');
    expect(check({ n: 50 })).toEqual(expect.objectContaining({ workUnits: 51, maxWorkUnits: 50 }));
  });

  it("takes the operation's default for a variable not sent", () => {
    expect(check({})).toEqual(expect.objectContaining({ workUnits: 61 }));
  });
});
