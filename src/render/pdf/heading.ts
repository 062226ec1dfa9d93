import { runsText, type Block } from '../../document/ir.js';
import { headingRole, type Node, type PdfContext } from './context.js';
import { BAND_SPACE, HEADING_SPACE } from '../rhythm.js';

type Heading = Extract<Block, { kind: 'heading' }>;

/**
 * Level 1 is a band: a tinted row with a bar on its left, from the margin. Its text stands in by the
 * frames' inset (layout/metrics.ts), level with the text in the frames and the blocks under it.
 * pdfmake sets a line's glyphs at its top and its leading below them: the band's padding takes
 * half of the last line's leading above the text, so that the text stands in the middle of the band.
 */
function band(b: Heading, ctx: PdfContext): Node {
  const { theme, fs, vs } = ctx;
  const size = fs(theme.sizes.heading1);
  const face = ctx.fonts.heading.primary;
  const leading = (ctx.leading - face.bold.lineHeightEm) * size;
  const [pad] = theme.band.padding;
  return {
    table: { widths: ['*'], body: [[{ text: ctx.inlines(b.runs, 'heading'), bold: true, fontSize: size, font: face.name }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? theme.band.bar : 0),
      vLineColor: () => theme.colors.accent,
      fillColor: () => theme.colors.band,
      paddingLeft: () => Math.max(0, ctx.inset - theme.band.bar),
      paddingRight: () => theme.band.padding[1],
      paddingTop: () => pad + leading / 2,
      paddingBottom: () => pad - leading / 2,
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
