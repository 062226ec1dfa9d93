import { Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Block } from '../../document/ir.js';
import type { WordContext } from './context.js';
import { headingLevel } from './paragraph.js';
import { BOX_TITLE } from './styles.js';

/**
 * A framed block: a one-cell table with its title inside (the 位置づけ). The title looks the same
 * wherever the box stands, so it has a style of its own, and is a heading at the level the outline
 * ranks the box: Heading 1's level for a box that stands alone, Heading 2's under a band.
 */
export function box(b: Extract<Block, { kind: 'box' }>, ctx: WordContext): Table {
  return new Table({
    width: { size: ctx.usableWidth, type: WidthType.DXA },
    columnWidths: [ctx.usableWidth],
    layout: TableLayoutType.FIXED,
    rows: [new TableRow({
      children: [new TableCell({
        borders: ctx.cellBorders,
        margins: ctx.cellMargins,
        children: [
          new Paragraph({ style: BOX_TITLE, outlineLevel: headingLevel(ctx.rank(b)) - 1, children: ctx.runs(b.title, { style: 'heading' }) }),
          ...ctx.framed().blocks(b.children),
        ],
      })],
    })],
  });
}
