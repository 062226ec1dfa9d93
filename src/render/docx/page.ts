import { AlignmentType, BorderStyle, Footer, Header, PageNumber, PageOrientation, Paragraph, TextRun, type ISectionOptions } from 'docx';
import type { Document } from '../../document/ir.js';
import { PAPER } from '../../document/paper.js';
import type { Theme } from '../../theme/theme.js';
import { SPACING } from './spacing.js';
import { halfPt, hex, twip } from './units.js';

// The section: paper, margins, and what stands on every page (the marks, the page number).

/** The width between the margins, in twips. */
export function usableWidth(doc: Document, theme: Theme): number {
  const [, mRight, , mLeft] = theme.page.margins;
  const paper = PAPER[theme.page.size];
  return twip(doc.page.orientation === 'landscape' ? paper.height : paper.width) - twip(mLeft) - twip(mRight);
}

function header(doc: Document, theme: Theme): Header | undefined {
  if (!doc.draft && !doc.sample) return undefined;
  const c = theme.colors;
  const sample = new Paragraph({
    alignment: AlignmentType.RIGHT,
    children: [new TextRun({ text: theme.marks.sample, bold: true, size: halfPt(SPACING.sampleMarkPt), color: hex(c.watermark) })],
  });
  const draft = new Paragraph({
    alignment: AlignmentType.RIGHT,
    children: [new TextRun({
      text: theme.marks.draft, bold: true, size: halfPt(theme.sizes.mark), color: hex(c.mark),
      border: { style: BorderStyle.SINGLE, size: SPACING.draftMarkBorder.size, color: hex(c.mark), space: SPACING.draftMarkBorder.space },
    })],
  });
  return new Header({ children: [...(doc.sample ? [sample] : []), ...(doc.draft ? [draft] : [])] });
}

function footer(doc: Document, theme: Theme): Footer | undefined {
  if (!doc.page.pageNumbers) return undefined;
  const [before, after] = theme.marks.pageNumber.split('%1');
  return new Footer({
    children: [new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ size: halfPt(theme.sizes.pageNumber), children: [before, PageNumber.CURRENT, after] })],
    })],
  });
}

export function section(doc: Document, theme: Theme, children: ISectionOptions['children']): ISectionOptions {
  const [mTop, mRight, mBottom, mLeft] = theme.page.margins;
  const landscape = doc.page.orientation === 'landscape';
  // Portrait size; Word swaps width and height for landscape itself.
  const paper = PAPER[theme.page.size];
  const h = header(doc, theme);
  const f = footer(doc, theme);
  return {
    properties: {
      page: {
        size: { width: twip(paper.width), height: twip(paper.height), orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: {
          top: twip(mTop), right: twip(mRight), bottom: twip(mBottom), left: twip(mLeft),
          header: twip(SPACING.headerFooterPt), footer: twip(SPACING.headerFooterPt),
        },
      },
    },
    ...(h ? { headers: { default: h } } : {}),
    ...(f ? { footers: { default: f } } : {}),
    children,
  };
}
