import { itemLabel, type Block, type ListItem } from '../../document/ir.js';
import { LABEL_EM } from '../metrics.js';
import type { Node, PdfContext } from './context.js';
import { LIST_AFTER, NUMBERED_ITEM_AFTER } from './spacing.js';

type List = Extract<Block, { kind: 'list' }>;

/** An item's body: its text, then what is under it (the programmes of a category) inside the same LBody. */
function body(it: ListItem, ctx: PdfContext): Node {
  return ctx.tags.element('LBody', () => {
    const first: Node = { text: ctx.inlines(it.runs) };
    return it.children.length ? { stack: [first, ...it.children.map((c) => ctx.block(c))] } : first;
  });
}

/**
 * Bullets as pdfmake draws them; numbered items as label and text side by side, so that the label
 * stays its own text (tagged Lbl). A bullet is a drawn dot, an artifact: its item has no Lbl, and
 * the list says how it is labelled instead (ListNumbering).
 */
export function list(b: List, ctx: PdfContext): Node {
  const { fs, theme, tags } = ctx;
  if (b.marker.kind === 'bullet') {
    return tags.element('L', () => (
      { ul: b.items.map((it) => tags.element('LI', () => body(it, ctx))), markerColor: theme.colors.accent, margin: [0, 0, 0, fs(LIST_AFTER)] }
    ), { listNumbering: 'Disc' });
  }
  const marker = b.marker;
  const labelWidth = fs(theme.sizes.body) * LABEL_EM;
  return tags.element('L', () => {
    const numbered = b.items.map((it, i): Node => tags.element('LI', () => ({
      columns: [
        { text: tags.element('Lbl', () => ctx.inlines([{ text: itemLabel(marker, i) ?? '' }])), width: labelWidth },
        { width: '*', ...body(it, ctx) },
      ],
      columnGap: 0,
      margin: [0, 0, 0, fs(NUMBERED_ITEM_AFTER)],
    })));
    return { stack: numbered, margin: [0, 0, 0, fs(LIST_AFTER)] };
  }, { listNumbering: 'Decimal' });
}
