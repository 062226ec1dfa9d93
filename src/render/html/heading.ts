import type { Block } from '../../document/ir.js';
import type { HeadingRank, HtmlContext } from './context.js';

type Heading = Extract<Block, { kind: 'heading' }>;

/** The model's levels under the title: 1 the section band （１．…）, 2 a sub-section title, 3 a caption （【…】）. */
const RANK: Record<Heading['level'], { rank: HeadingRank; className: string }> = {
  1: { rank: 2, className: 'band' },
  2: { rank: 3, className: 'subheading' },
  3: { rank: 4, className: 'caption' },
};

export function heading(b: Heading, ctx: HtmlContext): string {
  const { rank, className } = RANK[b.level];
  return ctx.heading(rank, b.runs, className);
}
