import { codePointName, glyphUnits, type MissingGlyph } from './coverage.js';
import type { Family, FontRegistry } from './registry.js';

// Fallback fonts. Each text style draws with a chain of families: the first draws everything it
// can, and a character it lacks (a rare 𠮷 in a name, a variant 葛󠄀) comes from the next one that
// has it. Both renderers and the glyph check ask the chain, so that what is checked is what is drawn.

export type FontStyle = 'body' | 'heading';

export class FontChain {
  constructor(readonly families: readonly Family[]) {
    if (!families.length) throw new Error('a font chain needs at least one family');
  }

  get primary(): Family {
    return this.families[0];
  }

  get names(): string[] {
    return this.families.map((f) => f.name);
  }

  /** The first family that draws a glyph unit, or undefined when none does. */
  familyFor(unit: string): Family | undefined {
    // The primary family first, and alone when it can: fallback files are read only when needed.
    return this.families.find((f) => familyHas(f, unit));
  }

  /**
   * The text cut into runs, each drawn by one family. A character that no family has stays with
   * the primary one: the glyph check refuses such text before anything is rendered.
   */
  segments(text: string): { text: string; family: Family }[] {
    const out: { text: string; family: Family }[] = [];
    for (const { unit } of glyphUnits(text)) {
      const family = this.familyFor(unit) ?? this.primary;
      // A fallback face that draws a character must reach the PDF writer, even if the check found it
      // in the coverage cache without reading the file.
      if (family !== this.primary) family.regular.used = family.bold.used = true;
      const last = out[out.length - 1];
      if (last && last.family === family) last.text += unit;
      else out.push({ text: unit, family });
    }
    return out.length ? out : [{ text, family: this.primary }];
  }

  /**
   * How wide `text` is set at `size` points, each character in the family that draws it (the width
   * a PDF gives it; Word and LibreOffice use the same advances). For what is placed before the
   * text is laid out: the 案 mark's box, the page number's room.
   */
  width(text: string, size: number, bold = false): number {
    return this.segments(text).reduce((sum, seg) => {
      const font = (bold ? seg.family.bold : seg.family.regular).font;
      return sum + (font.layout(seg.text).advanceWidth / font.unitsPerEm) * size;
    }, 0);
  }

  /** Advances of single characters in ems, regular and bold, as `advance` gave them. */
  private readonly advances = [new Map<string, number>(), new Map<string, number>()];

  /**
   * The advance of one character in ems: `width(char, 1, bold)`, remembered. The HTML writer's
   * column balancing (layout/balance.ts) asks it for every character of a document, and each ask
   * of `width` shapes the character with fontkit anew (a few thousand of them were most of the
   * summary's HTML time).
   */
  advance(char: string, bold = false): number {
    const known = this.advances[bold ? 1 : 0];
    let w = known.get(char);
    if (w === undefined) known.set(char, (w = this.width(char, 1, bold)));
    return w;
  }

  /** The glyph units of `text` that no family of the chain can draw. */
  missing(text: string): MissingGlyph[] {
    return glyphUnits(text)
      .filter(({ unit }) => !this.familyFor(unit))
      .map(({ unit, index }) => ({ char: unit, codePoint: codePointName(unit), index }));
  }
}

/** A theme's font setting: one family, or a list to fall back through. */
export const familyNames = (setting: string | readonly string[]): string[] => (typeof setting === 'string' ? [setting] : [...setting]);

export interface FontChains {
  registry: FontRegistry;
  body: FontChain;
  heading: FontChain;
  /** Each distinct chain once (body and heading are often the same). */
  all: FontChain[];
}

/** What a look says of fonts: each style's family, or families to fall back through (the theme's `fonts`). */
export interface FontSetting {
  fonts: Readonly<Record<FontStyle, string | readonly string[]>>;
}

const made = new WeakMap<FontRegistry, WeakMap<FontSetting, FontChains>>();

/** The chains of a theme's styles, made once per registry and theme. */
export function fontChains(registry: FontRegistry, theme: FontSetting): FontChains {
  let byTheme = made.get(registry);
  if (!byTheme) made.set(registry, (byTheme = new WeakMap()));
  let chains = byTheme.get(theme);
  if (!chains) {
    const chain = (style: FontStyle) => new FontChain(familyNames(theme.fonts[style]).map((n) => registry.family(n)));
    const body = chain('body');
    const heading = chain('heading');
    const same = body.names.join('\0') === heading.names.join('\0');
    chains = { registry, body, heading: same ? body : heading, all: same ? [body] : [body, heading] };
    byTheme.set(theme, chains);
  }
  return chains;
}

const drawable = new WeakMap<Family, Map<string, boolean>>();

/** Whether a family draws a glyph unit in both its weights (remembered: the same characters recur). */
export function familyHas(family: Family, unit: string): boolean {
  let m = drawable.get(family);
  if (!m) drawable.set(family, (m = new Map()));
  let has = m.get(unit);
  if (has === undefined) {
    has = family.regular.coverage.has(unit) && (family.bold === family.regular || family.bold.coverage.has(unit));
    m.set(unit, has);
  }
  return has;
}
