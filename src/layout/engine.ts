import type { Document } from '../document/ir.js';
import type { EarlyLine, Fit } from './decisions.js';

// The engine the layout stage measures with: it lays a document out at a fit, without drawing it,
// and says how its text came out; and it can set a paragraph it laid out again at another measure,
// as its own line breaker would. The fitter (fit.ts) knows nothing else of it. Today it is pdfmake,
// driven by the PDF writer's definition (render/pdf/index.ts `pdfEngine`, injected by the writers
// table), because the PDF is the format whose pages are the reference the others follow.

/** How a text block came out. */
export interface BlockLines {
  page: number;
  /** The bottom of its last line, in points from the top of that page. */
  bottom: number;
  lines: number;
  /** Characters of its last line. */
  lastChars: number;
  /** A line of it was ended early to keep its last line from being too short. */
  earlyBreak: boolean;
  /** Those lines, where the engine can say. */
  early?: Omit<EarlyLine, 'block'>[];
  /** The most room justification put between two inlines of one of its lines, in points. */
  spread: number;
  /** The room its first line had, and its line pitch. */
  maxWidth: number;
  pitch: number;
}

export interface Measured<B extends BlockLines = BlockLines> {
  pages: number;
  /** Where the content ends on the last page, in points from the top of the page. */
  bottom: number;
  /** Where each node with an id starts (`block-N`, `end`). */
  tops: Map<string, { page: number; top: number }>;
  /** Each text block of the model that was laid out, by its place in textBlocks order (document/ir.ts). */
  blocks: Map<number, B>;
}

/** How a paragraph sets at a measure. */
export interface Setting {
  lines: number;
  /** Characters of its last line. */
  lastChars: number;
  /** Last lines (of the paragraph, or before a hard break) shorter than SHORT_LAST_LINE + 1 characters (metrics.ts) that could not be helped. */
  short: number;
  /** The most room justification puts between two inlines of one of its lines, in points. */
  spread: number;
  /** When the engine can say so: it sets exactly so at every wider measure below this one. */
  below?: number;
}

/** A layout on the real pages, at the fit that will be written. */
export interface Laid<B extends BlockLines = BlockLines> extends Measured<B> {
  /**
   * The engine's own format as it came out of this layout, when the engine was asked to write it
   * (pdfmake: the PDF): handed on in the fit's result, so that its writer need not lay it out again.
   */
  written?: Uint8Array;
}

/** `B`: what the engine keeps of a text block it laid out, so that it can set it again. */
export interface LayoutEngine<B extends BlockLines = BlockLines> {
  /** Lay the document out at this fit, on its pages or on one endless page (to see how tall its content is). */
  measure(doc: Document, fit: Fit, endless?: boolean): Promise<Measured<B>>;
  /** Lay the document out on its real pages at the fit it is about to be given: the fitter's last layout. */
  lay(doc: Document, fit: Fit): Promise<Laid<B>>;
  /** A text block as it sets at another measure, in points. */
  refill(block: B, maxWidth: number): Setting;
  /** The most room justification may put between two inlines of the block, in points. */
  spreadBound(block: B): number;
}
