import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';

/** Apollo marks its own plugins (the disabled landing page Nest adds among them) with an internal id. */
function isApolloPlugin(plugin: unknown): boolean {
  return typeof plugin === 'object' && plugin !== null && '__internal_plugin_id__' in plugin;
}

/**
 * Nest's Apollo driver without two things it adds to every request that we have no use for. Each costs a
 * few promises a request, and on Node 20 every promise also runs AsyncLocalStorage's hook (see
 * requestPlugin); together four of the promises of a `{ me }` request.
 *  - Its request-lifecycle plugin, which serves Nest's request-hook decorators (we use none). The plugins
 *    kept are ours and Apollo's own; Nest's others are off already (`preserveHttpStatusForExecutionErrors`).
 *  - Its async wrapper around our context function, which adds `req` to the context: ours has it already.
 */
export class LeanApolloDriver extends ApolloDriver {
  override async mergeDefaultOptions(options: ApolloDriverConfig): Promise<ApolloDriverConfig> {
    const ours = new Set<unknown>(options.plugins ?? []);
    const context: unknown = options.context;
    const merged = await super.mergeDefaultOptions(options);
    merged.plugins = (merged.plugins ?? []).filter(
      (plugin: ApolloServerPlugin | unknown) => ours.has(plugin) || isApolloPlugin(plugin),
    );
    if (typeof context === 'function') merged.context = context;
    return merged;
  }
}
