import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * Wrap one method of a pdfmake class, once per process: `wrap` is given the method as pdfmake has it
 * and returns the one to use instead. The class is taken from the same module instance pdfmake's own
 * requires get (one CommonJS cache). If a pdfmake upgrade removes the method, this throws rather than
 * quietly laying text out without what the wrapper adds. A second wrapper of the same method names
 * itself (`as`): each is put on once, the one put on last outside.
 */
export function wrapPdfmake<F extends (this: never, ...args: never[]) => unknown>(module: string, method: string, wrap: (original: F) => F, as?: string): void {
  const proto = (require(`pdfmake/js/${module}.js`) as { default: { prototype: Record<string | symbol, unknown> } }).default.prototype;
  const mark = Symbol.for(`shien.${module}.${method}${as ? `.${as}` : ''}`);
  if (proto[mark]) return;
  const original = proto[method];
  if (typeof original !== 'function') throw new Error(`pdfmake ${module}.${method} not found: check the pdfmake version`);
  proto[method] = wrap(original as F);
  proto[mark] = true;
}
