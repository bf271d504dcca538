import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';

/**
 * Module boundaries (house style): each domain library may import the platform and the domains it builds
 * on, only through their index.ts; nothing imports the app. A violation is a lint error.
 */
export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  { ignores: ['**/dist', '**/node_modules', '.data', '.nx', 'coverage', 'tmp', 'apps/console/src/gql'] },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    // Type information for the rules that need it, from the nearest tsconfig of each file.
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allowCircularSelfDependency: false,
          depConstraints: [
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:feature', 'type:util'] },
            { sourceTag: 'scope:platform', onlyDependOnLibsWithTags: ['scope:platform'] },
            { sourceTag: 'scope:identity', onlyDependOnLibsWithTags: ['scope:platform'] },
            { sourceTag: 'scope:people', onlyDependOnLibsWithTags: ['scope:platform', 'scope:identity'] },
            {
              sourceTag: 'scope:scheduling',
              onlyDependOnLibsWithTags: ['scope:platform', 'scope:identity', 'scope:people'],
            },
            {
              sourceTag: 'scope:staffing',
              onlyDependOnLibsWithTags: ['scope:platform', 'scope:identity', 'scope:people', 'scope:scheduling'],
            },
            {
              sourceTag: 'scope:performance',
              onlyDependOnLibsWithTags: ['scope:platform', 'scope:identity', 'scope:people'],
            },
            {
              sourceTag: 'scope:training',
              onlyDependOnLibsWithTags: ['scope:platform', 'scope:identity', 'scope:people', 'scope:scheduling'],
            },
            {
              sourceTag: 'scope:integrations',
              onlyDependOnLibsWithTags: [
                'scope:platform',
                'scope:identity',
                'scope:people',
                'scope:performance',
                'scope:scheduling',
              ],
            },
            // The console is a browser app: it speaks to the API over GraphQL only, never through a library.
            { sourceTag: 'scope:console', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
      // Type-aware: a promise nobody awaits or handles is a lost error (or an unhandled rejection that ends
      // the process); one passed where a callback's return is ignored is the same bug in disguise.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      // `!` marks values the code has just ensured (a row read back after its insert); TypeScript cannot see it.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Decorated class fields need their type written out: SWC emits decorator metadata only from annotations.
      '@typescript-eslint/no-inferrable-types': ['error', { ignoreProperties: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The pure cores stay pure: plain functions anyone can test and reuse, no framework or database
    // (staffing's maths, business hours, the help-desk connectors, webhook signing and CSV export).
    files: [
      'libs/staffing/src/lib/math/**/*.ts',
      'libs/staffing/src/lib/forecast/**/*.ts',
      'libs/staffing/src/lib/optimize/**/*.ts',
      'libs/performance/src/lib/business-hours/**/*.ts',
      'libs/integrations/src/lib/connectors/**/*.ts',
      'libs/integrations/src/lib/signing/**/*.ts',
      'libs/integrations/src/lib/export/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@nestjs/*', 'typeorm', 'pg', '@deskforce/*'] }],
    },
  },
  {
    // The console (React): the rules of hooks, and imports only within apps/console (no Node, no domain code).
    files: ['apps/console/src/**/*.ts', 'apps/console/src/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      // The two classic rules; the React Compiler's rules (also in `recommended`) apply to compiled code only.
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      // An async event handler is React's normal shape (React ignores what a handler returns); promises
      // elsewhere are still checked.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      'no-restricted-imports': ['error', { patterns: ['@deskforce/*', 'node:*', '../../../libs/*', '../../api/*'] }],
    },
  },
];
