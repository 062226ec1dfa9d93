import { itemLabel, type Block, type ListItem } from '../../document/ir.js';
import { BULLET_DISC, BULLET_EM, LABEL_EM, labelEnd } from '../../layout/metrics.js';
import type { Node, PdfContext } from './context.js';
import { LIST_AFTER, NUMBERED_ITEM_AFTER } from '../rhythm.js';

type List = Extract<Block, { kind: 'list' }>;

/** An item's body: its text, then what is under it (the programmes of a category) inside the same LBody. */
function body(it: ListItem, ctx: PdfContext): Node {
  return ctx.tags.element('LBody', () => {
    const first: Node = { text: ctx.inlines(it.runs) };
    return it.children.length ? { stack: [first, ...it.children.map((c) => ctx.block(c))] } : first;
  });
}

/**
 * Every item is its marker and its body side by side: the marker takes the room layout/metrics.ts
 * gives it (the Word file's hanging indent), so that markers stand at the level's left edge and
 * the text after them at the next, in both formats. A numbered item's label stays its own text
 * (tagged Lbl); a bullet is a drawn disc, an artifact: its item has no Lbl, and the list says how it
 * is labelled instead (ListNumbering).
 */
export function list(b: List, ctx: PdfContext): Node {
  const { fs, vs, theme, tags } = ctx;
  const size = fs(theme.sizes.body);
  const item = (marker: Node, width: number, it: ListItem, after: number): Node => ({
    columns: [{ ...marker, width }, { width: '*', ...body(it, ctx) }],
    columnGap: 0,
    margin: [0, 0, 0, after],
  });
  if (b.marker.kind === 'bullet') {
    // The disc's centre is half an em below the top of the line, where pdfmake sets the em box.
    const r = size * BULLET_DISC.radius;
    // A node of its own for every item: pdfmake moves a canvas's vectors to where it draws them.
    const disc = (): Node => ({ canvas: [{ type: 'ellipse', x: r, y: size * BULLET_DISC.centre, r1: r, r2: r, color: theme.colors.accent }] });
    return tags.element('L', () => (
      { stack: b.items.map((it) => tags.element('LI', () => item(disc(), size * BULLET_EM, it, 0))), margin: [0, 0, 0, vs(LIST_AFTER)] }
    ), { listNumbering: 'Disc' });
  }
  const marker = b.marker;
  const labels = b.items.map((_, i) => itemLabel(marker, i) ?? '');
  // Each label ends where the widest ends (metrics.ts), the rest of the room after it.
  const end = labelEnd(labels, ctx.fonts.body, size);
  return tags.element('L', () => {
    const numbered = b.items.map((it, i): Node => tags.element('LI', () => item(
      { text: tags.element('Lbl', () => ctx.inlines([{ text: labels[i] }])), alignment: 'right', noWrap: true, margin: [0, 0, size * LABEL_EM - end, 0] },
      size * LABEL_EM,
      it,
      vs(NUMBERED_ITEM_AFTER),
    )));
    return { stack: numbered, margin: [0, 0, 0, vs(LIST_AFTER)] };
  }, { listNumbering: 'Decimal' });
}
