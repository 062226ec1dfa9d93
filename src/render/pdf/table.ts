import type { Block, Cell } from '../../document/ir.js';
import type { Node, PdfContext } from './context.js';

type Table = Extract<Block, { kind: 'table' }>;

/**
 * A bordered table; its header row bold and centred on the column-head shade, repeated on each page
 * (the repetitions are artifacts: the header cells are content where they first stand).
 */
export function table(b: Table, ctx: PdfContext): Node {
  const { tags } = ctx;
  const total = b.widths.reduce((a, w) => a + w, 0);
  const cell = (cl: Cell) => ({ stack: cl.children.map((c) => ctx.block(c)) });
  return tags.element('Table', () => ({
    table: {
      widths: b.widths.map((w) => `${((w / total) * 100).toFixed(3)}%`),
      headerRows: b.header.length ? 1 : 0,
      dontBreakRows: true,
      body: [
        ...(b.header.length
          ? [tags.repeated(() => tags.element('TR', () => b.header.map((h) => tags.element('TH', () => (
            { ...cell(h), bold: true, alignment: 'center', fillColor: ctx.theme.colors.columnHead }
          ), { scope: 'Column' }))))]
          : []),
        ...b.rows.map((r) => tags.element('TR', () => r.map((c) => tags.element('TD', () => cell(c))))),
      ],
    },
    layout: ctx.bordered,
  }));
}
