import type { ApolloServerPlugin, BaseContext, GraphQLRequestListener } from '@apollo/server';
import { currentRequest } from '../database/request-scope';
import { workLimit } from './work-limit';

export interface RequestPluginOptions {
  /** Work units one operation may ask for (see work-limit.ts). */
  maxWork: number;
  /** Takes "Did you mean …" out of error messages: with introspection off they would spell the schema out. */
  hideSuggestions: boolean;
}

/** graphql-js's suggestions, as graphql-armor's Apollo plugin finds and masks them. */
const SUGGESTION = /Did you mean ".+"/g;

/**
 * The API's hooks into every GraphQL request, as one Apollo plugin with one listener: the request's
 * database scope (told the operation's kind, ended once the answer is ready), the work limit once the
 * operation is known, and suggestions masked in errors.
 *
 * One listener, not one plugin each: Apollo awaits every plugin's listener at every stage of every request
 * (a `Promise.all` over them, two promises each, three for `responseForOperation`), and on Node 20 every
 * promise also runs AsyncLocalStorage's hooks. With our two plugins, graphql-armor's two and Nest's
 * status plugin, a `{ me }` request made 211 promises against a bare Apollo Server's 86.
 */
export function requestPlugin(options: RequestPluginOptions): ApolloServerPlugin {
  const checkWork = workLimit(options.maxWork);
  return {
    async requestDidStart(): Promise<GraphQLRequestListener<BaseContext>> {
      const scope = currentRequest();
      return {
        async didResolveOperation(resolved) {
          if (scope && resolved.operation) scope.kind = resolved.operation.operation;
          checkWork(resolved);
        },
        async didEncounterErrors({ errors }) {
          if (!options.hideSuggestions) return;
          for (const error of errors) error.message = error.message.replace(SUGGESTION, '[Suggestion hidden]');
        },
        // Not async: the scope's own promise is returned as it is (each promise costs; see above).
        willSendResponse: () => scope?.finish() ?? Promise.resolve(),
      };
    },
  };
}
