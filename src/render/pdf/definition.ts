import type { Block, Document, ListItem, Run } from '../../document/ir.js';
import { itemLabel } from '../../document/ir.js';
import { documentTime } from '../../document/time.js';
import { QR_ERROR_CORRECTION } from '../qr.js';
import type { FontChains, FontStyle } from '../../fonts/chain.js';
import { PAPER, type Theme } from '../../theme/theme.js';

// Document → pdfmake document definition. Pure: nothing is written here, and fonts are only asked
// which characters they have.

type Node = Record<string, unknown>;

export interface PdfLayout {
  theme: Theme;
  /** Which font draws which character: a style's first font, and its fallbacks where it lacks one. */
  fonts: FontChains;
  /** Body text is multiplied by this to fit the page limit (1 = the theme's sizes). */
  scale: number;
  /** Lay out on one endless page, to measure how tall the content is. */
  measure?: boolean;
}

export function pageSize(doc: Document, theme: Theme, measure = false): { width: number; height: number } {
  const paper = PAPER[theme.page.size];
  const size = doc.page.orientation === 'landscape' ? { width: paper.height, height: paper.width } : { ...paper };
  return measure ? { width: size.width, height: 14400 } : size;
}

/**
 * Runs as pdfmake inlines (an array of inline objects is one paragraph). A character the style's
 * font lacks becomes an inline of its own in the fallback font that has it.
 */
function inlines(runs: readonly Run[], fonts: FontChains, style: FontStyle = 'body'): Node[] {
  const chain = fonts[style];
  return runs.flatMap((r) => chain.segments(r.text).map((seg) => ({
    text: seg.text,
    ...(seg.family !== chain.primary ? { font: seg.family.name } : {}),
    ...(r.bold ? { bold: true } : {}),
    ...(r.underline ? { decoration: 'underline' } : {}),
  })));
}

export function pdfDefinition(doc: Document, layout: PdfLayout): Node {
  const { theme, scale } = layout;
  const body = (runs: readonly Run[]) => inlines(runs, layout.fonts);
  const heading = (runs: readonly Run[]) => inlines(runs, layout.fonts, 'heading');
  const bodyFont = layout.fonts.body.primary.name;
  const headingFont = layout.fonts.heading.primary.name;
  const s = theme.sizes;
  const c = theme.colors;
  const fs = (n: number) => Math.round(n * scale * 100) / 100;
  const [mTop, mRight, mBottom, mLeft] = theme.page.margins;
  const size = pageSize(doc, theme, layout.measure);

  const heading1 = (runs: Run[]): Node => ({
    table: { widths: ['*'], body: [[{ text: heading(runs), bold: true, fontSize: fs(s.heading1), font: headingFont }]] },
    layout: {
      hLineWidth: () => 0,
      vLineWidth: (i: number) => (i === 0 ? theme.band.bar : 0),
      vLineColor: () => c.accent,
      fillColor: () => c.band,
      paddingLeft: () => theme.band.padding[1],
      paddingTop: () => theme.band.padding[0],
      paddingBottom: () => theme.band.padding[0],
    },
    margin: [0, fs(5), 0, fs(2.5)],
  });

  const listItem = (it: ListItem): Node => {
    const first: Node = { text: body(it.runs) };
    return it.children.length ? { stack: [first, ...it.children.map(block)] } : first;
  };

  const list = (b: Extract<Block, { kind: 'list' }>): Node => {
    if (b.marker.kind === 'bullet') {
      return { ul: b.items.map(listItem), markerColor: c.accent, margin: [0, 0, 0, fs(1.5)] };
    }
    const labelWidth = fs(s.body) * 2.4;
    const numbered = b.items.map((it, i): Node => ({
      columns: [
        { text: itemLabel(b.marker, i), width: labelWidth },
        { width: '*', ...listItem(it) },
      ],
      columnGap: 0,
      margin: [0, 0, 0, fs(1)],
    }));
    return { stack: numbered, margin: [0, 0, 0, fs(1.5)] };
  };

  const [padY, padX] = theme.border.padding;
  const bordered = {
    hLineWidth: () => theme.border.width,
    vLineWidth: () => theme.border.width,
    hLineColor: () => c.border,
    vLineColor: () => c.border,
    paddingLeft: () => padX,
    paddingRight: () => padX,
    paddingTop: () => padY,
    paddingBottom: () => padY,
  };

  function block(b: Block): Node {
    switch (b.kind) {
      case 'heading':
        if (b.level === 1) return heading1(b.runs);
        return {
          text: heading(b.runs),
          bold: true,
          font: headingFont,
          fontSize: fs(b.level === 2 ? s.heading2 : s.heading3),
          color: c.accent,
          margin: [0, fs(2.5), 0, fs(1)],
        };
      case 'paragraph':
        return {
          text: body(b.runs),
          ...(b.align ? { alignment: b.align } : {}),
          ...(b.role === 'note' ? { fontSize: fs(s.note) } : {}),
        };
      case 'list':
        return list(b);
      case 'box':
        return {
          table: {
            widths: ['*'],
            body: [[{ stack: [{ text: body(b.title), bold: true, color: c.accent, fontSize: fs(s.heading2), margin: [0, 0, 0, 2] }, ...b.children.map(block)] }]],
          },
          layout: bordered,
          margin: [0, fs(2), 0, fs(2)],
        };
      case 'columns': {
        // One table keeps the columns' borders the same height; narrow borderless cells between
        // them leave a gutter wide enough for text extractors (pdftotext) to see separate columns.
        const n = b.columns.length;
        const usable = size.width - mLeft - mRight;
        const gutterPct = (theme.columnGap / usable) * 100;
        const total = b.columns.reduce((a, col) => a + col.weight, 0);
        const share = 100 - gutterPct * (n - 1);
        const widths: string[] = [];
        const row = (cell: (i: number) => Node): Node[] => {
          const cells: Node[] = [];
          b.columns.forEach((_, i) => {
            if (i > 0) cells.push({ text: '', border: [false, false, false, false] });
            cells.push(cell(i));
          });
          return cells;
        };
        b.columns.forEach((col, i) => {
          if (i > 0) widths.push(`${gutterPct.toFixed(3)}%`);
          widths.push(`${(((col.weight / total) * share)).toFixed(3)}%`);
        });
        const isGutter = (i: number) => i % 2 === 1;
        return {
          table: {
            widths,
            body: [
              row((i) => ({
                stack: [
                  { text: heading(b.columns[i].title), bold: true, fontSize: fs(s.heading2), font: headingFont, color: c.accent, margin: [0, 0, 0, 2] },
                  ...b.columns[i].children.map(block),
                ],
              })),
            ],
          },
          layout: {
            ...bordered,
            paddingLeft: (i: number) => (isGutter(i) ? 0 : padX),
            paddingRight: (i: number) => (isGutter(i) ? 0 : padX),
          },
        };
      }
      case 'qr':
        return { qr: b.value, fit: s.qr, eccLevel: QR_ERROR_CORRECTION, margin: [0, 2, 0, 2] };
      case 'table': {
        const total = b.widths.reduce((a, w) => a + w, 0);
        const cell = (cl: { children: Block[] }) => ({ stack: cl.children.map(block) });
        return {
          table: {
            widths: b.widths.map((w) => `${((w / total) * 100).toFixed(3)}%`),
            headerRows: b.header.length ? 1 : 0,
            dontBreakRows: true,
            body: [
              ...(b.header.length ? [b.header.map((h) => ({ ...cell(h), bold: true, alignment: 'center', fillColor: c.columnHead }))] : []),
              ...b.rows.map((r) => r.map(cell)),
            ],
          },
          layout: bordered,
        };
      }
    }
  }

  const content: Node[] = [
    { text: heading(doc.title), bold: true, font: headingFont, fontSize: s.title, alignment: 'center', margin: [0, 0, 0, 4] },
    // The 案 mark sits at the top right, level with the title, and comes right after the title in
    // the content stream, so that text extraction reads it with the title rather than before it.
    ...(doc.draft
      ? [{
          absolutePosition: { x: size.width - mRight - s.mark * 2.2, y: mTop - 3 },
          table: { body: [[{ text: '案', bold: true, fontSize: s.mark, color: c.mark, margin: [2, 0, 2, 0] }]] },
          layout: { hLineColor: () => c.mark, vLineColor: () => c.mark, hLineWidth: () => 1, vLineWidth: () => 1 },
        }]
      : []),
    // Each top-level block gets an id so that an overflow can be traced to its section.
    ...doc.body.map((b, i) => ({ ...block(b), id: `block-${i}` })),
    // Marks where the content ends (pdfmake skips empty text when it reports positions).
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 0, y2: 0, lineWidth: 0 }], id: 'end' },
  ];

  const date = documentTime(doc.meta);
  return {
    pageSize: size,
    pageMargins: [mLeft, mTop, mRight, mBottom],
    language: doc.meta.language,
    info: {
      title: doc.meta.title,
      author: doc.meta.author,
      subject: doc.meta.subject,
      creator: 'shien',
      producer: 'shien (pdfmake)',
      creationDate: date,
      modDate: date,
    },
    defaultStyle: { font: bodyFont, fontSize: fs(s.body), lineHeight: theme.lineHeight, color: c.text },
    content,
    ...(doc.page.pageNumbers
      ? { footer: (page: number) => ({ text: `- ${page} -`, alignment: 'center', fontSize: s.pageNumber, margin: [0, 4, 0, 0] }) }
      : {}),
    ...(doc.sample ? { watermark: { text: '見本', color: c.watermark, opacity: theme.watermarkOpacity, bold: true, fontSize: s.watermark } } : {}),
  };
}
