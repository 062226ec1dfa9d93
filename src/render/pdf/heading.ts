import { runsText, type Block } from '../../document/ir.js';
import { headingRole, type Node, type PdfContext } from './context.js';
import { BAND_SPACE, HEADING_SPACE } from './spacing.js';

type Heading = Extract<Block, { kind: 'heading' }>;

/** Level 1 is a band: a tinted row with a bar on its left. */
function band(b: Heading, ctx: PdfContext): Node {
  const { theme, fs } = ctx;
  return {
    table: { widths: ['*'], body: [[{ text: ctx.inlines(b.runs, 'heading'), bold: true, fontSize: fs(theme.sizes.heading1), font: ctx.fonts.heading.primary.name }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? theme.band.bar : 0),
      vLineColor: () => theme.colors.accent,
      fillColor: () => theme.colors.band,
      paddingLeft: () => theme.band.padding[1],
      paddingTop: () => theme.band.padding[0],
      paddingBottom: () => theme.band.padding[0],
    },
    margin: [0, fs(BAND_SPACE.before), 0, fs(BAND_SPACE.after)],
  };
}

export function heading(b: Heading, ctx: PdfContext): Node {
  return ctx.tags.element(headingRole(ctx.rank(b)), () => (b.level === 1 ? band(b, ctx) : title(b, ctx)), { text: runsText(b.runs) });
}

function title(b: Heading, ctx: PdfContext): Node {
  const { theme, fs } = ctx;
  return {
    text: ctx.inlines(b.runs, 'heading'),
    bold: true,
    font: ctx.fonts.heading.primary.name,
    fontSize: fs(b.level === 2 ? theme.sizes.heading2 : theme.sizes.heading3),
    color: theme.colors.accent,
    margin: [0, fs(HEADING_SPACE.before), 0, fs(HEADING_SPACE.after)],
  };
}
