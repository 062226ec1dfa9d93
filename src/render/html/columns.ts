import { columnWeights, type Block } from '../../document/ir.js';
import { pageSize } from '../../document/paper.js';
import { columnMeasures, frameInset } from '../metrics.js';
import type { HtmlContext } from './context.js';

/**
 * Bordered columns side by side (a custom property that the stylesheet uses on a wide screen and
 * drops on a narrow one, where they stack in reading order), in the proportions of the frames the
 * PDF and the Word file draw: each column's measure as fitted (render/metrics.ts), with its inset on
 * either side. On paper they are those frames exactly.
 */
export function columns(b: Extract<Block, { kind: 'columns' }>, ctx: HtmlContext): string {
  const { theme } = ctx;
  const [, mRight, , mLeft] = theme.page.margins;
  const usable = pageSize(theme.page.size, ctx.doc.page.orientation).width - mLeft - mRight;
  const frames = columnMeasures(theme, usable, columnWeights(ctx.doc, b)).map((m) => m + 2 * frameInset(theme));
  const template = frames.map((w) => `minmax(0, ${Math.round(w * 100) / 100}fr)`).join(' ');
  const cols = b.columns.map((c) => `<div class="column">${ctx.heading(c, c.title, 'frame-title')}${ctx.blocks(c.children)}</div>`);
  return `<div class="columns" style="--columns: ${template}">${cols.join('')}</div>`;
}
