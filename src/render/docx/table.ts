import { ShadingType, Table, TableCell, TableLayoutType, TableRow, WidthType } from 'docx';
import type { Block, Cell } from '../../document/ir.js';
import { nonEmpty, type WordContext } from './context.js';
import { hex } from './units.js';

/** A header cell reads as in the PDF: bold and centred. */
const headed = (bs: Block[]): Block[] =>
  bs.map((x) => (x.kind === 'paragraph' ? { ...x, align: 'center', runs: x.runs.map((r) => ({ ...r, bold: true })) } : x));

export function table(b: Extract<Block, { kind: 'table' }>, ctx: WordContext): Table {
  const total = b.widths.reduce((a, w) => a + w, 0);
  const widths = b.widths.map((w) => Math.floor((ctx.usableWidth * w) / total));
  const row = (cells: Cell[], header: boolean) => new TableRow({
    tableHeader: header,
    cantSplit: true,
    children: cells.map((cell, i) => new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      borders: ctx.cellBorders,
      margins: ctx.cellMargins,
      ...(header ? { shading: { type: ShadingType.CLEAR, fill: hex(ctx.theme.colors.columnHead), color: 'auto' } } : {}),
      children: nonEmpty(ctx.framed().blocks(header ? headed(cell.children) : cell.children)),
    })),
  });
  return new Table({
    width: { size: ctx.usableWidth, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [...(b.header.length ? [row(b.header, true)] : []), ...b.rows.map((r) => row(r, false))],
  });
}
