import { AlignmentType, Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Block } from '../../document/ir.js';
import { nonEmpty, type WordContext } from './context.js';
import { hex } from './units.js';

/** The columns as one fixed table: a header row of titles on the column-head shade, then their contents. */
export function columns(b: Extract<Block, { kind: 'columns' }>, ctx: WordContext): Table {
  const total = b.columns.reduce((a, col) => a + col.weight, 0);
  const widths = b.columns.map((col) => Math.floor((ctx.usableWidth * col.weight) / total));
  const cell = (i: number) => ({ width: { size: widths[i], type: WidthType.DXA }, borders: ctx.cellBorders, margins: ctx.cellMargins });
  return new Table({
    width: { size: ctx.usableWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({
        tableHeader: true,
        children: b.columns.map((col, i) => new TableCell({
          ...cell(i),
          shading: { type: ShadingType.CLEAR, fill: hex(ctx.theme.colors.columnHead), color: 'auto' },
          children: [new Paragraph({ style: 'Heading2', alignment: AlignmentType.CENTER, children: ctx.runs(col.title, { style: 'heading' }) })],
        })),
      }),
      new TableRow({
        children: b.columns.map((col, i) => new TableCell({ ...cell(i), children: nonEmpty(ctx.blocks(col.children)) })),
      }),
    ],
  });
}
