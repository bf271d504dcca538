import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import {
  AppConfig,
  createGraphQLErrorFormatter,
  createRequestContext,
  DateTimeScalar,
  ErrorLogger,
  requestScopePlugin,
  workLimitPlugin,
} from '@deskforce/platform';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Apollo Server behind Nest: code-first schema, limits against abusive queries (graphql-armor: depth,
 * aliases, cost, tokens, directives), no batched requests, and one error formatter.
 */
export function graphqlOptions(config: AppConfig, logger: ErrorLogger): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphqlMaxDepth, flattenFragments: true },
    maxAliases: { n: config.graphqlMaxAliases },
    costLimit: { maxCost: config.graphqlMaxCost },
    maxTokens: { n: config.graphqlMaxTokens },
    maxDirectives: { n: 20 },
    blockFieldSuggestion: { enabled: !config.graphqlIntrospection },
  }).protect();
  return {
    autoSchemaFile: true,
    sortSchema: true,
    buildSchemaOptions: { scalarsMap: [{ type: Date, scalar: DateTimeScalar }] },
    path: '/graphql',
    introspection: config.graphqlIntrospection,
    playground: false,
    // @nestjs/apollo (an ES module) sees @apollo/server's ESM typings, we see its CommonJS ones: the same
    // plugin interface declared twice, hence the cast.
    plugins: [
      ...armor.plugins,
      // One database connection per request, given back when the answer is ready.
      requestScopePlugin,
      // The work an operation asks for, estimated from its arguments, within one budget.
      workLimitPlugin(config.graphqlMaxWork),
      // Apollo installs its cache-control plugin unless told not to; we set no cache hints, and its
      // per-field hook made Apollo wrap every field resolver (about 2 ms of a 30-row KPI report).
      ApolloServerPluginCacheControlDisabled(),
      config.graphqlSandbox
        ? ApolloServerPluginLandingPageLocalDefault({ embed: true })
        : ApolloServerPluginLandingPageDisabled(),
    ] as unknown as ApolloDriverConfig['plugins'],
    validationRules: armor.validationRules,
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError: createGraphQLErrorFormatter(logger, config.nodeEnv === 'development'),
    context: createRequestContext,
  };
}
