import { runsText, type Block, type Column, type Document, type Rank, type Run } from '../../document/ir.js';
import type { FontChains, FontStyle } from '../../fonts/chain.js';
import type { Theme } from '../../theme/theme.js';
import type { Fit } from '../../layout/decisions.js';
import { SPREAD } from '../../layout/pdfmake/line-fill.js';
import { TEXT_BLOCK } from '../../layout/pdfmake/measure.js';
import { SLOT, type StructurePlan } from './structure.js';

// What every block module of the PDF writer is given: the look, the fonts, the scale, and a way back
// to the dispatcher for the blocks inside a block.

export type Node = Record<string, unknown>;

export interface PdfContext {
  /** The document being written, and what the layout stage decided for it (layout/decisions.ts). */
  doc: Document;
  fit: Fit;
  theme: Theme;
  fonts: FontChains;
  /** The page the content is laid out on (the measuring page when the fitter measures). */
  size: { width: number; height: number };
  /** A size of the theme, scaled to fit, in the half points every format shares (layout/metrics.ts). */
  fs(pt: number): number;
  /** A vertical space of spacing.ts: it grows with the type and with the leading the fitter chose. */
  vs(pt: number): number;
  /** The line pitch, as a multiple of the type size. */
  leading: number;
  /** The first level's left edge inside a frame, from its outer edge (layout/metrics.ts). */
  inset: number;
  /** Runs as pdfmake inlines, in the body or the heading font, as content of the current structure element. */
  inlines(runs: readonly Run[], style?: FontStyle): Node[];
  /** The table layout of bordered frames (the box, the columns, tables). */
  bordered: Node;
  /** The logical structure being planned beside the definition (structure.ts). */
  tags: StructurePlan;
  /** The outline rank of a heading, a box or a column (document/ir.ts). */
  rank(b: Block | Column): Rank;
  block(b: Block): Node;
}

/** The structure type of a title of the given rank: the document's own title is H1. */
export const headingRole = (rank: Rank) => (rank === 2 ? 'H2' : 'H3');

/**
 * Runs as pdfmake inlines (an array of inline objects is one paragraph), each stamped with its slot
 * in the current structure element; the runs of a link go into a Link element of their own. A
 * character the style's font lacks becomes an inline of its own in the fallback font that has it.
 */
export function inlines(runs: readonly Run[], fonts: FontChains, tags: StructurePlan, style: FontStyle = 'body', block?: number, spread?: number): Node[] {
  const chain = fonts[style];
  // Each inline says which text block of the model it sets (measure.ts reads it back from the
  // lines) and how far justification may spread its line (line-fill.ts).
  const stamp = { ...(block !== undefined ? { [TEXT_BLOCK]: block } : {}), ...(spread !== undefined ? { [SPREAD]: spread } : {}) };
  // Consecutive runs that share a link (or share having none) are one stretch of content.
  const stretches: Run[][] = [];
  for (const r of runs) {
    const last = stretches[stretches.length - 1];
    if (last && last[0].link === r.link) last.push(r);
    else stretches.push([r]);
  }
  return stretches.flatMap((stretch) => {
    const link = stretch[0].link;
    const text = runsText(stretch);
    const slot = link ? tags.element('Link', () => tags.slot(text.trim() !== ''), { link, text }) : tags.slot(text.trim() !== '');
    return stretch.flatMap((r) => chain.segments(r.text).map((seg) => ({
      text: seg.text,
      [SLOT]: slot,
      ...stamp,
      ...(seg.family !== chain.primary ? { font: seg.family.name } : {}),
      ...(r.bold ? { bold: true } : {}),
      ...(r.underline ? { decoration: 'underline' } : {}),
    })));
  });
}

/** Frames and tables: the theme's line and padding on every side (line and padding make the inset, layout/metrics.ts). */
export function borderedLayout(theme: Theme): Node {
  const [padY, padX] = theme.border.padding;
  const c = theme.colors;
  return {
    hLineWidth: () => theme.border.width,
    vLineWidth: () => theme.border.width,
    hLineColor: () => c.border,
    vLineColor: () => c.border,
    paddingLeft: () => padX,
    paddingRight: () => padX,
    paddingTop: () => padY,
    paddingBottom: () => padY,
  };
}
