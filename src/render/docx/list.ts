import { Paragraph, TextRun } from 'docx';
import { itemLabel, type Block } from '../../document/ir.js';
import { BULLET_EM, LABEL_EM, labelEnd, typeSize } from '../../layout/metrics.js';
import { LIST_AFTER, NUMBERED_ITEM_AFTER } from '../rhythm.js';
import type { BodyElement, Inline, WordContext } from './context.js';
import { BULLET } from './numbering.js';
import { twip } from './units.js';

/**
 * Items as list paragraphs of Word's numbering. The paragraphs under an item (the programmes of a
 * category) go on new lines of the item's own paragraph, so that they belong to the item: a
 * paragraph of their own, even indented and without a number (numId 0), ends the list for Word's
 * and LibreOffice's readers, which then read one list per item (checked through LibreOffice's tagged
 * PDF in test/accessibility.test.ts). Other blocks under an item follow it. Items are spaced as the
 * PDF spaces them (render/rhythm.ts).
 */
export function list(b: Extract<Block, { kind: 'list' }>, ctx: WordContext): BodyElement[] {
  const out: BodyElement[] = [];
  const numbering = b.marker.kind === 'numbered' ? ctx.numbering(b.marker) : undefined;
  const size = typeSize(ctx.theme.sizes.body, ctx.scale);
  const hang = twip(size * (numbering ? LABEL_EM : BULLET_EM));
  // A numbered list's labels are right-aligned where its widest ends (metrics.ts), and a number
  // ends at its first line's indent: the hanging indent is the room left after the widest.
  const marker = b.marker;
  const hanging = marker.kind === 'numbered' ? hang - twip(labelEnd(b.items.map((_, i) => itemLabel(marker, i) ?? ''), ctx.fonts.body, size)) : hang;
  b.items.forEach((it, k) => {
    const lines = it.children.findIndex((c) => c.kind !== 'paragraph');
    const inItem = (lines < 0 ? it.children : it.children.slice(0, lines)) as Extract<Block, { kind: 'paragraph' }>[];
    const children: Inline[] = [...ctx.runs(it.runs)];
    for (const p of inItem) {
      children.push(new TextRun({ break: 1 }), ...ctx.runs(p.runs, p.role === 'note' ? { size: ctx.size(ctx.theme.sizes.note) } : {}));
    }
    const after = (numbering ? ctx.space(NUMBERED_ITEM_AFTER) : 0) + (k === b.items.length - 1 && lines < 0 ? ctx.space(LIST_AFTER) : 0);
    out.push(new Paragraph({
      style: 'ListParagraph',
      numbering: numbering
        ? { reference: numbering.reference, level: 0, instance: numbering.instance }
        : { reference: BULLET, level: 0 },
      // At the top level the marker stands at the frames' inset, as inside a frame: the numbering's
      // hanging indent, moved in (a numbered list's, as above).
      ...(ctx.indent || hanging !== hang ? { indent: { left: ctx.indent + hang, hanging, ...(ctx.indent ? { right: ctx.indent } : {}) } } : {}),
      ...(after ? { spacing: { after } } : {}),
      children,
    }));
    if (lines >= 0) out.push(...ctx.blocks(it.children.slice(lines)));
  });
  return out;
}
