import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { runInThisContext } from 'node:vm';
import { deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inflate } from '../src/core/inflate.js';

// fontkit and pdfkit unpack their Unicode tables with core/inflate.ts in place of tiny-inflate: the
// same bytes, in the same array, for the data they ship and for any deflate data at any room given.

const require = createRequire(import.meta.url);
/**
 * tiny-inflate as it ships, compiled from its file: the files of a fork share one CommonJS cache,
 * where any that loaded the fonts has put core/inflate.ts in its place (fonts/parse.ts).
 */
const tinyInflate = (() => {
  const file = createRequire(require.resolve('unicode-trie')).resolve('tiny-inflate');
  const module = { exports: {} as unknown };
  runInThisContext(Module.wrap(readFileSync(file, 'utf8')), { filename: file })(module.exports, require, module, file, dirname(file));
  return module.exports as (source: Uint8Array, dest: Uint8Array) => Uint8Array;
})();

function same(source: Uint8Array, room: number): void {
  const a = new Uint8Array(room);
  const b = new Uint8Array(room);
  const theirs = tinyInflate(source, a);
  const ours = inflate(source, b);
  expect(Buffer.from(ours).equals(Buffer.from(theirs))).toBe(true);
  expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
  expect(ours === b).toBe(theirs === a);
}

describe('unpacking deflate data', () => {
  it('gives what tiny-inflate gives, at any room, for any data', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 5000 }), fc.constantFrom(0, 1, 6, 9), fc.integer({ min: -50, max: 50 }), (data, level, more) => {
        const packed = deflateRawSync(data, { level });
        same(packed, Math.max(0, data.length + more));
        // Data as the tables are kept: packed twice, unpacked twice into the room of the whole.
        const twice = deflateRawSync(packed, { level });
        const room = Math.max(packed.length, data.length) + Math.max(0, more);
        const once = inflate(twice, new Uint8Array(room));
        expect(Buffer.from(inflate(once, new Uint8Array(room))).equals(Buffer.from(tinyInflate(tinyInflate(twice, new Uint8Array(room)), new Uint8Array(room))))).toBe(true);
      }),
      { seed: 20261206, numRuns: 300 },
    );
  });

  it('unpacks the Unicode tables fontkit and pdfkit ship to the same tables', () => {
    const fontkit = createRequire(require.resolve('fontkit'));
    const files = [fontkit.resolve('unicode-properties'), createRequire(require.resolve('pdfkit')).resolve('linebreak')];
    let tables = 0;
    for (const file of files) {
      for (const [, base64] of readFileSync(file, 'utf8').matchAll(/toByteArray\("([A-Za-z0-9+/=]+)"\)/g)) {
        // As unicode-trie reads them: a header, then the data packed twice, unpacked into the room the header gives.
        const data = Buffer.from(base64, 'base64');
        const room = data.readUInt32LE(8);
        const unpack = (f: typeof inflate) => f(f(data.subarray(12), new Uint8Array(room)), new Uint8Array(room));
        const ours = unpack(inflate);
        const theirs = unpack(tinyInflate);
        expect(ours.buffer.byteLength).toBe(theirs.buffer.byteLength);
        expect(Buffer.from(ours).equals(Buffer.from(theirs)), file).toBe(true);
        tables += 1;
      }
    }
    expect(tables).toBeGreaterThanOrEqual(2);
  });
});
