import { Paragraph } from 'docx';
import type { Block } from '../../document/ir.js';
import { BULLET_EM, LABEL_EM } from '../metrics.js';
import type { BodyElement, WordContext } from './context.js';
import { BULLET } from './numbering.js';
import { paragraph } from './paragraph.js';
import { twip } from './units.js';

/** Items as list paragraphs of Word's numbering; what is under an item follows it. */
export function list(b: Extract<Block, { kind: 'list' }>, ctx: WordContext): BodyElement[] {
  const out: BodyElement[] = [];
  const numbering = b.marker.kind === 'numbered' ? ctx.numbering(b.marker) : undefined;
  const indent = twip(ctx.theme.sizes.body * ctx.scale * (b.marker.kind === 'numbered' ? LABEL_EM : BULLET_EM));
  for (const it of b.items) {
    out.push(new Paragraph({
      style: 'ListParagraph',
      numbering: numbering
        ? { reference: numbering.reference, level: 0, instance: numbering.instance }
        : { reference: BULLET, level: 0 },
      children: ctx.runs(it.runs),
    }));
    for (const child of it.children) {
      // A paragraph under an item starts where the item's text starts, after its label.
      if (child.kind === 'paragraph') out.push(paragraph(child, ctx, { left: indent }));
      else out.push(...ctx.blocks([child]));
    }
  }
  return out;
}
