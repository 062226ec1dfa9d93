import type { Block, Column, Document, Run } from '../../document/ir.js';
import type { FontChains } from '../../fonts/chain.js';
import type { Theme } from '../../theme/theme.js';
import type { Fit } from '../../layout/decisions.js';
import { escapeMarkup } from '../markup.js';
import { setText } from './text.js';

// What every block module of the HTML writer is given: a way back to the dispatcher for the blocks
// inside a block, and the outline, so that headings come in order. The look is the stylesheet's
// (style.ts): blocks only name their classes.

export interface HtmlContext {
  /** The document being written, and what the layout stage decided for it (layout/decisions.ts). */
  doc: Document;
  fit: Fit;
  theme: Theme;
  /** The fonts the page asks for first, to estimate how the browser sets a text (layout/balance.ts). */
  fonts: FontChains;
  /** `<h2>` or `<h3>`: the title of a heading, box or column at the rank the document model gives it. */
  heading(b: Block | Column, runs: readonly Run[], className: string): string;
  /** Runs as inline HTML, escaped. */
  inlines(runs: readonly Run[]): string;
  /** SVG of a QR code, made before the blocks are written (making it is asynchronous). */
  qrSvg(value: string): string;
  blocks(bs: readonly Block[]): string;
}

/**
 * Bold is `<b>` (a look, as in the PDF); an underlined run is a changed passage of a 新旧対照表, so it
 * is `<mark>`, which assistive technology can announce, drawn as the underline the table's note names.
 * A run with a link is an `<a href>` (the markup admits only http, https and mailto addresses).
 * Its text keeps phone numbers, short bracketed words and URLs whole (text.ts).
 */
export function inlines(runs: readonly Run[]): string {
  return runs
    .map((r, i) => {
      let s = setText(r.text, i === runs.length - 1);
      if (r.underline) s = `<mark>${s}</mark>`;
      if (r.bold) s = `<b>${s}</b>`;
      if (r.link) s = `<a href="${escapeMarkup(r.link)}">${s}</a>`;
      return s;
    })
    .join('');
}
