import { buildSchema, GraphQLError, parse, validate } from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../../..');
const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];

describe('the GraphQL examples of the README and the manual', () => {
  const schema = buildSchema(readFileSync(join(ROOT, 'apps/api/schema.gql'), 'utf8'));

  it.each(PAGES)('are valid against apps/api/schema.gql in %s', (page) => {
    const text = readFileSync(join(ROOT, page), 'utf8');
    const problems: string[] = [];
    for (const [, block] of text.matchAll(/```graphql\n([\s\S]*?)```/g)) {
      // A block may hold several operations one after another.
      for (const operation of block!.split(/\n(?=mutation\b|query\b|\{)/)) {
        let errors: readonly GraphQLError[];
        try {
          errors = validate(schema, parse(operation));
        } catch (error) {
          errors = [error as GraphQLError];
        }
        for (const e of errors) problems.push(`${operation.trim().slice(0, 80)}… ${e.message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
