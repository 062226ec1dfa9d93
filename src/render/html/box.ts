import type { Block } from '../../document/ir.js';
import type { HtmlContext } from './context.js';

/** A framed block with its title inside the frame (the 位置づけ). */
export function box(b: Extract<Block, { kind: 'box' }>, ctx: HtmlContext): string {
  return `<div class="box">${ctx.heading(b, b.title, 'frame-title')}${ctx.blocks(b.children)}</div>`;
}
