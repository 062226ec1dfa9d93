import { walkBlocks, type Block, type Document } from '../document/ir.js';
import type { Theme } from '../theme/theme.js';

// What the layout stage decides for a document's pages, handed to every writer beside the document:
// the model says what is written, this how large and where. Writers set the same sizes, pitch and
// measures from it, so that PDF, Word and HTML come out alike.

export interface Fit {
  /** Body text is multiplied by this (1 = the theme's sizes). */
  scale: number;
  /** Line pitch as a multiple of the type size (the theme bounds it). */
  leading: number;
  /** The weights each columns block got, in the order the blocks come (walkBlocks): replaces the template's. */
  columns?: number[][];
  /**
   * The lines the PDF's line breaker ended early so that a paragraph's last line is not stranded,
   * as laid out at this fit: the Word writer spaces their characters to the measure, so that Word
   * and LibreOffice, which cannot be told where to end a line, end it there too.
   */
  earlyLines?: EarlyLine[];
}

/** A line ended early (layout/pdfmake/line-fill.ts), in its text block (document/ir.ts textBlocks order). */
export interface EarlyLine {
  block: number;
  /** Where its text starts and ends in the block's text (UTF-16 offsets), and that text. */
  from: number;
  to: number;
  text: string;
  /** The room the line left at its measure, which justification spread; and the width of what was moved to the next line, its first inline's, in points. */
  room: number;
  next: number;
}

/** A page with nothing to keep to is set at the theme's own size and leading. */
export const unfitted = (theme: Theme): Fit => ({ scale: 1, leading: theme.lineHeight });

/** The columns blocks' weights, as fitted where the fit says so, else as the template gave them. */
export function columnWeights(doc: Document, fit: Fit, b: Extract<Block, { kind: 'columns' }>): number[] {
  const k = [...walkBlocks(doc)].filter((x) => x.kind === 'columns').indexOf(b);
  return fit.columns?.[k] ?? b.columns.map((c) => c.weight);
}
