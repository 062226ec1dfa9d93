import { Paragraph, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Block } from '../../document/ir.js';
import type { WordContext } from './context.js';

/** A framed block: a one-cell table with its title inside (the 位置づけ). */
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
          new Paragraph({ style: 'Heading2', children: ctx.runs(b.title, { style: 'heading' }) }),
          ...ctx.blocks(b.children),
        ],
      })],
    })],
  });
}
