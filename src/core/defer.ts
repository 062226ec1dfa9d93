import Module, { createRequire } from 'node:module';

// Modules that a dependency requires as it loads but calls only for work this tool never asks of it:
// fontkit's WOFF2 decoder (brotli; the fonts are TrueType) and pdfkit's encryption (@noble/ciphers;
// no PDF is encrypted). Loading and compiling them was some 30 ms of every start that draws. Each is
// put in the CommonJS cache as a stand-in that loads the real module the first time it is called or
// read, so that the dependency works the same should it ever need one.

/**
 * `specifier` as `from` (a file of the dependency that requires it) resolves it: a function (called
 * through) or an object (read through), until first used. Must run before the dependency loads.
 */
export function deferRequire(specifier: string, from: string, shape: 'function' | 'object'): void {
  standIn(specifier, from, (file, require) => {
    let real: unknown;
    const load = (): Record<PropertyKey, unknown> & ((...args: unknown[]) => unknown) => {
      if (real === undefined) {
        delete require.cache[file];
        real = require(file);
      }
      return real as Record<PropertyKey, unknown> & ((...args: unknown[]) => unknown);
    };
    return shape === 'function'
      ? (...args: unknown[]) => load()(...args)
      : new Proxy({}, { get: (_, key) => load()[key], has: (_, key) => key in load() });
  });
}

/**
 * Puts what `make` gives in the CommonJS cache as the module `specifier` resolves to from `from`, so
 * that the dependency that requires it gets that. Nothing when it does not resolve there (another
 * version of the dependency: it loads as it is) or is loaded already. Must run before the dependency loads.
 */
export function standIn(specifier: string, from: string, make: (file: string, require: NodeJS.Require) => unknown): void {
  const require = createRequire(from);
  let file: string;
  try {
    file = require.resolve(specifier);
  } catch {
    return;
  }
  if (require.cache[file]) return;
  const module = new Module(file);
  module.filename = file;
  module.loaded = true;
  module.exports = make(file, require);
  require.cache[file] = module;
}
