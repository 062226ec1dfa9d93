import { parsedOnce } from '../../fonts/parse.js';
import { wrapPdfmake } from '../../layout/pdfmake/hook.js';

// Shaping a string (fontkit's layout: glyph lookup, substitutions, positions) gives the same result in
// every document set in the same font, but pdfkit keeps its cache per document. The page fitter lays
// a document out several times and the 67 handouts share most of their text, so the cache is kept per
// parsed font for the whole process instead. A run is only read once made (pdfkit copies a position
// before changing it), so documents can share it.

interface EmbeddedFont {
  font: object;
  layoutRun(text: string): unknown;
  layoutCached(text: string): unknown;
}
type ProvideFont = (this: unknown, familyName: string, bold: boolean, italics: boolean) => EmbeddedFont;

/** Enough for a 500-jurisdiction build; a long `watch` or preview session starts over past it. */
const MAX_RUNS_PER_FONT = 200_000;

/** Once per process; later calls do nothing. */
export function installSharedLayout(): void {
  const runs = new WeakMap<object, Map<string, unknown>>();
  const patched = new WeakSet<object>();
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
  // pdfkit does not export its font class: its prototype is reached through the first font made.
  wrapPdfmake<ProvideFont>('PDFDocument', 'provideFont', (provideFont) => function (familyName, bold, italics) {
    const font = provideFont.call(this, familyName, bold, italics);
    // A font pdfkit parsed itself means pdfkit was loaded before fontkit was shared (see index.ts):
    // every document would pay for parsing the fonts again, and nothing else would show it.
    if (font.font && !parsedOnce(font.font)) throw new Error('pdfkit parsed a font itself: pdfkit was loaded before shareParsedFonts()');
    const proto = Object.getPrototypeOf(font) as EmbeddedFont;
    // Only embedded fonts shape text (pdfkit's built-in fonts have no layoutRun); if a pdfkit upgrade
    // renames it, documents are still right, only slower.
    if (!patched.has(proto) && typeof proto.layoutCached === 'function' && typeof proto.layoutRun === 'function') {
      proto.layoutCached = layoutCached;
      patched.add(proto);
    }
    return font;
  });
}
