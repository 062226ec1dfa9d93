import { runsText, type Document } from '../document/ir.js';
import type { Problem } from '../core/problem.js';
import { pageSize } from '../document/paper.js';
import type { WriterOptions } from './options.js';

// Fitting the page, a step on the document before any writer: a document with a page limit is laid
// out (by the PDF's layout engine, the one that decides where lines break) and, when it runs over,
// its body type is shrunk in small steps, never below the theme's minimum. The chosen scale goes
// into the document, so that every writer draws the same sizes.

const SCALE_STEP = 0.02;
/** Points to millimetres, for people who measure paper with a ruler. */
const MM_PER_PT = 25.4 / 72;

export interface Fitted {
  /** The document with its fit; absent when it cannot be made to fit (see problems). */
  doc?: Document;
  pages?: number;
  problems: Problem[];
  /** When it does not fit: the top-level blocks of the section to shorten (the tallest). */
  section?: number[];
}

// Rounded as it is reported: the scale a writer reads is the one the layout was measured at.
const withScale = (doc: Document, scale: number): Document => ({ ...doc, fit: { scale: Math.round(scale * 100) / 100 } });

export async function fitDocument(doc: Document, options: WriterOptions): Promise<Fitted> {
  const { layoutPdf } = await import('./pdf/index.js');
  const pages = async (d: Document) => (await layoutPdf(d, options)).pages;
  const max = doc.page.maxPages;
  const first = withScale(doc, 1);
  // Without a page limit there is nothing to fit: the PDF writer lays it out when it writes.
  if (!max) return { doc: first, problems: [] };
  const firstPages = await pages(first);
  if (firstPages <= max) return { doc: first, pages: firstPages, problems: [] };

  const minScale = options.theme.sizes.minBody / options.theme.sizes.body;
  // Binary search over steps of SCALE_STEP: the largest scale that fits. The PDF writer keeps the
  // layout of each fitted document it measured, so the one chosen is not laid out again.
  let lo = Math.ceil(minScale / SCALE_STEP);
  let hi = Math.floor(1 / SCALE_STEP) - 1;
  let best = withScale(doc, lo * SCALE_STEP);
  let bestPages = await pages(best);
  if (bestPages > max) return overflow(doc, options, minScale, max);
  lo += 1;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const tried = withScale(doc, mid * SCALE_STEP);
    const n = await pages(tried);
    if (n <= max) {
      [best, bestPages] = [tried, n];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return { doc: best, pages: bestPages, problems: [] };
}

/** Top-level blocks grouped into sections: a box alone, a level-1 heading with the blocks after it. */
function sections(doc: Document): number[][] {
  const out: number[][] = [];
  doc.body.forEach((b, i) => {
    const opens = b.kind === 'box' || (b.kind === 'heading' && b.level === 1);
    const last = out[out.length - 1];
    if (!last || opens || doc.body[last[0]].kind === 'box') out.push([i]);
    else last.push(i);
  });
  return out;
}

async function overflow(doc: Document, options: WriterOptions, scale: number, maxPages: number): Promise<Fitted> {
  const { layoutPdf } = await import('./pdf/index.js');
  // Lay the content out on one endless page to see how tall it is and how tall each part is.
  const tall = await layoutPdf({ ...doc, fit: { scale } }, options, true);
  const [mTop, , mBottom] = options.theme.page.margins;
  const usable = pageSize(options.theme.page.size, doc.page.orientation).height - mTop - mBottom;
  const limit = mTop + usable * maxPages;
  const end = tall.tops.get('end')?.top ?? limit;
  const top = (i: number) => tall.tops.get(i < doc.body.length ? `block-${i}` : 'end')?.top ?? end;
  // The section that takes the most room is the one to shorten, not the one the page happens to end in.
  const height = (section: number[]) => top(section[section.length - 1] + 1) - top(section[0]);
  const tallest = sections(doc).reduce((a, b) => (height(b) > height(a) ? b : a), [0]);
  const excess = Math.max(0, end - limit);
  const s = options.theme.sizes;
  return {
    section: tallest,
    problems: [{
      severity: 'error',
      code: 'layout/overflow',
      message:
        `文書が ${maxPages} ページに収まりません（本文を下限の ${(s.body * scale).toFixed(1)}pt まで縮めても）。` +
        `いちばん場所を取っているのは「${describeBlock(doc, tallest[0])}」の節です。`,
      document: `${runsText(doc.title)}（約 ${excess.toFixed(0)}pt、${(excess * MM_PER_PT).toFixed(0)}mm はみ出す）`,
      hint: 'その節の文言を短くするか、templates/theme.yaml の sizes.minBody を見直してください。',
    }],
  };
}

function describeBlock(doc: Document, index: number): string {
  // Name a block by the heading that introduces it, so the message points at a section people know.
  for (let i = index; i >= 0; i--) {
    const b = doc.body[i];
    if (b.kind === 'heading') return runsText(b.runs);
    if (b.kind === 'box') return runsText(b.title);
  }
  return runsText(doc.title);
}
