import { createRequire } from 'node:module';
import type { Font } from 'fontkit';

// Parse each font file once per thread, for every user of fontkit in the process.
//
// pdfkit (under pdfmake) calls fontkit.create for every document, even on the same bytes; in a batch
// of 136 files that is most of the time and memory. fontkit's `create` cannot be reassigned, so the
// CommonJS module that pdfkit requires is replaced, before pdfkit loads, by a copy whose `create`
// remembers its results by the identity of the bytes (pdfmake's virtual file system hands the same
// Buffer to every document). A parsed font is only read afterwards: each document makes its own subset.

const require = createRequire(import.meta.url);
const path = require.resolve('fontkit');
const real = require('fontkit') as { create: (bytes: Uint8Array, name?: string) => Font } & Record<string, unknown>;
const parsed = new WeakMap<Uint8Array, Map<string, Font>>();

export function createFont(bytes: Uint8Array, name?: string): Font {
  let byName = parsed.get(bytes);
  if (!byName) parsed.set(bytes, (byName = new Map()));
  let font = byName.get(name ?? '');
  if (!font) byName.set(name ?? '', (font = real.create(bytes, name)));
  return font;
}

const cached = require.cache[path];
if (cached && cached.exports === real) {
  const shared: Record<string, unknown> = {};
  for (const key of Object.keys(real)) if (key !== 'create') Object.defineProperty(shared, key, { enumerable: true, get: () => real[key] });
  Object.defineProperty(shared, 'create', { enumerable: true, value: createFont });
  cached.exports = shared;
}
