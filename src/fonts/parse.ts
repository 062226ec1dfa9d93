import { createRequire } from 'node:module';
import type { Font } from 'fontkit';

// Parse each font file once per thread, for every user of fontkit in the process.
//
// pdfkit (under pdfmake) calls fontkit.create for every document, even on the same bytes; in a batch
// of 136 files that is most of the time and memory. fontkit's `create` cannot be reassigned, so the
// CommonJS module that pdfkit requires is replaced, before pdfkit loads, by a copy whose `create`
// remembers its results by the identity of the bytes (pdfmake's virtual file system hands the same
// Buffer to every document). A parsed font is only read afterwards: each document makes its own subset.
//
// fontkit itself is loaded on first use (about 0.1 s): a check whose glyph coverage is cached never
// needs it.

const require = createRequire(import.meta.url);
type Fontkit = { create: (bytes: Uint8Array, name?: string) => Font } & Record<string, unknown>;
let real: Fontkit | undefined;
const parsed = new WeakMap<Uint8Array, Map<string, Font>>();
const made = new WeakSet<Font>();

/** Load fontkit and put the remembering copy in its place; must run before pdfkit is loaded. */
export function shareParsedFonts(): Fontkit {
  if (real) return real;
  const path = require.resolve('fontkit');
  real = require('fontkit') as Fontkit;
  const cached = require.cache[path];
  if (cached && cached.exports === real) {
    const loaded = real;
    const shared: Record<string, unknown> = {};
    for (const key of Object.keys(loaded)) if (key !== 'create') Object.defineProperty(shared, key, { enumerable: true, get: () => loaded[key] });
    Object.defineProperty(shared, 'create', { enumerable: true, value: createFont });
    cached.exports = shared;
  }
  return real;
}

export function createFont(bytes: Uint8Array, name?: string): Font {
  const fontkit = shareParsedFonts();
  let byName = parsed.get(bytes);
  if (!byName) parsed.set(bytes, (byName = new Map()));
  let font = byName.get(name ?? '');
  if (!font) {
    byName.set(name ?? '', (font = fontkit.create(bytes, name)));
    made.add(font);
  }
  return font;
}

/** Whether a font came from createFont: one that did not was parsed again, behind the cache's back. */
export const parsedOnce = (font: object): boolean => made.has(font as Font);
