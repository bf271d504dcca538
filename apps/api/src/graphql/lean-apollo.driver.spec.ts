import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { ModulesContainer } from '@nestjs/core';
import { LeanApolloDriver } from './lean-apollo.driver';

describe('LeanApolloDriver', () => {
  const ours = { requestDidStart: async () => undefined };
  const cacheControlOff = ApolloServerPluginCacheControlDisabled();
  const context = ({ req }: { req: unknown }) => ({ req });
  const options = (): ApolloDriverConfig =>
    ({
      plugins: [ours, cacheControlOff],
      context,
      playground: false,
      preserveHttpStatusForExecutionErrors: false,
    }) as unknown as ApolloDriverConfig;

  it("keeps our plugins and Apollo's own (the disabled landing page Nest adds), and our context function", async () => {
    const merged = await new LeanApolloDriver(new ModulesContainer()).mergeDefaultOptions(options());
    const plugins = merged.plugins as unknown[];
    expect(plugins.slice(0, 2)).toEqual([ours, cacheControlOff]);
    expect(plugins).toHaveLength(3);
    expect(plugins[2]).toEqual(expect.objectContaining({ __internal_plugin_id__: 'LandingPageDisabled' }));
    expect(merged.context).toBe(context);
  });

  it("drops what Nest's own driver adds to every request: its lifecycle plugin and its context wrapper", async () => {
    const merged = await new ApolloDriver(new ModulesContainer()).mergeDefaultOptions(options());
    expect(merged.plugins).toHaveLength(4);
    expect(merged.context).not.toBe(context);
  });
});
