import type { Font } from 'fontkit';

export interface MissingGlyph {
  /** The character as written, with its variation selector if it has one. */
  char: string;
  /** U+XXXX (and the selector's, for a variation sequence). */
  codePoint: string;
  /** UTF-16 index of the character in the text. */
  index: number;
}

const isVariationSelector = (cp: number) => (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef);

export const codePointName = (s: string) =>
  [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');

/**
 * The text cut into what one glyph draws: a character, with the variation selector that follows
 * it (葛 + U+E0100 is one glyph, and must come from one font).
 */
export function glyphUnits(text: string): { unit: string; index: number }[] {
  const out: { unit: string; index: number }[] = [];
  const cps = [...text];
  let index = 0;
  for (let i = 0; i < cps.length; i++) {
    let unit = cps[i];
    if (i + 1 < cps.length && isVariationSelector(cps[i + 1].codePointAt(0)!)) unit += cps[++i];
    out.push({ unit, index });
    index += unit.length;
  }
  return out;
}

// cmap format 14 as fontkit decodes it. fontkit looks sequences up while it lays text out, but has
// no public way to ask whether a font knows one: without this, 葛󠄀 would pass the check and be
// drawn silently as the plain 葛 of a font that lacks the variant.
interface Selector {
  varSelector: number;
  defaultUVS: { startUnicodeValue: number; additionalCount: number }[] | null;
  nonDefaultUVS: { unicodeValue: number; glyphID: number }[] | null;
}
interface WithCmap {
  _cmapProcessor?: { uvs?: { varSelectors: { toArray(): Selector[] } } | null };
}

const selectorsOf = new WeakMap<Font, Map<number, Selector>>();

function selectors(font: Font): Map<number, Selector> {
  let m = selectorsOf.get(font);
  if (!m) {
    m = new Map();
    const uvs = (font as unknown as WithCmap)._cmapProcessor?.uvs;
    for (const s of uvs?.varSelectors.toArray() ?? []) m.set(s.varSelector, s);
    selectorsOf.set(font, m);
  }
  return m;
}

/** Sorted, non-overlapping [first, last] ranges of code points, flattened: a compact set of characters. */
type Ranges = number[];

function toRanges(sorted: readonly number[]): Ranges {
  const out: Ranges = [];
  for (const cp of sorted) {
    if (out.length && out[out.length - 1] === cp - 1) out[out.length - 1] = cp;
    else out.push(cp, cp);
  }
  return out;
}

function inRanges(r: Ranges, cp: number): boolean {
  let lo = 0;
  let hi = r.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < r[2 * mid]) hi = mid - 1;
    else if (cp > r[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * What a font can draw: its characters, and the variation sequences it registers (cmap 14). Made
 * from the font once and kept in a cache by the font file's digest (see ./cache.ts), so that
 * checking text against the fonts never parses them again.
 */
export class Coverage {
  constructor(
    private readonly cmap: Ranges,
    /** By selector: the bases whose default glyph is the sequence's, and those with a glyph of their own. */
    private readonly uvs: Record<number, { defaults: Ranges; own: number[] }>,
  ) {}

  static fromFont(font: Font): Coverage {
    const cps = [...new Set((font as unknown as { characterSet: number[] }).characterSet)].sort((a, b) => a - b).filter((cp) => font.hasGlyphForCodePoint(cp));
    const uvs: Record<number, { defaults: Ranges; own: number[] }> = {};
    for (const [selector, s] of selectors(font)) {
      const defaults = (s.defaultUVS ?? []).flatMap((r) => Array.from({ length: r.additionalCount + 1 }, (_, i) => r.startUnicodeValue + i));
      uvs[selector] = { defaults: toRanges([...new Set(defaults)].sort((a, b) => a - b)), own: (s.nonDefaultUVS ?? []).map((r) => r.unicodeValue).sort((a, b) => a - b) };
    }
    return new Coverage(toRanges(cps), uvs);
  }

  static fromJSON(json: { cmap: Ranges; uvs: Record<number, { defaults: Ranges; own: number[] }> }): Coverage {
    return new Coverage(json.cmap, json.uvs);
  }

  toJSON() {
    return { cmap: this.cmap, uvs: this.uvs };
  }

  /** Whether the font draws a glyph unit: the character, and the variation sequence if there is one. */
  has(unit: string): boolean {
    const [base, selector] = [...unit].map((c) => c.codePointAt(0)!);
    if (!inRanges(this.cmap, base)) return false;
    if (selector === undefined) return true;
    const s = this.uvs[selector];
    if (!s) return false;
    return inRanges(s.defaults, base) || s.own.includes(base);
  }
}
