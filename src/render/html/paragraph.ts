import type { Block } from '../../document/ir.js';
import type { HtmlContext } from './context.js';

type Paragraph = Extract<Block, { kind: 'paragraph' }>;

export function paragraph(b: Paragraph, ctx: HtmlContext): string {
  const classes = [b.role === 'note' ? 'note' : '', b.align && b.align !== 'left' ? `align-${b.align}` : ''].filter(Boolean);
  const attrs = classes.length ? ` class="${classes.join(' ')}"` : '';
  return `<p${attrs}>${ctx.inlines(b.runs)}</p>`;
}
