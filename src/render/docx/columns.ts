import { Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Block } from '../../document/ir.js';
import { columnWeights } from '../../layout/decisions.js';
import { columnMeasures, frameInset } from '../../layout/metrics.js';
import type { WordContext } from './context.js';
import { headingLevel } from './paragraph.js';
import { twip } from './units.js';

/**
 * The columns as one fixed table of one row: each cell holds its column's title, as a heading, and
 * then its content, so that a reader reads a column whole, title first (a header row of titles
 * would read all the titles, then all the content).
 *
 * Each column's text is set to the measure the PDF gives it (layout/metrics.ts), at the same place
 * on the page, so that its lines break alike: the PDF's gap between two frames is split between
 * the two cells, which meet in its middle, and each cell's margins hold its share of the gap.
 * Only the table's outer edges take half the line off their margin (cellMargin says why): taken
 * off between cells too, each column's text stood a line's width left of the PDF's, and the last
 * column, given what the others lacked, was three lines wider (LibreOffice set one more character
 * on some of its lines than the PDF).
 */
export function columns(b: Extract<Block, { kind: 'columns' }>, ctx: WordContext): Table {
  const { theme } = ctx;
  const n = b.columns.length;
  const measures = columnMeasures(theme, ctx.usableWidth / 20, columnWeights(ctx.doc, ctx.fit, b));
  const inset = frameInset(theme);
  const half = theme.columnGap / 2;
  // Each cell: its text's measure, its margins, and its width (all in twips; widths sum to the usable width).
  const cells = measures.map((m, i) => {
    const left = twip(i > 0 ? inset + half : inset - theme.border.width / 2);
    const right = twip(i < n - 1 ? inset + half : inset - theme.border.width / 2);
    return { left, right, width: twip(m) + left + right };
  });
  // What is left (the outer edges' half lines, twips' rounding) widens the last cell's right margin, not its measure.
  const rest = ctx.usableWidth - cells.reduce((a, c) => a + c.width, 0);
  cells[n - 1].width += rest;
  cells[n - 1].right += rest;
  const framed = ctx.framed();
  return new Table({
    width: { size: ctx.usableWidth, type: WidthType.DXA },
    columnWidths: cells.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        children: b.columns.map((col, i) => new TableCell({
          width: { size: cells[i].width, type: WidthType.DXA },
          borders: ctx.cellBorders,
          margins: { ...ctx.cellMargins, left: cells[i].left, right: cells[i].right },
          children: [
            // At the top of its cell, as in the PDF: no space above.
            new Paragraph({ style: `Heading${headingLevel(ctx.rank(col))}`, spacing: { before: 0 }, children: ctx.runs(col.title, { style: 'heading' }) }),
            ...framed.blocks(col.children),
          ],
        })),
      }),
    ],
  });
}
