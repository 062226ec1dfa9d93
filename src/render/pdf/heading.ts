import { runsText, type Block } from '../../document/ir.js';
import { headingRole, type Node, type PdfContext } from './context.js';
import { BAND_SPACE, HEADING_SPACE } from '../rhythm.js';

type Heading = Extract<Block, { kind: 'heading' }>;

/**
 * Level 1 is a band: a tinted row with a bar on its left, from the margin. Its text stands in by the
 * frames' inset (render/metrics.ts), level with the text in the frames and the blocks under it.
 */
function band(b: Heading, ctx: PdfContext): Node {
  const { theme, fs, vs } = ctx;
  return {
    table: { widths: ['*'], body: [[{ text: ctx.inlines(b.runs, 'heading'), bold: true, fontSize: fs(theme.sizes.heading1), font: ctx.fonts.heading.primary.name }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? theme.band.bar : 0),
      vLineColor: () => theme.colors.accent,
      fillColor: () => theme.colors.band,
      paddingLeft: () => Math.max(0, ctx.inset - theme.band.bar),
      paddingRight: () => theme.band.padding[1],
      paddingTop: () => theme.band.padding[0],
      paddingBottom: () => theme.band.padding[0],
    },
    margin: [0, vs(BAND_SPACE.before), 0, vs(BAND_SPACE.after)],
  };
}

export function heading(b: Heading, ctx: PdfContext): Node {
  return ctx.tags.element(headingRole(ctx.rank(b)), () => (b.level === 1 ? band(b, ctx) : title(b, ctx)), { text: runsText(b.runs) });
}

function title(b: Heading, ctx: PdfContext): Node {
  const { theme, fs, vs } = ctx;
  const size = fs(b.level === 2 ? theme.sizes.heading2 : theme.sizes.heading3);
  return {
    text: ctx.inlines(b.runs, 'heading'),
    bold: true,
    font: ctx.fonts.heading.primary.name,
    fontSize: size,
    color: theme.colors.accent,
    margin: [0, vs(HEADING_SPACE.before), 0, vs(HEADING_SPACE.after)],
  };
}
