// Must come before pdfmake, which loads pdfkit, which takes fontkit as it finds it.
import '../../fonts/parse.js';
import pdfmake from 'pdfmake';
import type { Document } from '../../document/ir.js';
import { runsText } from '../../document/ir.js';
import { fontChains, type FontChains } from '../../fonts/chain.js';
import type { Face, FontRegistry } from '../../fonts/registry.js';
import type { Theme } from '../../theme/theme.js';
import { pageSize, pdfDefinition } from './definition.js';
import { installKinsoku } from './line-breaks.js';

// pdfmake is driven from here (line-breaks.ts alone reaches into its line breaking). Fonts are
// handed over once, as loaded buffers.

// 禁則処理: pdfmake's line breaking follows src/text/kinsoku.ts (see line-breaks.ts).
installKinsoku();

let tableGiven: FontRegistry | undefined;
const written = new WeakSet<Face>();

/**
 * Hand pdfmake its font table once, and the data of the faces it may need: each style's first
 * family (page numbers and marks use it too) and every other face that has been read. A fallback
 * face is read only when a chain sent a character to it, which happens while the definition is
 * made; so this runs after that, and before pdfmake lays out.
 */
function useFonts(chains: FontChains): void {
  const fonts = chains.registry;
  if (tableGiven !== fonts) {
    pdfmake.setFonts(fonts.pdfmakeFonts());
    // Documents never fetch anything: fonts are buffers and there are no external images.
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    tableGiven = fonts;
  }
  const primary = new Set(chains.all.flatMap((c) => [c.primary.regular, c.primary.bold]));
  for (const [name, face] of fonts.faces()) {
    if ((face.loaded || primary.has(face)) && !written.has(face)) {
      pdfmake.virtualfs.writeFileSync(name, face.data);
      written.add(face);
    }
  }
}

export interface PdfResult {
  bytes: Buffer;
  pages: number;
  /** The scale of body text that made the document fit (1 = the theme's sizes). */
  scale: number;
}

export interface Overflow {
  /** Pages the content needs at the smallest allowed size. */
  pages: number;
  maxPages: number;
  /** How far the content runs past the last allowed page, in points and millimetres. */
  excessPt: number;
  /** Text of the top-level block that crosses the limit (its heading or first words). */
  section: string;
  minScale: number;
}

export class PdfOverflow extends Error {
  constructor(readonly overflow: Overflow) {
    super(`content overflows ${overflow.maxPages} page(s) by ${overflow.excessPt.toFixed(1)}pt at ${overflow.section}`);
  }
}

interface Layout {
  bytes: Buffer;
  pages: number;
  tops: Map<string, { page: number; top: number }>;
}

async function layout(doc: Document, theme: Theme, fonts: FontChains, scale: number, measure = false): Promise<Layout> {
  let pages = 0;
  const tops = new Map<string, { page: number; top: number }>();
  const def = pdfDefinition(doc, { theme, fonts, scale, measure });
  useFonts(fonts);
  (def as Record<string, unknown>).pageBreakBefore = (node: { id?: string; startPosition?: { pageNumber: number; top: number } }) => {
    if (node.id && node.startPosition) tops.set(node.id, { page: node.startPosition.pageNumber, top: node.startPosition.top });
    return false;
  };
  const footer = (def as Record<string, unknown>).footer as ((p: number, n: number) => unknown) | undefined;
  (def as Record<string, unknown>).footer = (page: number, count: number) => {
    pages = count;
    return footer ? footer(page, count) : null;
  };
  const bytes = await pdfmake.createPdf(def).getBuffer();
  return { bytes, pages, tops };
}

const SCALE_STEP = 0.02;

/**
 * Render to PDF bytes. A document with a page limit is shrunk in small steps of its body size,
 * never below the theme's minimum; past that, PdfOverflow says where and by how much.
 */
export async function renderPdf(doc: Document, theme: Theme, registry: FontRegistry): Promise<PdfResult> {
  const fonts = fontChains(registry, theme);
  const max = doc.page.maxPages;
  const first = await layout(doc, theme, fonts, 1);
  if (!max || first.pages <= max) return { bytes: first.bytes, pages: first.pages, scale: 1 };

  const minScale = theme.sizes.minBody / theme.sizes.body;
  // Binary search over steps of SCALE_STEP: the largest scale that fits.
  let lo = Math.ceil(minScale / SCALE_STEP);
  let hi = Math.floor(1 / SCALE_STEP) - 1;
  let best: Layout | undefined;
  let bestScale = 0;
  const atLo = await layout(doc, theme, fonts, lo * SCALE_STEP);
  if (atLo.pages > max) throw new PdfOverflow(await overflow(doc, theme, fonts, minScale, max));
  best = atLo;
  bestScale = lo * SCALE_STEP;
  lo += 1;
  while (lo <= hi) {
    const mid = Math.floor((lo + hi) / 2);
    const l = await layout(doc, theme, fonts, mid * SCALE_STEP);
    if (l.pages <= max) {
      best = l;
      bestScale = mid * SCALE_STEP;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return { bytes: best.bytes, pages: best.pages, scale: Math.round(bestScale * 100) / 100 };
}

async function overflow(doc: Document, theme: Theme, fonts: FontChains, scale: number, maxPages: number): Promise<Overflow> {
  // Lay the content out on one endless page to see how tall it is and where the limit falls.
  const tall = await layout(doc, theme, fonts, scale, true);
  const [mTop, , mBottom] = theme.page.margins;
  const usable = pageSize(doc, theme).height - mTop - mBottom;
  const limit = mTop + usable * maxPages;
  const end = tall.tops.get('end')?.top ?? limit;
  let section = '';
  for (let i = 0; i < doc.body.length; i++) {
    const next = tall.tops.get(i + 1 < doc.body.length ? `block-${i + 1}` : 'end')?.top ?? end;
    if (next > limit) {
      section = describeBlock(doc, i);
      break;
    }
  }
  return { pages: Math.ceil((end - mTop) / usable), maxPages, excessPt: Math.max(0, end - limit), section, minScale: scale };
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
