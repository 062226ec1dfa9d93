import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../src/core/paths.js';
import { createFont, shareParsedFonts } from '../src/fonts/parse.js';

// The outline headers a font keeps for the process (fonts/parse.ts decodeOnce) must give every
// document's subset exactly the bytes fontkit makes without them: output bytes may not change.

type Subset = { includeGlyph(gid: number): number; encode(): Uint8Array };
type Glyph = { _decode(): unknown };
type Parsed = { createSubset(): Subset; getGlyph(gid: number): Glyph; glyphForCodePoint(cp: number): { id: number } };

const file = join(ROOT, 'fonts', 'BIZUDPGothic-Regular.ttf');
const text = [...'補助金の申請は、年度の予算の範囲内で受け付けます。ABC 123 ％（）「」'];

function subsetBytes(font: Parsed): Buffer {
  const subset = font.createSubset();
  for (const ch of text) subset.includeGlyph(font.glyphForCodePoint(ch.codePointAt(0)!).id);
  return Buffer.from(subset.encode());
}

describe('a font parsed once for the process', () => {
  it('decodes each glyph once and subsets to the same bytes as a font fontkit parsed on its own', () => {
    const kept = createFont(readFileSync(file)) as unknown as Parsed;
    const plain = shareParsedFonts().create(readFileSync(file)) as unknown as Parsed;
    const gid = kept.glyphForCodePoint('補'.codePointAt(0)!).id;
    expect(kept.getGlyph(gid)._decode()).toBe(kept.getGlyph(gid)._decode());
    expect(plain.getGlyph(gid)._decode()).not.toBe(plain.getGlyph(gid)._decode());
    const expected = subsetBytes(plain);
    expect(subsetBytes(kept).equals(expected)).toBe(true);
    // The second document's subset reads the headers the first one decoded.
    expect(subsetBytes(kept).equals(expected)).toBe(true);
  });
});
