import type { Font } from 'fontkit';
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

/** Whether a font draws a glyph unit: the character, and the variation sequence if there is one. */
export function fontHas(font: Font, unit: string): boolean {
  const [base, selector] = [...unit].map((c) => c.codePointAt(0)!);
  if (!font.hasGlyphForCodePoint(base)) return false;
  if (selector === undefined) return true;
  const s = selectors(font).get(selector);
  if (!s) return false;
  if (s.defaultUVS?.some((r) => base >= r.startUnicodeValue && base <= r.startUnicodeValue + r.additionalCount)) return true;
  return Boolean(s.nonDefaultUVS?.some((r) => r.unicodeValue === base));
}

const drawable = new WeakMap<Family, Map<string, boolean>>();

/** Whether a family draws a glyph unit in both its weights (remembered: the same characters recur). */
export function familyHas(family: Family, unit: string): boolean {
  let m = drawable.get(family);
  if (!m) drawable.set(family, (m = new Map()));
  let has = m.get(unit);
  if (has === undefined) {
    has = fontHas(family.regular.font, unit) && (family.bold === family.regular || fontHas(family.bold.font, unit));
    m.set(unit, has);
  }
  return has;
}
