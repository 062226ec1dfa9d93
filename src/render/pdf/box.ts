import type { Block } from '../../document/ir.js';
import type { Node, PdfContext } from './context.js';
import { BOX_SPACE, FRAME_TITLE_AFTER } from './spacing.js';

type Box = Extract<Block, { kind: 'box' }>;

/** A framed block with its title inside the frame (the 位置づけ). */
export function box(b: Box, ctx: PdfContext): Node {
  const { theme, fs } = ctx;
  const title = { text: ctx.inlines(b.title), bold: true, color: theme.colors.accent, fontSize: fs(theme.sizes.heading2), margin: [0, 0, 0, FRAME_TITLE_AFTER] };
  return {
    table: { widths: ['*'], body: [[{ stack: [title, ...b.children.map((c) => ctx.block(c))] }]] },
    layout: ctx.bordered,
    margin: [0, fs(BOX_SPACE), 0, fs(BOX_SPACE)],
  };
}
