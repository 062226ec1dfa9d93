import type { Family } from './registry.js';

export interface MissingGlyph {
  /** The character as written, with its variation selector if it has one. */
  char: string;
  /** U+XXXX (and the selector's, for a variation sequence). */
  codePoint: string;
  /** UTF-16 index of the character in the text. */
  index: number;
}

const isVariationSelector = (cp: number) => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

const codePointName = (s: string) =>
  [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

/**
 * Characters of `text` that a family cannot draw in both its weights. A base character and its
 * variation selector are looked up together, through the font's own mapping of the sequence.
 */
export function missingGlyphs(text: string, family: Family): MissingGlyph[] {
  const out: MissingGlyph[] = [];
  const cps = [...text];
  let index = 0;
  for (let i = 0; i < cps.length; i++) {
    let unit = cps[i];
    if (i + 1 < cps.length && isVariationSelector(cps[i + 1].codePointAt(0)!)) unit += cps[++i];
    const faces = family.bold === family.regular ? [family.regular] : [family.regular, family.bold];
    const drawable = faces.every((f) => {
      const glyphs = f.font.glyphsForString(unit);
      return glyphs.length > 0 && glyphs.every((g) => g.id !== 0);
    });
    if (!drawable) out.push({ char: unit, codePoint: codePointName(unit), index });
    index += unit.length;
  }
  return out;
}
