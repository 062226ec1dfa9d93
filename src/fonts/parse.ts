import { createRequire } from 'node:module';
import type { Font } from 'fontkit';
import { deferRequire } from '../core/defer.js';
import { nativeInflate } from '../core/inflate.js';

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
  // Its WOFF2 decoder: the fonts are TrueType.
  deferRequire('brotli/decompress.js', path, 'function');
  // Its Unicode tables, and pdfkit's (loaded after this, see above), unpacked by zlib (core/inflate.ts).
  nativeInflate();
  const loaded = require('fontkit') as Fontkit;
  // Before `real` is set: should it throw, the next call tries again rather than skip the sharing copy.
  namedNumbers(path);
  real = loaded;
  const cached = require.cache[path];
  if (cached && cached.exports === real) {
    const shared: Record<string, unknown> = {};
    for (const key of Object.keys(loaded)) if (key !== 'create') Object.defineProperty(shared, key, { enumerable: true, get: () => loaded[key] });
    Object.defineProperty(shared, 'create', { enumerable: true, value: createFont });
    cached.exports = shared;
  }
  return real;
}

type NumberType = { fn: string; readName?: string; writeName?: string; byteSize?: number; size(): number; decode(stream: Record<string, () => number>): number; encode(stream: Record<string, (v: number) => void>, value: number): void };

/**
 * restructure (fontkit's binary reader and writer) names the stream method of every number it reads
 * or writes with a template string made on each call: for the glyphs each document's font subsets
 * copy and the tables they write again, some hundreds of thousands of strings; and it sizes an array
 * of numbers by asking each number its size, a lookup in a table of types. The names and the size
 * are made once per number type instead; the methods called and the sizes are the same.
 */
function namedNumbers(fontkitPath: string): void {
  const restructure = createRequire(fontkitPath)('restructure') as { uint8: NumberType };
  const proto = Object.getPrototypeOf(restructure.uint8) as NumberType & Record<symbol, unknown>;
  const mark = Symbol.for('shien.restructure.numbers');
  if (proto[mark] || typeof proto.fn !== 'undefined' || typeof restructure.uint8.fn !== 'string') return;
  const size = proto.size;
  proto.size = function (this: NumberType) {
    return (this.byteSize ??= size.call(this));
  };
  proto.decode = function (this: NumberType, stream) {
    return stream[(this.readName ??= `read${this.fn}`)]();
  };
  proto.encode = function (this: NumberType, stream, value) {
    return stream[(this.writeName ??= `write${this.fn}`)](value);
  };
  proto[mark] = true;
  constantArrays(createRequire(fontkitPath)('restructure') as { Array: { prototype: NumberArray } });
}

type Stream = { pos: number; buffer: Uint8Array; writeBuffer(bytes: Uint8Array): void };
type NumberArray = { type: Partial<NumberType>; size(array: unknown, ctx?: unknown, includePointers?: boolean): number; encode(stream: Stream, array: unknown, parent?: unknown): void };

/** Arrays of numbers that a parsed font holds and never changes, with the bytes each encodes to (by its array type). */
const constant = new WeakMap<object, Map<NumberArray, Uint8Array>>();

/**
 * A TrueType subset (pdfkit, for each document and face) copies the font's hinting tables (cvt,
 * fpgm, prep: some 5,000 numbers per face) by sizing and writing them one number at a time. They
 * are the parsed font's own arrays, only read: their bytes are made once per array and type and
 * written whole afterwards. Arrays of numbers only (no pointers, so the bytes are all they write).
 */
function constantArrays(restructure: { Array: { prototype: NumberArray } }): void {
  const proto = restructure.Array.prototype as NumberArray & Record<symbol, unknown>;
  const mark = Symbol.for('shien.restructure.constantArrays');
  if (proto[mark]) return;
  const { size, encode } = proto;
  const known = (type: NumberArray, array: unknown) => (array && typeof array === 'object' && typeof type.type?.fn === 'string' ? constant.get(array) : undefined);
  proto.size = function (this: NumberArray, array, ctx, includePointers) {
    const bytes = known(this, array)?.get(this);
    return bytes ? bytes.length : size.call(this, array, ctx, includePointers);
  };
  proto.encode = function (this: NumberArray, stream, array, parent) {
    const byType = known(this, array);
    if (byType === undefined) return encode.call(this, stream, array, parent);
    const bytes = byType.get(this);
    if (bytes) return stream.writeBuffer(bytes);
    const start = stream.pos;
    encode.call(this, stream, array, parent);
    byType.set(this, stream.buffer.slice(start, stream.pos));
  };
  proto[mark] = true;
}

/** The hinting tables of a TrueType font, as arrays constantArrays may write whole. */
function markConstant(font: Font): void {
  const f = font as unknown as Record<string, Record<string, unknown> | undefined>;
  for (const [tag, field] of [['cvt ', 'controlValues'], ['fpgm', 'instructions'], ['prep', 'controlValueProgram']] as const) {
    const values = f[tag]?.[field];
    if (Array.isArray(values) && !constant.has(values)) constant.set(values, new Map());
  }
}

export function createFont(bytes: Uint8Array, name?: string): Font {
  const fontkit = shareParsedFonts();
  let byName = parsed.get(bytes);
  if (!byName) parsed.set(bytes, (byName = new Map()));
  let font = byName.get(name ?? '');
  if (!font) {
    byName.set(name ?? '', (font = fontkit.create(bytes, name)));
    decodeOnce(font);
    if (!(font as unknown as Decoding)._variationProcessor) markConstant(font);
    made.add(font);
  }
  return font;
}

/** Whether a font came from createFont: one that did not was parsed again, behind the cache's back. */
export const parsedOnce = (font: object): boolean => made.has(font as Font);

type Glyph = { _decode?: () => unknown };
type Decoding = { getGlyph: (id: number, characters?: number[]) => Glyph | null; _variationProcessor?: unknown };

/**
 * A TrueType glyph's outline header read once per process: every document's subset (pdfkit, on
 * finalize) calls `_decode` again on each glyph it copies, which was about 0.4 s of CPU over the 67
 * handouts for the same few thousand glyphs. fontkit keeps each glyph object (getGlyph) but not what
 * it decoded; the subset only reads the result. A variable font decodes its outlines per instance
 * (the variation processor changes them), so it is left as it is.
 */
function decodeOnce(font: Font): void {
  const f = font as unknown as Decoding;
  if (f._variationProcessor || typeof f.getGlyph !== 'function') return;
  const getGlyph = f.getGlyph;
  f.getGlyph = function (this: Decoding, id, characters) {
    const glyph = getGlyph.call(this, id, characters);
    const decode = glyph?._decode;
    if (glyph && decode && !Object.prototype.hasOwnProperty.call(glyph, '_decode')) {
      let decoded: unknown;
      let done = false;
      glyph._decode = function (this: Glyph) {
        if (!done) {
          decoded = decode.call(this);
          done = true;
        }
        return decoded;
      };
    }
    return glyph;
  };
}
