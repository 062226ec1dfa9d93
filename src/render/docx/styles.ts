import { AlignmentType, BorderStyle, LineRuleType, ShadingType, type IStylesOptions } from 'docx';
import type { FontChains } from '../../fonts/chain.js';
import type { Theme } from '../../theme/theme.js';
import { named } from './context.js';
import { SPACING } from './spacing.js';
import { eighths, halfPt, hex } from './units.js';

/** The style of a box's title (a heading at the level its paragraph says, see box.ts). */
export const BOX_TITLE = 'BoxTitle';

/**
 * Word's own styles (Title, Heading 1 and 2, List Paragraph, Hyperlink) and the box title's, so
 * that staff can go on editing in Word. The headings carry their outline level, which is what Word's
 * navigation, screen readers and LibreOffice read as the heading's level. `docx` adds more of its
 * own; those a document does not use are dropped when it is packed (package.ts).
 */
export function styles(theme: Theme, fonts: FontChains, scale: number): IStylesOptions {
  const c = theme.colors;
  const s = theme.sizes;
  const font = named(fonts.body.primary.name);
  const headingFont = named(fonts.heading.primary.name);
  const size = (pt: number) => halfPt(pt * scale);
  return {
    default: {
      document: {
        run: { font, size: size(s.body), language: { value: 'ja-JP', eastAsia: 'ja-JP' } },
        // Word's single spacing already leaves room above Japanese text; the theme's line height is for PDF.
        paragraph: { spacing: { line: SPACING.line, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 } },
      },
      title: {
        run: { font: headingFont, size: halfPt(s.title), bold: true, color: hex(c.text) },
        paragraph: { alignment: AlignmentType.CENTER, spacing: { after: SPACING.titleAfter } },
      },
      heading1: {
        run: { font: headingFont, size: size(s.heading1), bold: true, color: hex(c.text) },
        paragraph: {
          spacing: SPACING.heading1,
          shading: { type: ShadingType.CLEAR, fill: hex(c.band), color: 'auto' },
          border: { left: { style: BorderStyle.SINGLE, size: eighths(theme.band.bar), color: hex(c.accent), space: Math.round(theme.band.padding[1] * SPACING.bandBarGap) } },
          keepNext: true,
          outlineLevel: 0,
        },
      },
      // A column's title and a list's caption: both inside a section, both drawn alike in the PDF.
      heading2: {
        run: { font: headingFont, size: size(s.heading2), bold: true, color: hex(c.accent) },
        paragraph: { spacing: SPACING.heading2, keepNext: true, outlineLevel: 1 },
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
      paragraph: { spacing: SPACING.boxTitle, keepNext: true },
    }],
  };
}
