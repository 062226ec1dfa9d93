import { runsText, walkBlocks, type Document } from '../src/document/ir.js';
import { graphemes, HANGING } from '../src/text/kinsoku.js';
import { spacedBetween } from '../src/text/spacing.js';
import { LATIN_SPACE_EM, SHORT_LAST_LINE } from '../src/layout/metrics.js';
import { markedText } from './helpers.js';
import type { PdfDocument } from './pdfjs.js';

// How a PDF is typeset, read back as a reader's program sees it: pdf.js gives each piece of text
// with its place and size, and the structure tree says which paragraph it belongs to. Written for
// our own PDFs and for LibreOffice's tagged export of our Word files alike, so that the checks of
// test/typography.test.ts hold both formats to the same measures.

export interface SetLine {
  page: number;
  text: string;
  left: number;
  right: number;
  /** The baseline, in points from the bottom of the page. */
  baseline: number;
  /** The type size of the line's largest text. */
  size: number;
  /** The paragraph (structure element) the line belongs to, and its role (P, LBody, H2…). */
  paragraph: number;
  role: string;
  /** The frame the paragraph stands in (a table cell or a section), which sets its measure. */
  frame: number;
  /** The last line of its paragraph on this page. */
  last: boolean;
}

export interface Typeset {
  pages: number;
  width: number;
  height: number;
  lines: SetLine[];
}

interface Node {
  role?: string;
  type?: 'content' | 'annotation' | 'object';
  id?: string;
  children?: Node[];
}

/** Elements whose text belongs to the paragraph around them: inline spans, links. */
const INLINE = new Set(['Span', 'Link', 'Lbl', 'Quote', 'Code', 'Reference', 'Note']);
/** Elements that set a measure: a cell, a section, a box. */
const FRAME = new Set(['TD', 'TH', 'Sect', 'Div', 'Document', 'Table', 'Part', 'Art']);

/** The lines of a PDF, given as bytes or already open (test/pdfjs.ts readPdf). */
export async function typeset(source: Uint8Array | PdfDocument): Promise<Typeset> {
  return (await import('./pdfjs.js')).readPdf(source, typesetOpen);
}

async function typesetOpen(pdf: PdfDocument): Promise<Typeset> {
  const out: Typeset = { pages: pdf.numPages, width: 0, height: 0, lines: [] };
  // Elements are numbered in the order they are met: the same paragraph on one page keeps its number.
  const numbers = new Map<Node, number>();
  const number = (n: Node) => numbers.get(n) ?? (numbers.set(n, numbers.size), numbers.size - 1);
  for (let p = 1; p <= pdf.numPages; p++) {
    const page = await pdf.getPage(p);
    [, , out.width, out.height] = page.view;
    const owner = new Map<string, { paragraph: Node; frame: Node }>();
    const visit = (n: Node, paragraph: Node | undefined, frame: Node) => {
      if (n.type === 'content' && n.id && paragraph) owner.set(n.id, { paragraph, frame });
      const role = n.role ?? '';
      const isFrame = FRAME.has(role) || !n.role;
      const next = n.role && !INLINE.has(role) && !isFrame ? n : (INLINE.has(role) ? paragraph : undefined);
      n.children?.forEach((c) => visit(c, next, isFrame ? n : frame));
    };
    const tree = (await page.getStructTree()) as unknown as Node | null;
    if (tree) visit(tree, undefined, tree);
    const content = await page.getTextContent({ includeMarkedContent: true });
    let line: (SetLine & { key: Node }) | undefined;
    const lines: (SetLine & { key: Node })[] = [];
    for (const { str, stack, item } of markedText(content.items)) {
      const id = stack[stack.length - 1]?.id;
      const at = id ? owner.get(id) : undefined;
      if (!at) continue; // an artifact: page furniture, not text
      const t = item.transform as number[];
      const size = Math.hypot(t[2], t[3]);
      const x = t[4];
      const baseline = t[5];
      const width = Number(item.width);
      const sameLine = line && line.key === at.paragraph && Math.abs(line.baseline - baseline) < Math.max(1, size * 0.3);
      if (!sameLine) {
        line = {
          key: at.paragraph, page: p, text: '', left: x, right: x + width, baseline, size,
          paragraph: number(at.paragraph), role: at.paragraph.role ?? '', frame: number(at.frame), last: false,
        };
        lines.push(line);
      }
      line!.text += str;
      line!.left = Math.min(line!.left, x);
      line!.right = Math.max(line!.right, x + width);
      line!.size = Math.max(line!.size, size);
    }
    lines.forEach((l, i) => {
      l.last = !lines.slice(i + 1).some((m) => m.key === l.key);
      const { key: _key, ...rest } = l;
      out.lines.push(rest);
    });
  }
  return out;
}

/** Characters a reader counts: graphemes, without spaces. */
export const charCount = (text: string) => graphemes(text.replace(/\s+/g, '')).length;

/** A line that ends with a full stop or comma, which may hang past the measure (ぶら下げ). */
export const hangs = (l: SetLine) => HANGING.has(l.text.trimEnd().slice(-1));

/** The measure of each frame: where its widest line ends, a hanging mark aside. */
export function measures(t: Typeset): Map<string, number> {
  const m = new Map<string, number>();
  for (const l of t.lines) {
    if (hangs(l)) continue;
    const k = `${l.page}:${l.frame}`;
    m.set(k, Math.max(m.get(k) ?? 0, l.right));
  }
  return m;
}

export interface Findings {
  /** Lines of a justified paragraph, not its last, that end short of the measure: text and how far. */
  ragged: { text: string; short: number }[];
  /** Last lines (of a paragraph, or before a line break) of fewer than four characters. */
  stranded: string[];
  /** Text smaller than the body size. */
  small: { text: string; size: number }[];
  /** Consecutive lines of a paragraph closer than the pitch asked for (as a multiple of the size). */
  tight: { text: string; pitch: number }[];
  /** Where the lowest line ends, in points above the bottom edge of the last page. */
  lowest: number;
}

/**
 * What a typographer would send back, read from a typeset document: `breaks` are the texts that
 * end a line by a line break inside a paragraph (Word's items end their title so), whose last line
 * is a last line too.
 */
export function findings(
  t: Typeset,
  opts: { body: number; pitch: number; breaks?: readonly string[]; tolerance?: number | ((l: SetLine) => number) },
): Findings {
  const tolerance = typeof opts.tolerance === 'number' ? opts.tolerance : 0.5;
  const measure = measures(t);
  const breaks = (opts.breaks ?? []).map((b) => b.replace(/\s+/g, '')).filter((b) => b.length > 0);
  const out: Findings = { ragged: [], stranded: [], small: [], tight: [], lowest: Infinity };
  const byParagraph = new Map<string, SetLine[]>();
  for (const l of t.lines) {
    const k = `${l.page}:${l.paragraph}`;
    byParagraph.set(k, [...(byParagraph.get(k) ?? []), l]);
    if (l.size < opts.body - 0.01) out.small.push({ text: l.text, size: l.size });
    if (l.page === t.pages) out.lowest = Math.min(out.lowest, l.baseline);
  }
  for (const lines of byParagraph.values()) {
    let so = '';
    lines.forEach((l, i) => {
      so += l.text.replace(/\s+/g, '');
      const segmentEnd = i < lines.length - 1 && breaks.some((b) => so.endsWith(b));
      const last = i === lines.length - 1 || segmentEnd;
      const started = i === 0 || breaks.some((b) => (so.slice(0, so.length - l.text.replace(/\s+/g, '').length)).endsWith(b));
      if (last) {
        if (!started && charCount(l.text) <= SHORT_LAST_LINE) out.stranded.push(l.text);
      } else {
        // A line ends at its measure; one that ends with a hanging mark ends there or hangs it past.
        const at = measure.get(`${l.page}:${l.frame}`) ?? l.right;
        const short = at - l.right;
        const allowed = typeof opts.tolerance === 'function' ? opts.tolerance(l) : tolerance;
        if (short > allowed || (hangs(l) ? short < -l.size : short < -allowed)) out.ragged.push({ text: l.text, short: Math.round(short * 100) / 100 });
      }
      const next = lines[i + 1];
      if (next && l.baseline - next.baseline < opts.pitch * l.size - 0.05) {
        out.tight.push({ text: l.text, pitch: Math.round(((l.baseline - next.baseline) / l.size) * 100) / 100 });
      }
    });
  }
  return out;
}

/** The measures: body type of at least 9.5 pt on a pitch of at least 1.3. */
export const TYPE = { body: 9.5, pitch: 1.3 };

/** The texts a Word list item ends with a line break (its title, before its programmes). */
export const wordBreaks = (doc: Document) =>
  [...walkBlocks(doc)].flatMap((b) => (b.kind === 'list' ? b.items.filter((it) => it.children.length).map((it) => runsText(it.runs)) : []));

/**
 * LibreOffice spreads a justified line's room in whole units of its layout (twips) per character
 * and can leave up to one unit per character unspread: a line of 50 characters may end 2.5 pt short
 * of its measure (measured: at most 2.4 pt). That is LibreOffice's arithmetic, not the file's.
 */
export const twipPerCharacter = (l: SetLine) => 0.5 + 0.05 * [...l.text.replace(/\s+/g, '')].length;

/** What a typographer would find wrong, in the form a test compares with nothing found. */
export function typographyOf(stem: string, t: Typeset, opts: { breaks?: readonly string[]; tolerance?: number | ((l: SetLine) => number) } = {}) {
  const f = findings(t, { ...TYPE, ...opts });
  return { stem, ragged: f.ragged, stranded: f.stranded, small: f.small, tight: f.tight };
}

export const nothingWrong = (stem: string) => ({ stem, ragged: [], stranded: [], small: [], tight: [] });

/** How far up the last page the lowest line stands, as a share of the page's height. */
export const lowestShare = (t: Typeset) => Math.min(...t.lines.filter((l) => l.page === t.pages).map((l) => l.baseline)) / t.height;

/**
 * The spacing of every line of a PDF, read back with pdf.js: each pair of neighbouring pieces of
 * text on a line (pdfmake draws a line's characters as pieces, and pdf.js reports each with its
 * place and advance) is set no closer than its advance and spread no further than `maxSpread` ems
 * (beyond the quarter em where Japanese meets a Latin word); no text is drawn with its letters set
 * closer (a negative Tc). Gaps wider than an em are columns or a label's tab, not spacing.
 */
export async function spacingFaults(source: Uint8Array | PdfDocument, maxSpread: number): Promise<{ squeezed: string[]; spread: string[]; tracked: number }> {
  const { default: pdfjs, readPdf } = await import('./pdfjs.js');
  return readPdf(source, async (pdf) => {
    const out = { squeezed: [] as string[], spread: [] as string[], tracked: 0 };
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const ops = await page.getOperatorList();
      ops.fnArray.forEach((fn, i) => {
        if (fn === pdfjs.OPS.setCharSpacing && (ops.argsArray[i] as number[])[0] < -1e-6) out.tracked += 1;
      });
      const items = ((await page.getTextContent()).items as { str?: string; transform: number[]; width: number }[]).filter((i) => i.str !== undefined && i.str !== '');
      for (let k = 0; k + 1 < items.length; k++) {
        const a = items[k];
        const b = items[k + 1];
        const size = Math.hypot(a.transform[2], a.transform[3]);
        if (!a.str!.trim() || !b.str!.trim() || Math.abs(a.transform[5] - b.transform[5]) > 0.5) continue;
        const gap = b.transform[4] - (a.transform[4] + a.width);
        if (gap > size) continue;
        const room = spacedBetween(a.str!.slice(-1), b.str![0]) ? LATIN_SPACE_EM * size : 0;
        const pair = `${a.str}|${b.str} (${(gap / size).toFixed(3)} em)`;
        if (gap < room - 0.01) out.squeezed.push(pair);
        else if (gap - room > maxSpread * size + 0.01) out.spread.push(pair);
      }
    }
    return out;
  });
}
