import { runsText, type Block } from '../../document/ir.js';
import { headingRole, type Node, type PdfContext } from './context.js';
import { FRAME_TITLE_AFTER } from './spacing.js';

type Columns = Extract<Block, { kind: 'columns' }>;

/**
 * One table keeps the columns' borders the same height; narrow borderless cells between them leave
 * a gutter wide enough for text extractors (pdftotext) to see separate columns.
 */
export function columns(b: Columns, ctx: PdfContext): Node {
  const { theme, fs, size } = ctx;
  const [, mRight, , mLeft] = theme.page.margins;
  const padX = theme.border.padding[1];
  const n = b.columns.length;
  const usable = size.width - mLeft - mRight;
  const gutterPct = (theme.columnGap / usable) * 100;
  const total = b.columns.reduce((a, col) => a + col.weight, 0);
  const share = 100 - gutterPct * (n - 1);
  const widths: string[] = [];
  b.columns.forEach((col, i) => {
    if (i > 0) widths.push(`${gutterPct.toFixed(3)}%`);
    widths.push(`${((col.weight / total) * share).toFixed(3)}%`);
  });
  const cells: Node[] = [];
  b.columns.forEach((col, i) => {
    if (i > 0) cells.push({ text: '', border: [false, false, false, false] });
    // Each column is a section: its title, then what it holds, so that it is read as a whole.
    cells.push(ctx.tags.element('Sect', () => ({
      stack: [
        ctx.tags.element(headingRole(ctx.rank(col)), () => (
          { text: ctx.inlines(col.title, 'heading'), bold: true, fontSize: fs(theme.sizes.heading2), font: ctx.fonts.heading.primary.name, color: theme.colors.accent, margin: [0, 0, 0, FRAME_TITLE_AFTER] }
        ), { text: runsText(col.title) }),
        ...col.children.map((c) => ctx.block(c)),
      ],
    })));
  });
  const isGutter = (i: number) => i % 2 === 1;
  return {
    table: { widths, body: [cells] },
    layout: {
      ...ctx.bordered,
      paddingLeft: (i: number) => (isGutter(i) ? 0 : padX),
      paddingRight: (i: number) => (isGutter(i) ? 0 : padX),
    },
  };
}
