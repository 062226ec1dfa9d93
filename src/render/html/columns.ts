import type { Block } from '../../document/ir.js';
import { balancedWidths } from '../../layout/balance.js';
import type { HtmlContext } from './context.js';
import { printColumns, screenColumns } from './style.js';

const template = (widths: readonly number[]) => widths.map((w) => `minmax(0, ${Math.round(w * 100) / 100}fr)`).join(' ');

/**
 * Bordered columns side by side, in two sets of proportions (custom properties the stylesheet picks
 * from), each the widths at which the browser's setting of them ends together (layout/balance.ts): on a
 * wide screen at the screen's sizes (a narrow one stacks them in reading order), on paper at the
 * printed sizes. Not the PDF's weights: they are fitted to another engine's lines.
 */
export function columns(b: Extract<Block, { kind: 'columns' }>, ctx: HtmlContext): string {
  const { theme, doc } = ctx;
  // Grid tracks are the frames: each column's measure with its padding and border.
  const tracks = (setting: ReturnType<typeof screenColumns>) =>
    template(balancedWidths(b.columns, setting.measure, { ...setting, theme, fonts: ctx.fonts }).map((w) => w + setting.frame));
  const screen = tracks(screenColumns(theme, doc.page.orientation, b.columns.length));
  const paper = tracks(printColumns(theme, doc, ctx.fit, b.columns.length));
  const cols = b.columns.map((c) => `<div class="column">${ctx.heading(c, c.title, 'frame-title')}${ctx.blocks(c.children)}</div>`);
  return `<div class="columns" style="--screen-columns: ${screen}; --print-columns: ${paper}">${cols.join('')}</div>`;
}
