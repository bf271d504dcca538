import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents from the API's printed schema: every `graphql(...)` call in the console gets the types of
 * its variables and result, so a schema change that breaks a screen fails `npm run typecheck`.
 */
const config: CodegenConfig = {
  schema: 'apps/api/schema.gql',
  documents: ['apps/console/src/**/*.{ts,tsx}', '!apps/console/src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    'apps/console/src/gql/': {
      preset: 'client',
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTime: 'string', LocalDate: 'string', JSON: 'unknown' },
      },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
