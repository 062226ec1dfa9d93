import { runsText, type Block } from '../../document/ir.js';
import type { HtmlContext } from './context.js';
import { escapeHtml } from './escape.js';

type Paragraph = Extract<Block, { kind: 'paragraph' }>;

/**
 * A paragraph that is one web address and nothing else (a contact's home page) is a link. Nothing
 * else is guessed at: a URL inside a sentence stays text until the model marks links.
 */
function wholeUrl(b: Paragraph): string | undefined {
  const text = runsText(b.runs);
  if (!/^https?:\/\/\S+$/.test(text)) return undefined;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? text : undefined;
  } catch {
    return undefined;
  }
}

export function paragraph(b: Paragraph, ctx: HtmlContext): string {
  const classes = [b.role === 'note' ? 'note' : '', b.align && b.align !== 'left' ? `align-${b.align}` : ''].filter(Boolean);
  const attrs = classes.length ? ` class="${classes.join(' ')}"` : '';
  const url = wholeUrl(b);
  const content = url ? `<a href="${escapeHtml(url)}">${ctx.inlines(b.runs)}</a>` : ctx.inlines(b.runs);
  return `<p${attrs}>${content}</p>`;
}
