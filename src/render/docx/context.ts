import { BorderStyle, ExternalHyperlink, Paragraph, TextRun, type Table } from 'docx';
import type { Block, Column, Document, ListMarker, Rank, Run } from '../../document/ir.js';
import type { FontChains, FontStyle } from '../../fonts/chain.js';
import type { Theme } from '../../theme/theme.js';
import { frameInset } from '../../layout/metrics.js';
import type { Fit } from '../../layout/decisions.js';
import { cutSpaced, type Spaced } from './early.js';
import { eighths, hex, twip } from './units.js';

// What every block module of the Word writer is given, and the counters that must be unique across
// a document (numbering instances, picture ids).

export type BodyElement = Paragraph | Table;
/** What runs become in a paragraph: text, and text inside a hyperlink. */
export type Inline = TextRun | ExternalHyperlink;

export interface WordContext {
  /** The document being written, and what the layout stage decided for it (layout/decisions.ts). */
  doc: Document;
  fit: Fit;
  theme: Theme;
  fonts: FontChains;
  /** The fitted scale of body text (1 = the theme's sizes). */
  scale: number;
  /** A size of the theme, fitted, in half points (layout/metrics.ts typeSize). */
  size(pt: number): number;
  /** A space of the vertical rhythm (render/rhythm.ts), fitted, in twips. */
  space(pt: number): number;
  /** The width between the margins, in twips. */
  usableWidth: number;
  /**
   * How far the blocks written here stand in from each side, in twips: the frames' inset at the top
   * level (layout/metrics.ts), nothing inside a frame, whose cell margins already inset them.
   */
  indent: number;
  /** The context for what a frame (a box, a column, a table cell) holds. */
  framed(): WordContext;
  runs(rs: readonly Run[], extra?: { size?: number; style?: FontStyle }): Inline[];
  /** The outline rank of a heading, a box or a column (document/ir.ts): Heading 1 is rank 2. */
  rank(b: Block | Column): Rank;
  /** The theme's line on every side of a cell, and its padding. */
  cellBorders: Record<'top' | 'bottom' | 'left' | 'right', { style: typeof BorderStyle.SINGLE; size: number; color: string }>;
  cellMargins: Record<'top' | 'bottom' | 'left' | 'right', number>;
  /** A numbering instance of its own for a numbered list, so that every list starts again. */
  numbering(marker: Extract<ListMarker, { kind: 'numbered' }>): { reference: string; instance: number };
  /** The next picture id: Word wants each wp:docPr id once in a document. */
  nextPicture(): number;
  /** PNG images of the document's QR codes, by the text they encode. */
  qrImages: ReadonlyMap<string, Buffer>;
  blocks(bs: readonly Block[]): BodyElement[];
}

/** All four slots: Word picks the slot by the character's class, and a run must not switch fonts midway. */
export const named = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

/**
 * A character the style's font lacks is its own run, naming the fallback font that has it. The runs
 * of a link are a hyperlink, in Word's Hyperlink character style. `spaced`: stretches of the text
 * (offsets in it) set with character spacing (early.ts).
 */
export function textRuns(fonts: FontChains, rs: readonly Run[], extra: { size?: number; style?: FontStyle } = {}, spaced: readonly Spaced[] = []): Inline[] {
  const chain = fonts[extra.style ?? 'body'];
  let offset = 0;
  const runs = (r: Run) => chain.segments(r.text).flatMap((seg) => {
    const pieces = cutSpaced(seg.text, offset, spaced);
    offset += seg.text.length;
    return pieces.map((piece) => new TextRun({
      text: piece.text,
      ...(r.link ? { style: 'Hyperlink' } : {}),
      ...(seg.family !== chain.primary ? { font: named(seg.family.name) } : {}),
      ...(r.bold ? { bold: true } : {}),
      ...(r.underline ? { underline: {} } : {}),
      ...(extra.size ? { size: extra.size } : {}),
      ...(piece.twips ? { characterSpacing: piece.twips } : {}),
    }));
  });
  const out: Inline[] = [];
  for (let i = 0; i < rs.length;) {
    const link = rs[i].link;
    if (!link) {
      out.push(...runs(rs[i++]));
      continue;
    }
    const linked: TextRun[] = [];
    while (i < rs.length && rs[i].link === link) linked.push(...runs(rs[i++]));
    out.push(new ExternalHyperlink({ link, children: linked }));
  }
  return out;
}

export function cellFrame(theme: Theme): Pick<WordContext, 'cellBorders' | 'cellMargins'> {
  const line = { style: BorderStyle.SINGLE, size: eighths(theme.border.width), color: hex(theme.colors.border) };
  const [padY] = theme.border.padding;
  const side = cellMargin(theme);
  return {
    cellBorders: { top: line, bottom: line, left: line, right: line },
    cellMargins: { top: twip(padY), bottom: twip(padY), left: side, right: side },
  };
}

/**
 * A cell's side margin (twips) that puts its text at the frames' inset from the cell's edge, as the
 * PDF has it: Word and LibreOffice measure the margin from the middle of the border line, on the
 * cell's edge, so half the line is taken off.
 */
export const cellMargin = (theme: Theme) => twip(frameInset(theme) - theme.border.width / 2);

/** A table cell must hold at least one paragraph. */
export function nonEmpty(children: BodyElement[]): BodyElement[] {
  return children.length ? children : [new Paragraph({})];
}
