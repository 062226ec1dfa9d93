import { itemLabel, type Block, type ListItem } from '../../document/ir.js';
import type { HtmlContext } from './context.js';
import { escapeMarkup } from '../markup.js';

type List = Extract<Block, { kind: 'list' }>;

const body = (it: ListItem, ctx: HtmlContext) => ctx.inlines(it.runs) + ctx.blocks(it.children);

/**
 * Bullets are `<ul>`, the browser's own markers. A numbered list is `<ol>` whose label （1） is text
 * of the item, not a generated marker: it is what the official text says, so it is seen, read
 * aloud, and copied with the sentence.
 */
export function list(b: List, ctx: HtmlContext): string {
  if (b.marker.kind === 'bullet') {
    return `<ul>${b.items.map((it) => `<li>${body(it, ctx)}</li>`).join('')}</ul>`;
  }
  const marker = b.marker;
  const items = b.items.map((it, i) => `<li><span class="label">${escapeMarkup(itemLabel(marker, i) ?? '')}</span><div>${body(it, ctx)}</div></li>`);
  return `<ol class="numbered">${items.join('')}</ol>`;
}
