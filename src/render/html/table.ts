import type { Block, Cell } from '../../document/ir.js';
import type { HtmlContext } from './context.js';

type Table = Extract<Block, { kind: 'table' }>;

/** A header cell of one paragraph holds its text alone: `<th>` is bold and centred already. */
function headerContent(cell: Cell, ctx: HtmlContext): string {
  const [only] = cell.children;
  if (cell.children.length === 1 && only.kind === 'paragraph') return ctx.inlines(only.runs.map((r) => ({ ...r, bold: false })));
  return ctx.blocks(cell.children);
}

/** A table whose header cells name their columns for screen readers (`scope="col"`). */
export function table(b: Table, ctx: HtmlContext): string {
  const total = b.widths.reduce((a, w) => a + w, 0);
  const cols = b.widths.map((w) => `<col style="width: ${((w / total) * 100).toFixed(2)}%" />`).join('');
  const head = b.header.length
    ? `<thead><tr>${b.header.map((h) => `<th scope="col">${headerContent(h, ctx)}</th>`).join('')}</tr></thead>`
    : '';
  const rows = b.rows.map((r) => `<tr>${r.map((c) => `<td>${ctx.blocks(c.children)}</td>`).join('')}</tr>`).join('');
  return `<table><colgroup>${cols}</colgroup>${head}<tbody>${rows}</tbody></table>`;
}
