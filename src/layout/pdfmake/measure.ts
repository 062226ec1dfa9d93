import { graphemeCount } from '../../text/kinsoku.js';
import type { BlockLines, Measured } from '../engine.js';
import { EARLY_BREAK, SPREAD, type LineInline } from './line-fill.js';

// What the fitter learns from a layout, read from pdfmake's laid-out pages before anything is
// drawn: how many pages, where the content ends, where each text block of the model ends, and how
// its last line came out. The PDF writer's nodes stamp their inlines with the text block they set
// (TEXT_BLOCK, from context.ts), and the line breaker marks a line it ended early (EARLY_BREAK,
// from line-fill.ts); pdfmake copies both along to the lines it makes.

/** An inline's text block: its place in the model's textBlocks order (document/ir.ts). */
export const TEXT_BLOCK = '_text';
// ---- pdfmake's laid-out pages, as far as they are read here ----------------------------------

interface LaidInline extends LineInline {
  /** The room justification put before it (pdfmake's ElementWriter.alignLine). */
  justifyShift?: number;
  [TEXT_BLOCK]?: number;
}
export interface LaidLine {
  x: number;
  y: number;
  maxWidth: number;
  inlines: LaidInline[];
  lastLineInParagraph?: boolean;
  [EARLY_BREAK]?: true;
  getHeight(): number;
}
interface LaidVector {
  type: string;
  x?: number;
  y?: number;
  y1?: number;
  y2?: number;
  h?: number;
  r2?: number;
  lineWidth?: number;
}
export interface LaidPage {
  pageSize: { width: number; height: number };
  items: { type: string; item: unknown }[];
}

/** A text block as pdfmake set it, with its inlines as measured: enough to fill it again at another measure (line-fill.ts). */
export interface PdfmakeBlock extends BlockLines {
  inlines: LineInline[];
}

const chars = (line: LaidLine) => graphemeCount(line.inlines.map((i) => i.text).join('').replace(/\s+/g, ''));

/**
 * Read the laid-out pages. `footer` is where the bottom margin starts on each page: what stands
 * below it (the page number) is not content.
 */
export function measure(pages: LaidPage[], footer: number, tops: Measured['tops']): Measured<PdfmakeBlock> {
  const blocks = new Map<number, PdfmakeBlock>();
  // Each block's text so far and its last line, kept aside: summed and counted once, not at every line.
  const lengths = new Map<number, number>();
  const lastLines = new Map<number, LaidLine>();
  let bottom = 0;
  pages.forEach((page, p) => {
    const last = p === pages.length - 1;
    for (const { type, item } of page.items) {
      let end = 0;
      if (type === 'line') {
        const line = item as LaidLine;
        end = line.y + line.getHeight();
        const block = line.inlines[0]?.[TEXT_BLOCK];
        if (block !== undefined) {
          const b = blocks.get(block) ?? {
            page: p + 1, bottom: 0, lines: 0, lastChars: 0, earlyBreak: false, spread: 0, inlines: [], maxWidth: line.maxWidth, pitch: line.getHeight(),
          };
          const from = lengths.get(block) ?? 0;
          // What an early line moved on is the first inline of the block's next line.
          const pending = b.early?.at(-1);
          if (pending && pending.to === from && pending.next === 0) pending.next = line.inlines[0]?.width ?? 0;
          let length = from;
          for (const i of line.inlines) {
            length += i.text.length;
            b.inlines.push({
              text: i.text, width: i.width, fontSize: i.fontSize, [SPREAD]: i[SPREAD],
              leadingCut: i.leadingCut, trailingCut: i.trailingCut, lineEnd: i.lineEnd, noNewLine: i.noNewLine,
            });
          }
          b.spread = Math.max(b.spread, line.inlines[1]?.justifyShift ?? 0);
          b.lines += 1;
          b.page = p + 1;
          b.bottom = end;
          lengths.set(block, length);
          lastLines.set(block, line);
          if (line[EARLY_BREAK]) {
            b.earlyBreak = true;
            const text = line.inlines.map((i) => i.text).join('');
            const width = line.inlines.reduce((w, i) => w + i.width, 0) - (line.inlines[0]?.leadingCut ?? 0) - (line.inlines.at(-1)?.trailingCut ?? 0);
            (b.early ??= []).push({ from, to: from + text.length, text, room: line.maxWidth - width, next: 0 });
          }
          blocks.set(block, b);
        }
      } else if (type === 'vector') {
        const v = item as LaidVector;
        end = Math.max(v.y ?? 0, v.y1 ?? 0, v.y2 ?? 0) + (v.h ?? v.r2 ?? 0) + (v.lineWidth ?? 0) / 2;
      } else if (type === 'image') {
        const v = item as LaidVector & { _height?: number };
        end = (v.y ?? 0) + (v._height ?? 0);
      }
      if (last && end <= footer) bottom = Math.max(bottom, end);
    }
  });
  for (const [block, line] of lastLines) blocks.get(block)!.lastChars = chars(line);
  return { pages: pages.length, bottom, tops, blocks };
}
