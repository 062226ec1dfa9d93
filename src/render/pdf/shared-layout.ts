import { parsedOnce } from '../../fonts/parse.js';
import { wrapPdfmake } from '../../layout/pdfmake/hook.js';

// Shaping a string (fontkit's layout: glyph lookup, substitutions, positions) gives the same result in
// every document set in the same font, but pdfkit keeps its cache per document. The page fitter lays
// a document out several times and the 67 handouts share most of their text, so the cache is kept per
// parsed font for the whole process instead. A run is only read once made (pdfkit copies a position
// before changing it), so documents can share it.

// pdfkit then splits every string it draws or measures into words at each space and tab (its test
// makes an array for every character) and joins the words' runs with `concat` (a new array per
// word); and encoding a run formats each glyph's number as four hex digits anew. The runs are walked
// here with the same cuts and their glyphs and positions appended in place, and the hex digits of a
// glyph number are made once per process: the same arrays of the same glyphs and positions, the same
// sums in the same order, the same subset glyphs, widths and code points in the same order.

interface Run {
  glyphs: { id: number; advanceWidth: number; codePoints: number[] }[];
  positions: unknown[];
  advanceWidth: number;
}
interface EmbeddedFont {
  font: object;
  layoutRun(text: string): unknown;
  layoutCached(text: string): unknown;
  layout(text: string, features?: unknown, onlyWidth?: boolean): Run;
  encode(text: string, features?: unknown): [string[], unknown[]];
  subset: { includeGlyph(id: number): number };
  widths: (number | undefined)[];
  unicode: (number[] | undefined)[];
  scale: number;
}
type ProvideFont = (this: unknown, familyName: string, bold: boolean, italics: boolean) => EmbeddedFont;

/** Enough for a 500-jurisdiction build; a long `watch` or preview session starts over past it. */
const MAX_RUNS_PER_FONT = 200_000;

const SPACE = 0x20;
const TAB = 0x09;

/** pdfkit's layout without features: its runs cut at the same places, appended instead of concatenated. */
function layout(this: EmbeddedFont, text: string, onlyWidth: boolean): Run {
  const glyphs: Run['glyphs'] | null = onlyWidth ? null : [];
  const positions: unknown[] | null = onlyWidth ? null : [];
  let advanceWidth = 0;
  let last = 0;
  let index = 0;
  while (index <= text.length) {
    const code = text.charCodeAt(index);
    if ((index === text.length && last < index) || code === SPACE || code === TAB) {
      const run = this.layoutCached(text.slice(last, ++index)) as Run;
      if (glyphs && positions) {
        for (const glyph of run.glyphs) glyphs.push(glyph);
        for (const position of run.positions) positions.push(position);
      }
      advanceWidth += run.advanceWidth;
      last = index;
    } else {
      index++;
    }
  }
  return { glyphs: glyphs as Run['glyphs'], positions: positions as unknown[], advanceWidth };
}

/** Four hex digits of a glyph number, as pdfkit writes them (its last four for a larger one). */
const hexes: string[] = [];
const hex4 = (gid: number) => (gid < 0x10000 ? (hexes[gid] ??= `0000${gid.toString(16)}`.slice(-4)) : `0000${gid.toString(16)}`.slice(-4));

function encode(this: EmbeddedFont, text: string, features?: unknown): [string[], unknown[]] {
  const { glyphs, positions } = this.layout(text, features);
  const res: string[] = [];
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i];
    const gid = this.subset.includeGlyph(glyph.id);
    res.push(hex4(gid));
    if (this.widths[gid] == null) this.widths[gid] = glyph.advanceWidth * this.scale;
    if (this.unicode[gid] == null) this.unicode[gid] = glyph.codePoints;
  }
  return [res, positions];
}

const runs = new WeakMap<object, Map<string, unknown>>();
function layoutCached(this: EmbeddedFont, text: string): unknown {
  let cache = runs.get(this.font);
  if (!cache) runs.set(this.font, (cache = new Map()));
  let run = cache.get(text);
  if (run === undefined) {
    if (cache.size >= MAX_RUNS_PER_FONT) cache.clear();
    cache.set(text, (run = this.layoutRun(text)));
  }
  return run;
}

const patched = new WeakSet<object>();

/**
 * The prototype of pdfkit's embedded fonts, once: runs shared, laid out and encoded as above. Only
 * embedded fonts shape text (pdfkit's built-in fonts have no layoutRun); if a pdfkit upgrade renames
 * what is replaced, documents are still right, only slower.
 */
export function shareEmbeddedLayout(proto: EmbeddedFont): void {
  if (patched.has(proto) || typeof proto.layoutCached !== 'function' || typeof proto.layoutRun !== 'function') return;
  proto.layoutCached = layoutCached;
  const { layout: pdfkitLayout } = proto;
  if (typeof pdfkitLayout === 'function' && typeof proto.encode === 'function') {
    proto.layout = function (this: EmbeddedFont, text, features, onlyWidth) {
      // With features pdfkit shapes the whole string, uncached; left to it.
      return features ? pdfkitLayout.call(this, text, features, onlyWidth) : layout.call(this, text, !!onlyWidth);
    };
    proto.encode = encode;
  }
  patched.add(proto);
}

/** Once per process; later calls do nothing. */
export function installSharedLayout(): void {
  // pdfkit does not export its font class: its prototype is reached through the first font made.
  wrapPdfmake<ProvideFont>('PDFDocument', 'provideFont', (provideFont) => function (familyName, bold, italics) {
    const font = provideFont.call(this, familyName, bold, italics);
    // A font pdfkit parsed itself means pdfkit was loaded before fontkit was shared (see index.ts):
    // every document would pay for parsing the fonts again, and nothing else would show it.
    if (font.font && !parsedOnce(font.font)) throw new Error('pdfkit parsed a font itself: pdfkit was loaded before shareParsedFonts()');
    shareEmbeddedLayout(Object.getPrototypeOf(font) as EmbeddedFont);
    return font;
  });
}
