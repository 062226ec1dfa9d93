import type { Block } from '../../document/ir.js';
import type { HtmlContext } from './context.js';

type Heading = Extract<Block, { kind: 'heading' }>;

/** The model's levels under the title: 1 the section band （１．…）, 2 a sub-section title, 3 a caption （【…】）. */
const CLASS: Record<Heading['level'], string> = { 1: 'band', 2: 'subheading', 3: 'caption' };

/** A heading at its rank in the document's outline (document/ir.ts), styled by its level. */
export function heading(b: Heading, ctx: HtmlContext): string {
  return ctx.heading(b, b.runs, CLASS[b.level]);
}
