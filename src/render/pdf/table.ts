import type { Block, Cell } from '../../document/ir.js';
import type { Node, PdfContext } from './context.js';

type Table = Extract<Block, { kind: 'table' }>;

/** A bordered table; its header row bold and centred on the column-head shade, repeated on each page. */
export function table(b: Table, ctx: PdfContext): Node {
  const total = b.widths.reduce((a, w) => a + w, 0);
  const cell = (cl: Cell) => ({ stack: cl.children.map((c) => ctx.block(c)) });
  return {
    table: {
      widths: b.widths.map((w) => `${((w / total) * 100).toFixed(3)}%`),
      headerRows: b.header.length ? 1 : 0,
      dontBreakRows: true,
      body: [
        ...(b.header.length ? [b.header.map((h) => ({ ...cell(h), bold: true, alignment: 'center', fillColor: ctx.theme.colors.columnHead }))] : []),
        ...b.rows.map((r) => r.map(cell)),
      ],
    },
    layout: ctx.bordered,
  };
}
