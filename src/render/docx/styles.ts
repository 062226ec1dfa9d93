import { AlignmentType, BorderStyle, LineRuleType, ShadingType, type IStylesOptions } from 'docx';
import type { FontChains } from '../../fonts/chain.js';
import type { Theme } from '../../theme/theme.js';
import { frameInset, typeSize } from '../../layout/metrics.js';
import { BAND_SPACE, FRAME_TITLE_AFTER, HEADING_SPACE, TITLE_AFTER, fittedSpace } from '../rhythm.js';
import { named } from './context.js';
import { atLeastTwip, eighths, halfPt, hex, twip } from './units.js';

/** The style of a box's title (a heading at the level its paragraph says, see box.ts). */
export const BOX_TITLE = 'BoxTitle';


/**
 * Word's own styles (Title, Heading 1 and 2, List Paragraph, Hyperlink) and the box title's, so
 * that staff can go on editing in Word. The headings carry their outline level, which is what Word's
 * navigation, screen readers and LibreOffice read as the heading's level. `docx` adds more of its
 * own; those a document does not use are dropped when it is packed (package.ts). Sizes, leading and
 * spaces are the fitted ones, as the PDF sets them; Latin text is tagged en-US beside ja-JP, so that
 * a word like 「PDCA」 is not broken as Japanese is.
 */
/**
 * A paragraph border that takes `pt` points from the text outwards: Word counts a border's space in
 * whole points, so the rest is its line (in eighths of a point, at least a quarter point).
 */
function edge(pt: number, color: string) {
  const space = Math.max(0, Math.floor(pt - 0.25));
  return { style: BorderStyle.SINGLE, space, size: Math.max(2, eighths(pt - space)), color: hex(color) };
}

export function styles(theme: Theme, fonts: FontChains, scale: number, leading: number): IStylesOptions {
  const c = theme.colors;
  const s = theme.sizes;
  const font = named(fonts.body.primary.name);
  const headingFont = named(fonts.heading.primary.name);
  const size = (pt: number) => halfPt(typeSize(pt, scale));
  const space = (pt: number) => twip(fittedSpace(pt, scale, leading, theme.lineHeight));
  const inset = frameInset(theme);
  // The pitch as the PDF has it, the leading times the type size, for each size; "at least", so that
  // a line holding a taller fallback glyph or a picture grows rather than clips.
  const pitch = (pt: number) => ({ line: atLeastTwip(leading * pt), lineRule: LineRuleType.AT_LEAST });
  const band = typeSize(s.heading1, scale);
  const bandEdge = edge(theme.band.padding[0] + ((leading - fonts.heading.primary.bold.lineHeightEm) * band) / 2, c.band);
  return {
    default: {
      document: {
        run: { font, size: size(s.body), language: { value: 'en-US', eastAsia: 'ja-JP' } },
        paragraph: {
          spacing: { ...pitch(typeSize(s.body, scale)), before: 0, after: 0 },
          ...(theme.justify ? { alignment: AlignmentType.BOTH } : {}),
        },
      },
      title: {
        run: { font: headingFont, size: halfPt(s.title), bold: true, color: hex(c.text) },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { ...pitch(s.title), after: twip(TITLE_AFTER) } },
      },
      // The band: its bar at the margin, its text at the frames' inset (Word draws a left border
      // its space in points left of the text, and shades the space too). Its text is set solid
      // and its height made up above and below alike by borders in the band's own colour (Word and
      // LibreOffice put a line's leading above its text, which set the text on the band's lower
      // edge), so that the text stands in the middle of a band as tall as the PDF's.
      heading1: {
        run: { font: headingFont, size: size(s.heading1), bold: true, color: hex(c.text) },
        paragraph: {
          spacing: { line: 240, lineRule: LineRuleType.AUTO, before: space(BAND_SPACE.before), after: space(BAND_SPACE.after) },
          indent: { left: twip(inset) },
          shading: { type: ShadingType.CLEAR, fill: hex(c.band), color: 'auto' },
          border: {
            top: bandEdge,
            bottom: bandEdge,
            left: { style: BorderStyle.SINGLE, size: eighths(theme.band.bar), color: hex(c.accent), space: Math.max(0, Math.round(inset - theme.band.bar)) },
          },
          keepNext: true,
          outlineLevel: 0,
        },
      },
      // A column's title and a list's caption: both inside a section, both drawn alike in the PDF.
      heading2: {
        run: { font: headingFont, size: size(s.heading2), bold: true, color: hex(c.accent) },
        paragraph: { spacing: { ...pitch(typeSize(s.heading2, scale)), before: space(HEADING_SPACE.before), after: space(HEADING_SPACE.after) }, keepNext: true, outlineLevel: 1 },
      },
      listParagraph: { run: { font } },
    },
    paragraphStyles: [{
      id: BOX_TITLE,
      name: 'Box Title',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { font: headingFont, size: size(s.heading2), bold: true, color: hex(c.accent) },
      paragraph: { spacing: { ...pitch(typeSize(s.heading2, scale)), before: 0, after: twip(FRAME_TITLE_AFTER) }, keepNext: true },
    }],
  };
}
