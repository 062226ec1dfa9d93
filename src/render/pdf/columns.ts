import { runsText, type Block } from '../../document/ir.js';
import { columnWeights } from '../../layout/decisions.js';
import { columnMeasures } from '../../layout/metrics.js';
import { headingRole, type Node, type PdfContext } from './context.js';
import { FRAME_TITLE_AFTER } from '../rhythm.js';

type Columns = Extract<Block, { kind: 'columns' }>;

/**
 * One table keeps the columns' borders the same height; narrow borderless cells between them leave
 * a gutter wide enough for text extractors (pdftotext) to see separate columns. Each column is set
 * to its measure (layout/metrics.ts), as the fit weighed it.
 */
export function columns(b: Columns, ctx: PdfContext): Node {
  const { theme, fs, size, doc, fit } = ctx;
  const [, mRight, , mLeft] = theme.page.margins;
  const padX = theme.border.padding[1];
  const measures = columnMeasures(theme, size.width - mLeft - mRight, columnWeights(doc, fit, b));
  const widths: number[] = [];
  measures.forEach((m, i) => {
    if (i > 0) widths.push(theme.columnGap);
    widths.push(m);
  });
  const cells: Node[] = [];
  b.columns.forEach((col, i) => {
    if (i > 0) cells.push({ text: '', border: [false, false, false, false] });
    const titleSize = fs(theme.sizes.heading2);
    // Each column is a section: its title, then what it holds, so that it is read as a whole.
    cells.push(ctx.tags.element('Sect', () => ({
      stack: [
        ctx.tags.element(headingRole(ctx.rank(col)), () => (
          { text: ctx.inlines(col.title, 'heading'), bold: true, fontSize: titleSize, font: ctx.fonts.heading.primary.name, color: theme.colors.accent, margin: [0, 0, 0, FRAME_TITLE_AFTER] }
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
