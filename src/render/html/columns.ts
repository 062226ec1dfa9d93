import type { Block } from '../../document/ir.js';
import type { HtmlContext } from './context.js';

/**
 * Bordered columns side by side in the proportions of their weights (a custom property that the
 * stylesheet uses on a wide screen and drops on a narrow one, where they stack in reading order).
 */
export function columns(b: Extract<Block, { kind: 'columns' }>, ctx: HtmlContext): string {
  const template = b.columns.map((c) => `minmax(0, ${c.weight}fr)`).join(' ');
  const cols = b.columns.map((c) => `<div class="column">${ctx.heading(3, c.title, 'frame-title')}${ctx.blocks(c.children)}</div>`);
  return `<div class="columns" style="--columns: ${template}">${cols.join('')}</div>`;
}
