import { AlignmentType, Paragraph } from 'docx';
import type { Block } from '../../document/ir.js';
import type { WordContext } from './context.js';

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

export function paragraph(b: Extract<Block, { kind: 'paragraph' }>, ctx: WordContext, indent?: { left: number }): Paragraph {
  return new Paragraph({
    children: ctx.runs(b.runs, b.role === 'note' ? { size: ctx.size(ctx.theme.sizes.note) } : {}),
    ...(indent ? { indent } : {}),
    ...(b.align ? { alignment: ALIGN[b.align] } : {}),
  });
}

/** Headings are Word's own Heading 1–3 styles (styles.ts), so that Word's navigation lists them. */
export function heading(b: Extract<Block, { kind: 'heading' }>, ctx: WordContext): Paragraph {
  return new Paragraph({ style: `Heading${b.level}`, children: ctx.runs(b.runs, { style: 'heading' }) });
}
