import { createRequire } from 'node:module';
import { wrapPdfmake } from './hook.js';

// The fitter lays a document out several times (fit.ts), most of them at one type size, and each
// time pdfmake breaks every text node into words and measures them again (TextInlines.buildInlines:
// the line breaker with the kinsoku rules, some twenty style lookups per word, the widths). What it
// makes of a node depends only on the node's own text and properties, on what the style stack says
// of the properties it looks up, and on the fonts they name: the same in any layout of the same
// process. So its words are kept, by all of that, and handed out again as fresh copies. The fonts
// are the one thing of the document's own: each word is given the document's font for its family
// and style, asked in the same order as pdfmake asks (the first asking loads a font into the
// document), and the words are reused only when those fonts are the parsed fonts they were measured
// in (fonts/parse.ts shares one parsed font per face across documents). The leading the fitter
// tries changes only each word's height (its line height times the font's): the stack's lineHeight
// is left out of the key, and the height is worked out again as pdfmake works it out.

const require = createRequire(import.meta.url);

/** Every property pdfmake's TextInlines and TextBreaker look up on the style stack (pdfmake 0.3). */
export const LOOKED_UP = [
  'alignment', 'background', 'bold', 'characterSpacing', 'color', 'decoration', 'decorationColor', 'decorationStyle',
  'decorationThickness', 'font', 'fontFeatures', 'fontSize', 'italics', 'leadingIndent', 'lineHeight', 'link',
  'linkToDestination', 'linkToPage', 'noWrap', 'opacity', 'preserveLeadingSpaces', 'preserveTrailingSpaces', 'sub', 'sup',
  'wordBreak',
] as const;

type Stack = object;
type StackClass = { getStyleProperty(item: object, stack: Stack, property: string, defaultValue: unknown): unknown };
interface PdfkitFont {
  /** The parsed font (fontkit) an embedded font measures with. */
  font?: object;
  lineHeight(size: number): number;
}
interface PdfDocument {
  provideFont(familyName: string, bold: boolean, italics: boolean): PdfkitFont;
}
type Word = Record<string, unknown> & { font?: PdfkitFont | null };
interface Built {
  items: Word[];
  minWidth: number;
  maxWidth: number;
}
type ProvideFont = (this: PdfDocument, familyName: string, bold: boolean, italics: boolean) => PdfkitFont;
type BuildInlines = (this: { pdfDocument: PdfDocument }, textArray: unknown, stack: Stack | undefined) => Built;

type FontAsked = [familyName: string, bold: boolean, italics: boolean];
interface Kept {
  /** The words as pdfmake made them, each with its font left out (null in its place). */
  words: Word[];
  /** Each word's font as it was asked for, and the parsed font it was measured in. */
  fonts: [...FontAsked, object][];
  minWidth: number;
  maxWidth: number;
}

/**
 * The summary keeps about 160 nodes and the 67 handouts about 320, some 14 KB each: this is ten times
 * that, and a long `watch` session starts over past it (the writer also starts over whenever the fonts
 * are loaded again, render/pdf/index.ts, so that no earlier fonts are kept alive by their words).
 */
const MAX_KEPT = 5_000;
const kept = new Map<string, Kept>();

/** A value as part of the key; undefined for one the key cannot hold (then nothing is kept). */
function part(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string': return JSON.stringify(v);
    case 'number': return Object.is(v, -0) ? 'n-0' : `n${v}`;
    case 'boolean': return v ? 't' : 'f';
    case 'undefined': return 'u';
    case 'object':
      if (v === null) return 'N';
      if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return `a${JSON.stringify(v)}`;
      return undefined;
    default: return undefined;
  }
}

/**
 * What pdfmake's words of a node depend on, as a string; undefined for a node whose words are not
 * kept: text nested in text, a named style or a reference to another node's text (a table of
 * contents), a value that is not plain.
 */
export function keyOf(textArray: unknown, stack: Stack | undefined, Styles: StackClass): string | undefined {
  if (!stack) return undefined;
  let key = '';
  for (const p of LOOKED_UP) {
    // Only a word's height depends on it, and reused() works that out for the stack it is given.
    if (p === 'lineHeight') continue;
    const v = part(Styles.getStyleProperty({}, stack, p, undefined));
    if (v === undefined) return undefined;
    key += `${v},`;
  }
  const items = Array.isArray(textArray) ? textArray : [textArray];
  for (const item of items) {
    if (typeof item === 'string') {
      key += `|${JSON.stringify(item)}`;
      continue;
    }
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
    const it = item as Record<string, unknown>;
    if (typeof it.text !== 'string' || it.style !== undefined || it._textRef !== undefined) return undefined;
    key += '|{';
    for (const k in it) {
      if (!Object.prototype.hasOwnProperty.call(it, k)) continue;
      const v = part(it[k]);
      if (v === undefined) return undefined;
      key += `${JSON.stringify(k)}:${v},`;
    }
    key += '}';
  }
  return key;
}

/** Keep a node's words; false when a word's font has no parsed font, or fonts were asked otherwise than once a word. */
function keep(key: string, built: Built, asked: FontAsked[]): boolean {
  if (asked.length !== built.items.length) return false;
  const fonts: Kept['fonts'] = [];
  for (let i = 0; i < asked.length; i++) {
    const parsed = built.items[i].font?.font;
    if (!parsed) return false;
    fonts.push([...asked[i], parsed]);
  }
  if (kept.size >= MAX_KEPT) kept.clear();
  kept.set(key, { words: built.items.map((w) => ({ ...w, font: null }) as Word), fonts, minWidth: built.minWidth, maxWidth: built.maxWidth });
  return true;
}

/**
 * The fonts pdfmake asks the document for while it makes a node's words: one a word, in order
 * (TextInlines.measure), by family, bold and italics as pdfmake passes them. (One font of the
 * document may stand for two styles, so the font alone does not say which was asked.)
 */
let asking: FontAsked[] | undefined;

/** The kept words for this document and stack, or undefined when its fonts are not the ones they were measured in. */
function reused(k: Kept, doc: PdfDocument, stack: Stack, Styles: StackClass): Built | undefined {
  const items: Word[] = [];
  for (let i = 0; i < k.words.length; i++) {
    const [family, bold, italics, parsed] = k.fonts[i];
    const font = doc.provideFont(family, bold, italics);
    if (font.font !== parsed) return undefined;
    const w = { ...k.words[i] };
    w.font = font;
    // As TextInlines.measure: the word's own lineHeight (copied from its inline) or the stack's.
    w.height = font.lineHeight(w.fontSize as number) * (Styles.getStyleProperty(w, stack, 'lineHeight', 1) as number);
    items.push(w);
  }
  return { items, minWidth: k.minWidth, maxWidth: k.maxWidth };
}

/** Forget every kept node: when the fonts are loaded again, and for tests that compare with a fresh measuring. */
export function forgetInlines(): void {
  kept.clear();
}

/** How many nodes' words are kept now. */
export const keptInlines = () => kept.size;

const counts = { reused: 0, measured: 0 };
/** How many nodes' words were reused and how many measured and kept, so far in this process. */
export const reuseCounts = () => ({ ...counts });

/** Once per process; later calls do nothing. */
export function installInlineReuse(): void {
  const Styles = (require('pdfmake/js/StyleContextStack.js') as { default: StackClass }).default;
  wrapPdfmake<BuildInlines>('TextInlines', 'buildInlines', (buildInlines) => function (textArray, stack) {
    const key = keyOf(textArray, stack, Styles);
    if (key === undefined) return buildInlines.call(this, textArray, stack);
    const k = kept.get(key);
    const again = k && reused(k, this.pdfDocument, stack as Stack, Styles);
    if (again) {
      counts.reused += 1;
      return again;
    }
    const asked: FontAsked[] = [];
    asking = asked;
    let built: Built;
    try {
      built = buildInlines.call(this, textArray, stack);
    } finally {
      asking = undefined;
    }
    if (keep(key, built, asked)) counts.measured += 1;
    return built;
  }, 'reuse');
  wrapPdfmake<ProvideFont>('PDFDocument', 'provideFont', (provideFont) => function (familyName, bold, italics) {
    asking?.push([familyName, bold, italics]);
    return provideFont.call(this, familyName, bold, italics);
  }, 'reuse');
}
