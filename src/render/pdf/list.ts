import { itemLabel, type Block, type ListItem } from '../../document/ir.js';
import { LABEL_EM } from '../metrics.js';
import type { Node, PdfContext } from './context.js';
import { LIST_AFTER, NUMBERED_ITEM_AFTER } from './spacing.js';

type List = Extract<Block, { kind: 'list' }>;

function item(it: ListItem, ctx: PdfContext): Node {
  const first: Node = { text: ctx.inlines(it.runs) };
  return it.children.length ? { stack: [first, ...it.children.map((c) => ctx.block(c))] } : first;
}

/** Bullets as pdfmake draws them; numbered items as label and text side by side, so that the label stays its own text. */
export function list(b: List, ctx: PdfContext): Node {
  const { fs, theme } = ctx;
  if (b.marker.kind === 'bullet') {
    return { ul: b.items.map((it) => item(it, ctx)), markerColor: theme.colors.accent, margin: [0, 0, 0, fs(LIST_AFTER)] };
  }
  const labelWidth = fs(theme.sizes.body) * LABEL_EM;
  const numbered = b.items.map((it, i): Node => ({
    columns: [
      { text: itemLabel(b.marker, i), width: labelWidth },
      { width: '*', ...item(it, ctx) },
    ],
    columnGap: 0,
    margin: [0, 0, 0, fs(NUMBERED_ITEM_AFTER)],
  }));
  return { stack: numbered, margin: [0, 0, 0, fs(LIST_AFTER)] };
}
