import { dependencyVersion } from '../../core/version.js';
import { outlineRank, runsText, textBlocks, type Block, type Document } from '../../document/ir.js';
import { pageSize } from '../../document/paper.js';
import { markBox, MARK_BOX, pageMargins, pageNumberBand, pageNumberText } from '../../theme/furniture.js';
import { frameInset, typeSize } from '../../layout/metrics.js';
import { fittedSpace, TITLE_AFTER } from '../rhythm.js';
import type { WriterOptions } from '../options.js';
import type { Fit } from '../../layout/decisions.js';
import { block } from './blocks.js';
import { borderedLayout, inlines, type Node, type PdfContext } from './context.js';
import { ENDLESS_PAGE_HEIGHT } from './spacing.js';
import { ARTIFACT, StructurePlan } from './structure.js';

// Document → pdfmake document definition, and beside it the plan of the PDF's logical structure
// (structure.ts), made in the same walk so that the tags follow the model's reading order. Pure:
// nothing is written here, and fonts are only asked which characters they have.

/** The archival conformance claimed: level A, since every piece of content is tagged or an artifact. */
export const PDF_A = 'PDF/A-2a';

/** Producer names the library that wrote the bytes too, as PDF readers expect of that field. */
const PDFMAKE = `pdfmake ${dependencyVersion('pdfmake')}`;

export interface PdfLayout extends WriterOptions {
  /** The layout stage's decisions: size, leading, column weights. */
  fit: Fit;
  /** Lay out on one endless page, to measure how tall the content is. */
  measure?: boolean;
}

export function pdfPageSize(doc: Document, layout: Pick<PdfLayout, 'theme' | 'measure'>): { width: number; height: number } {
  const size = pageSize(layout.theme.page.size, doc.page.orientation);
  return layout.measure ? { width: size.width, height: ENDLESS_PAGE_HEIGHT } : size;
}

/**
 * The 案 mark in its box, where theme/furniture.ts places it: level with the title at the top right,
 * set solid with the same padding on every side, so that the mark stands in the middle of its box.
 */
function draftMark(doc: Document, ctx: PdfContext): Node {
  const { theme, fonts } = ctx;
  const box = markBox(theme, doc.page.orientation, fonts.body);
  const color = theme.colors.mark;
  const pad = () => MARK_BOX.padding;
  return {
    absolutePosition: { x: box.left, y: box.top },
    table: { widths: [box.text], body: [[{ text: theme.marks.draft, bold: true, fontSize: theme.sizes.mark, color, lineHeight: solid(ctx), noWrap: true }]] },
    layout: {
      hLineColor: () => color, vLineColor: () => color, hLineWidth: () => MARK_BOX.line, vLineWidth: () => MARK_BOX.line,
      paddingLeft: pad, paddingRight: pad, paddingTop: pad, paddingBottom: pad,
    },
  };
}

/** pdfmake's line height that sets the body face solid: a line exactly as tall as the type size. */
const solid = (ctx: Pick<PdfContext, 'fonts'>) => 1 / ctx.fonts.body.primary.regular.lineHeightEm;

/**
 * The page number in the bottom margin (pdfmake's footer is the margin's height): set solid, its
 * em box ending theme/furniture.ts's distance above the paper's edge.
 */
function pageNumber(page: number, ctx: PdfContext, bottomMargin: number): Node {
  const band = pageNumberBand(ctx.theme);
  return {
    text: [{ text: pageNumberText(ctx.theme, page), [ARTIFACT]: 'Pagination' }],
    alignment: 'center', fontSize: band.size, lineHeight: solid(ctx), margin: [0, bottomMargin - band.edge - band.size, 0, 0],
  };
}

export interface PdfDefinition {
  def: Node;
  structure: StructurePlan;
}

export function pdfDefinition(doc: Document, layout: PdfLayout): PdfDefinition {
  const { theme, fonts } = layout;
  const s = theme.sizes;
  const [mTop, mRight, mBottom, mLeft] = pageMargins(theme, doc.page);
  const tags = new StructurePlan();
  const { scale, leading } = layout.fit;
  const fs = (n: number) => typeSize(n, scale);
  const blocks = textBlocks(doc);
  const ctx: PdfContext = {
    doc,
    fit: layout.fit,
    theme,
    fonts,
    size: pdfPageSize(doc, layout),
    fs,
    // Space between blocks keeps its proportion to the lines: it grows with the type and the leading.
    vs: (n) => fittedSpace(n, scale, leading, theme.lineHeight),
    leading,
    inset: frameInset(theme),
    inlines: (runs, style) => inlines(runs, fonts, tags, style, blocks.get(runs), theme.maxSpread),
    bordered: borderedLayout(theme),
    tags,
    rank: outlineRank(doc),
    block: (b: Block) => block(b, ctx),
  };
  const headingFont = fonts.heading.primary.name;
  // A draft's title keeps clear of the mark on both sides, so that it wraps before the mark and stays centred.
  const inset = doc.draft ? markBox(theme, doc.page.orientation, fonts.body).titleInset : 0;

  const content: Node[] = [
    tags.element('H1', () => (
      { text: ctx.inlines(doc.title, 'heading'), bold: true, font: headingFont, fontSize: s.title, alignment: 'center', margin: [inset, 0, inset, TITLE_AFTER] }
    ), { text: runsText(doc.title) }),
    // The mark comes right after the title in the content stream, so that text extraction reads it
    // with the title rather than before it. It carries no slot: an artifact.
    ...(doc.draft ? [draftMark(doc, ctx)] : []),
  ];
  // A numbered band opens a section that runs to the next band. Each top-level block gets an id so
  // that an overflow can be traced to its section. Frames and bands stand at the margin; other
  // blocks stand in by the frames' inset, so that their first level lines up with a frame's.
  const framed = (b: Block) => b.kind === 'box' || b.kind === 'columns' || b.kind === 'table' || (b.kind === 'heading' && b.level === 1);
  const top = (i: number): Node => {
    const b = doc.body[i];
    const node = ctx.block(b);
    if (framed(b)) return { ...node, id: `block-${i}` };
    const [, above = 0, , below = 0] = (node.margin as number[] | undefined) ?? [];
    return { ...node, margin: [ctx.inset, above, ctx.inset, below], id: `block-${i}` };
  };
  const opens = (b: Block) => b.kind === 'heading' && b.level === 1;
  for (let i = 0; i < doc.body.length;) {
    if (!opens(doc.body[i])) {
      content.push(top(i++));
      continue;
    }
    tags.element('Sect', () => {
      do content.push(top(i++));
      while (i < doc.body.length && !opens(doc.body[i]));
    });
  }
  // Marks where the content ends (pdfmake skips empty text when it reports positions).
  content.push({ canvas: [{ type: 'line', x1: 0, y1: 0, x2: 0, y2: 0, lineWidth: 0 }], id: 'end' });

  const def: Node = {
    pageSize: ctx.size,
    pageMargins: [mLeft, mTop, mRight, mBottom],
    language: doc.meta.language,
    // PDF 1.7, tagged (the structure comes from `tags`, see tagging.ts), archival: PDF/A-2 level A,
    // which asks for the tagging, with XMP metadata and an sRGB output intent written by pdfkit.
    version: '1.7',
    tagged: true,
    subset: PDF_A,
    displayTitle: true,
    info: {
      title: doc.meta.title,
      author: doc.meta.author,
      subject: doc.meta.subject,
      creator: layout.generator,
      producer: `${layout.generator} (${PDFMAKE})`,
      creationDate: layout.time,
      modDate: layout.time,
    },
    // The pitch is the leading times the type size, whatever the face's own line height.
    defaultStyle: {
      font: fonts.body.primary.name,
      fontSize: ctx.fs(s.body),
      lineHeight: leading / fonts.body.primary.regular.lineHeightEm,
      color: theme.colors.text,
      alignment: theme.justify ? 'justify' : 'left',
    },
    content,
    ...(doc.page.pageNumbers ? { footer: (page: number) => pageNumber(page, ctx, mBottom) } : {}),
    ...(doc.sample ? { watermark: { text: theme.marks.sample, color: theme.colors.watermark, opacity: theme.watermarkOpacity, bold: true, fontSize: s.watermark } } : {}),
  };
  return { def, structure: tags };
}
