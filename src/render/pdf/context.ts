import type { Block, Run } from '../../document/ir.js';
import type { FontChains, FontStyle } from '../../fonts/chain.js';
import type { Theme } from '../../theme/theme.js';

// What every block module of the PDF writer is given: the look, the fonts, the scale, and a way back
// to the dispatcher for the blocks inside a block.

export type Node = Record<string, unknown>;

export interface PdfContext {
  theme: Theme;
  fonts: FontChains;
  /** The page the content is laid out on (the measuring page when the fitter measures). */
  size: { width: number; height: number };
  /** A size of the theme, scaled to fit and rounded as pdfmake is given it. */
  fs(pt: number): number;
  /** Runs as pdfmake inlines, in the body or the heading font. */
  inlines(runs: readonly Run[], style?: FontStyle): Node[];
  /** The table layout of bordered frames (the box, the columns, tables). */
  bordered: Node;
  block(b: Block): Node;
}

/**
 * Runs as pdfmake inlines (an array of inline objects is one paragraph). A character the style's
 * font lacks becomes an inline of its own in the fallback font that has it.
 */
export function inlines(runs: readonly Run[], fonts: FontChains, style: FontStyle = 'body'): Node[] {
  const chain = fonts[style];
  return runs.flatMap((r) => chain.segments(r.text).map((seg) => ({
    text: seg.text,
    ...(seg.family !== chain.primary ? { font: seg.family.name } : {}),
    ...(r.bold ? { bold: true } : {}),
    ...(r.underline ? { decoration: 'underline' } : {}),
  })));
}

/** Frames and tables: the theme's line and padding on every side. */
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
