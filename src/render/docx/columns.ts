import { Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Block } from '../../document/ir.js';
import type { WordContext } from './context.js';
import { headingLevel } from './paragraph.js';

/**
 * The columns as one fixed table of one row: each cell holds its column's title, as a heading, and
 * then its content, so that a reader reads a column whole, title first (a header row of titles
 * would read all the titles, then all the content).
 */
export function columns(b: Extract<Block, { kind: 'columns' }>, ctx: WordContext): Table {
  const total = b.columns.reduce((a, col) => a + col.weight, 0);
  const widths = b.columns.map((col) => Math.floor((ctx.usableWidth * col.weight) / total));
  return new Table({
    width: { size: ctx.usableWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        children: b.columns.map((col, i) => new TableCell({
          width: { size: widths[i], type: WidthType.DXA },
          borders: ctx.cellBorders,
          margins: ctx.cellMargins,
          children: [
            // At the top of its cell, as in the PDF: no space above.
            new Paragraph({ style: `Heading${headingLevel(ctx.rank(col))}`, spacing: { before: 0 }, children: ctx.runs(col.title, { style: 'heading' }) }),
            ...ctx.blocks(col.children),
          ],
        })),
      }),
    ],
  });
}
