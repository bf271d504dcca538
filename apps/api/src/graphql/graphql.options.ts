import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
} from '@apollo/server/plugin/disabled';
import {
  AppConfig,
  createGraphQLErrorFormatter,
  createRequestContext,
  DateTimeScalar,
  ErrorLogger,
  requestPlugin,
} from '@deskforce/platform';
import { ApolloDriverConfig } from '@nestjs/apollo';
import { ApolloArmor } from '@escape.tech/graphql-armor';

/**
 * Apollo Server behind Nest: code-first schema, limits against abusive queries (graphql-armor: depth,
 * aliases, cost, directives; graphql-js's parser: tokens; our work limit), no batched requests, and one
 * error formatter.
 */
export function graphqlOptions(config: AppConfig, logger: ErrorLogger): ApolloDriverConfig {
  const armor = new ApolloArmor({
    maxDepth: { n: config.graphqlMaxDepth, flattenFragments: true },
    maxAliases: { n: config.graphqlMaxAliases },
    costLimit: { maxCost: config.graphqlMaxCost },
    maxDirectives: { n: 20 },
    // Both are Apollo plugins in graphql-armor, and each listener costs every request (see requestPlugin):
    // graphql-js's parser counts tokens itself (`parseOptions`), requestPlugin hides suggestions.
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
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
      // None with tokens and suggestions off; kept so that a protection added later is not dropped.
      ...armor.plugins,
      // The request's database connection, the work limit, suggestions hidden.
      requestPlugin({
        maxWork: config.graphqlMaxWork,
        hideSuggestions: !config.graphqlIntrospection,
      }),
      // Apollo installs its cache-control plugin unless told not to; we set no cache hints, and its
      // per-field hook made Apollo wrap every field resolver (about 2 ms of a 30-row KPI report).
      ApolloServerPluginCacheControlDisabled(),
      // Apollo installs its inline-trace plugin too, which traces only a federated subgraph (we are none) but
      // still listens to every request (three promises each).
      ApolloServerPluginInlineTraceDisabled(),
      // Without the sandbox, Nest installs Apollo's disabled landing page itself (`playground: false`).
      ...(config.graphqlSandbox ? [ApolloServerPluginLandingPageLocalDefault({ embed: true })] : []),
    ] as unknown as ApolloDriverConfig['plugins'],
    // Nest's plugin that resets the HTTP status of answers with data to 200: no error of ours sets one,
    // and its listener would cost every request a promise at every stage (see requestPlugin).
    preserveHttpStatusForExecutionErrors: false,
    validationRules: armor.validationRules,
    // A document of more tokens is refused while parsing (GRAPHQL_PARSE_FAILED), before it is read whole.
    parseOptions: { maxTokens: config.graphqlMaxTokens },
    allowBatchedHttpRequests: false,
    includeStacktraceInErrorResponses: false,
    formatError: createGraphQLErrorFormatter(logger, config.nodeEnv === 'development'),
    context: createRequestContext,
  };
}
