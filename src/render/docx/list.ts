import { Paragraph, TextRun } from 'docx';
import type { Block } from '../../document/ir.js';
import type { BodyElement, Inline, WordContext } from './context.js';
import { BULLET } from './numbering.js';

/**
 * Items as list paragraphs of Word's numbering. The paragraphs under an item (the programmes of a
 * category) go on new lines of the item's own paragraph, so that they belong to the item: a
 * paragraph of their own, even indented and without a number (numId 0), ends the list for Word's
 * and LibreOffice's readers, which then read one list per item (checked through LibreOffice's tagged
 * PDF in test/accessibility.test.ts). Other blocks under an item follow it.
 */
export function list(b: Extract<Block, { kind: 'list' }>, ctx: WordContext): BodyElement[] {
  const out: BodyElement[] = [];
  const numbering = b.marker.kind === 'numbered' ? ctx.numbering(b.marker) : undefined;
  for (const it of b.items) {
    const lines = it.children.findIndex((c) => c.kind !== 'paragraph');
    const inItem = (lines < 0 ? it.children : it.children.slice(0, lines)) as Extract<Block, { kind: 'paragraph' }>[];
    const children: Inline[] = [...ctx.runs(it.runs)];
    for (const p of inItem) {
      children.push(new TextRun({ break: 1 }), ...ctx.runs(p.runs, p.role === 'note' ? { size: ctx.size(ctx.theme.sizes.note) } : {}));
    }
    out.push(new Paragraph({
      style: 'ListParagraph',
      numbering: numbering
        ? { reference: numbering.reference, level: 0, instance: numbering.instance }
        : { reference: BULLET, level: 0 },
      children,
    }));
    if (lines >= 0) out.push(...ctx.blocks(it.children.slice(lines)));
  }
  return out;
}
