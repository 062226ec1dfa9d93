import { AlignmentType, Paragraph } from 'docx';
import type { Block, Rank } from '../../document/ir.js';
import type { WordContext } from './context.js';

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

export function paragraph(b: Extract<Block, { kind: 'paragraph' }>, ctx: WordContext): Paragraph {
  return new Paragraph({
    children: ctx.runs(b.runs, b.role === 'note' ? { size: ctx.size(ctx.theme.sizes.note) } : {}),
    ...(b.align ? { alignment: ALIGN[b.align] } : {}),
    ...indented(ctx),
  });
}

/** Both sides in by the context's indent (the frames' inset at the top level, nothing in a frame). */
export const indented = (ctx: WordContext) => (ctx.indent ? { indent: { left: ctx.indent, right: ctx.indent } } : {});

/**
 * Word's heading level of a title: the document's title is the Title style, so a section's title
 * (rank 2) is Heading 1 and what is inside a section (rank 3) Heading 2. Word's navigation and
 * screen readers take the level from the style's outline level (styles.ts).
 */
export const headingLevel = (rank: Rank) => rank - 1;

/**
 * Headings are Word's own Heading styles, at the level the outline ranks them. A caption (level 3)
 * shares Heading 2 with the columns' titles and keeps its own type size where the theme gives it one.
 */
export function heading(b: Extract<Block, { kind: 'heading' }>, ctx: WordContext): Paragraph {
  const s = ctx.theme.sizes;
  const size = b.level === 3 && s.heading3 !== s.heading2 ? { size: ctx.size(s.heading3) } : {};
  // A band's indent is its style's (styles.ts); a caption stands in as the blocks around it.
  return new Paragraph({ style: `Heading${headingLevel(ctx.rank(b))}`, children: ctx.runs(b.runs, { style: 'heading', ...size }), ...(b.level === 1 ? {} : indented(ctx)) });
}
