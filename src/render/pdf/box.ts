import { runsText, type Block } from '../../document/ir.js';
import { headingRole, type Node, type PdfContext } from './context.js';
import { BOX_SPACE, FRAME_TITLE_AFTER } from '../rhythm.js';

type Box = Extract<Block, { kind: 'box' }>;

/** A framed block with its title inside the frame (the 位置づけ): a section of its own, titled. */
export function box(b: Box, ctx: PdfContext): Node {
  const { theme, fs, vs } = ctx;
  return ctx.tags.element('Sect', () => {
    const title = ctx.tags.element(headingRole(ctx.rank(b)), () => (
      { text: ctx.inlines(b.title), bold: true, color: theme.colors.accent, fontSize: fs(theme.sizes.heading2), margin: [0, 0, 0, FRAME_TITLE_AFTER] }
    ), { text: runsText(b.title) });
    return {
      table: { widths: ['*'], body: [[{ stack: [title, ...b.children.map((c) => ctx.block(c))] }]] },
      layout: ctx.bordered,
      margin: [0, vs(BOX_SPACE), 0, vs(BOX_SPACE)],
    };
  });
}
