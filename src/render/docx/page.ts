import {
  AlignmentType, BorderStyle, BuilderElement, FrameAnchorType, Footer, Header, HeightRule, LineRuleType, PageNumber, PageOrientation,
  Paragraph, TextRun, type ISectionOptions, type ParagraphChild,
} from 'docx';
import type { Document } from '../../document/ir.js';
import { PAPER, pageSize } from '../../document/paper.js';
import type { Theme } from '../../theme/theme.js';
import type { FontChains } from '../../fonts/chain.js';
import { markBox, MARK_BOX, pageMargins, pageNumberBand, pageNumberParts } from '../../theme/furniture.js';
import { SPACING } from './spacing.js';
import { graphemeCount } from '../../text/kinsoku.js';
import { eighths, halfPt, hex, twip } from './units.js';

// The section: paper, margins, and what stands on the pages (the marks, the page number).

/** The width between the margins, in twips. */
export function usableWidth(doc: Document, theme: Theme): number {
  const [, mRight, , mLeft] = theme.page.margins;
  const paper = PAPER[theme.page.size];
  return twip(doc.page.orientation === 'landscape' ? paper.height : paper.width) - twip(mLeft) - twip(mRight);
}

/**
 * The 案 mark where the PDF has it (theme/furniture.ts): a frame placed on the page, so that it stays
 * where it is without pushing the text down, as a header paragraph would. Its box is the
 * paragraph's border, the padding the border's space, the mark set solid and centred in it.
 */
function draftMark(doc: Document, theme: Theme, fonts: FontChains): Paragraph {
  const box = markBox(theme, doc.page.orientation, fonts.body);
  const c = theme.colors;
  const side = { style: BorderStyle.SINGLE, size: eighths(MARK_BOX.line), color: hex(c.mark), space: MARK_BOX.padding };
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // Single spacing, and a frame as tall as its paragraph: an exact line or frame height sets the
    // mark below the middle of its box in LibreOffice.
    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
    border: { top: side, bottom: side, left: side, right: side },
    frame: {
      type: 'absolute',
      position: { x: twip(box.left), y: twip(box.top) },
      width: twip(box.width),
      height: 0,
      rule: HeightRule.AUTO,
      anchor: { horizontal: FrameAnchorType.PAGE, vertical: FrameAnchorType.PAGE },
    },
    children: [new TextRun({ text: theme.marks.draft, bold: true, size: halfPt(theme.sizes.mark), color: hex(c.mark) })],
  });
}

const el = (name: string, attributes: Record<string, string> = {}, children: BuilderElement[] = []) =>
  new BuilderElement({ name, attributes: Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, { key: k, value: v }])), children });

/** Word's plain-text WordArt shape (VML shape type 136), as its watermark feature writes it. */
const TEXT_SHAPE_TYPE = el('v:shapetype', {
  id: '_x0000_t136', coordsize: '21600,21600', 'o:spt': '136', adj: '10800', path: 'm@7,l@8,m@5,21600l@6,21600e',
}, [
  el('v:formulas', {}, [
    'sum #0 0 10800', 'prod #0 2 1', 'sum 21600 0 @1', 'sum 0 0 @2', 'sum 21600 0 @3', 'if @0 @3 0', 'if @0 21600 @1',
    'if @0 0 @2', 'if @0 @4 21600', 'mid @5 @6', 'mid @8 @5', 'mid @7 @8', 'mid @6 @7', 'sum @6 0 @5',
  ].map((eqn) => el('v:f', { eqn }))),
  el('v:path', { textpathok: 't', 'o:connecttype': 'custom', 'o:connectlocs': '@9,0;@10,10800;@11,21600;@12,10800', 'o:connectangles': '270,180,90,0' }),
  el('v:textpath', { on: 't', fitshape: 't' }),
  el('v:handles', {}, [el('v:h', { position: '#0,bottomRight', xrange: '6629,14971' })]),
  el('o:lock', { 'v:ext': 'edit', text: 't', shapetype: 't' }),
]);

/**
 * The 見本 watermark as Word's own watermark feature makes it: a WordArt shape in the header, behind
 * the text (negative z-index), centred on the page, along the page's diagonal as pdfmake draws the
 * PDF's, in the same colour, opacity and size. Word lists it as the document's watermark (the
 * PowerPlusWaterMarkObject name), LibreOffice draws it behind the text. `docx` has no shapes of this
 * kind: the VML is built of its generic elements.
 */
function watermark(doc: Document, theme: Theme, fontName: string): Paragraph {
  const text = theme.marks.sample;
  const size = theme.sizes.watermark;
  const page = pageSize(theme.page.size, doc.page.orientation);
  // The text's box: a full-width character is one em wide.
  const width = graphemeCount(text) * size;
  const rotation = 360 - (Math.atan2(page.height, page.width) * 180) / Math.PI;
  const style = [
    'position:absolute', 'margin-left:0', 'margin-top:0', `width:${width}pt`, `height:${size}pt`, `rotation:${rotation.toFixed(2)}`,
    'z-index:-251657216', 'mso-position-horizontal:center', 'mso-position-horizontal-relative:margin',
    'mso-position-vertical:center', 'mso-position-vertical-relative:margin',
  ].join(';');
  const shape = el('v:shape', {
    id: 'PowerPlusWaterMarkObject1', 'o:spid': '_x0000_s2049', type: '#_x0000_t136', style, 'o:allowincell': 'f',
    fillcolor: `#${hex(theme.colors.watermark)}`, stroked: 'f',
  }, [
    el('v:fill', { opacity: String(theme.watermarkOpacity) }),
    el('v:textpath', { style: `font-family:"${fontName}";font-size:1pt;font-weight:bold`, string: text }),
    el('w10:wrap', { anchorx: 'margin', anchory: 'margin' }),
  ]);
  const run = el('w:r', {}, [el('w:rPr', {}, [el('w:noProof')]), el('w:pict', {}, [TEXT_SHAPE_TYPE, shape])]);
  return new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT }, children: [run as unknown as ParagraphChild] });
}

/**
 * The headers: the watermark on every page of a sample, the 案 mark on the first page of a draft
 * (Word's first-page header), as the PDF draws them. A header ends with a paragraph of the text
 * flow, as Word expects; it is one point high, so that it never pushes the text down.
 */
function headers(doc: Document, theme: Theme, fonts: FontChains): Pick<ISectionOptions, 'headers'> & { titlePage?: boolean } {
  if (!doc.draft && !doc.sample) return {};
  const anchor = () => (doc.sample ? watermark(doc, theme, fonts.heading.primary.name) : new Paragraph({ spacing: { line: 20, lineRule: LineRuleType.EXACT } }));
  const every = doc.sample ? new Header({ children: [anchor()] }) : undefined;
  if (!doc.draft) return { headers: { default: every } };
  return {
    titlePage: true,
    headers: { first: new Header({ children: [draftMark(doc, theme, fonts), anchor()] }), ...(every ? { default: every } : {}) },
  };
}

/**
 * The page number, centred in the footer, which stands theme/furniture.ts's distance above the
 * paper's edge; set solid, so that its em box ends there.
 */
function footer(doc: Document, theme: Theme): Footer | undefined {
  if (!doc.page.pageNumbers) return undefined;
  const band = pageNumberBand(theme);
  const children = pageNumberParts(theme).flatMap((part, i) => (i ? [PageNumber.CURRENT, part] : [part])).filter((c) => c !== '');
  return new Footer({
    children: [new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { line: twip(band.size), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
      children: [new TextRun({ size: halfPt(band.size), children })],
    })],
  });
}

export function section(doc: Document, theme: Theme, fonts: FontChains, children: ISectionOptions['children']): ISectionOptions {
  const [mTop, mRight, mBottom, mLeft] = pageMargins(theme, doc.page);
  const landscape = doc.page.orientation === 'landscape';
  // Portrait size; Word swaps width and height for landscape itself.
  const paper = PAPER[theme.page.size];
  const { titlePage, ...h } = headers(doc, theme, fonts);
  const f = footer(doc, theme);
  return {
    properties: {
      ...(titlePage ? { titlePage } : {}),
      page: {
        size: { width: twip(paper.width), height: twip(paper.height), orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
        margin: {
          top: twip(mTop), right: twip(mRight), bottom: twip(mBottom), left: twip(mLeft),
          header: twip(SPACING.headerFooterPt), footer: twip(pageNumberBand(theme).edge),
        },
      },
    },
    ...h,
    // A first page of its own (the 案 mark) would otherwise have no page number.
    ...(f ? { footers: { default: f, ...(titlePage ? { first: footer(doc, theme) } : {}) } } : {}),
    children,
  };
}
