import {
  AlignmentType, BorderStyle, Document as WordDocument, Footer, Header, ImageRun, LevelFormat, LineRuleType, PageNumber, PageOrientation,
  Paragraph, ShadingType, Table, TableCell, TableLayoutType, TableRow, TextRun, WidthType,
  type INumberingOptions,
} from 'docx';
import type { Block, Document, ListMarker, Run } from '../../document/ir.js';
import type { FontChains, FontStyle } from '../../fonts/chain.js';
import { PAPER, type Theme } from '../../theme/theme.js';
import { explicitKinsoku } from './kinsoku.js';

// Document → a `docx` Document made of real Word styles (Title, Heading 1–3, list numbering,
// tables), so that staff can go on editing it in Word. Pure: nothing is packed or written here.

const twip = (pt: number) => Math.round(pt * 20);
const halfPt = (pt: number) => Math.round(pt * 2);
const hex = (c: string) => c.replace('#', '').toUpperCase();

const BULLET = 'bullet';

export interface WordLayout {
  theme: Theme;
  /** Which font draws which character: the styles name the first of each chain, runs the fallbacks. */
  fonts: FontChains;
  /** Body text is multiplied by this (the PDF's fitted scale keeps both formats alike). */
  scale?: number;
  /** PNG images of the document's QR codes, by the text they encode (render/qr.ts). */
  qrImages?: ReadonlyMap<string, Buffer>;
}

export function wordDocument(doc: Document, { theme, fonts, scale = 1, qrImages }: WordLayout): WordDocument {
  const s = theme.sizes;
  const c = theme.colors;
  // All four slots: Word picks the slot by the character's class, and a run must not switch fonts midway.
  const named = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });
  const font = named(fonts.body.primary.name);
  const headingFont = named(fonts.heading.primary.name);
  const size = (pt: number) => halfPt(pt * scale);
  const [mTop, mRight, mBottom, mLeft] = theme.page.margins;
  const landscape = doc.page.orientation === 'landscape';
  // Portrait size; the section swaps width and height for landscape.
  const paper = { width: twip(PAPER[theme.page.size].width), height: twip(PAPER[theme.page.size].height) };
  const usableWidth = (landscape ? paper.height : paper.width) - twip(mLeft) - twip(mRight);
  /** Line widths in eighths of a point, as Word counts them. */
  const eighths = (pt: number) => Math.round(pt * 8);

  let pictures = 0;
  // Each numbered list is its own numbering instance, so that every list starts again at its start.
  const numberingConfigs = new Map<string, INumberingOptions['config'][number]>();
  let instance = 0;
  const numberingFor = (marker: Extract<ListMarker, { kind: 'numbered' }>) => {
    const reference = `num-${marker.start}-${marker.pattern}`;
    if (!numberingConfigs.has(reference)) {
      numberingConfigs.set(reference, {
        reference,
        levels: [{
          level: 0, format: LevelFormat.DECIMAL, text: marker.pattern, start: marker.start, alignment: AlignmentType.LEFT,
          style: { paragraph: { indent: { left: twip(s.body * scale * 2.4), hanging: twip(s.body * scale * 2.4) } } },
        }],
      });
    }
    instance += 1;
    return { reference, instance };
  };

  // A character the style's font lacks is its own run, naming the fallback font that has it.
  const runs = (rs: readonly Run[], extra: { size?: number; style?: FontStyle } = {}) => {
    const chain = fonts[extra.style ?? 'body'];
    return rs.flatMap((r) => chain.segments(r.text).map((seg) => new TextRun({
      text: seg.text,
      ...(seg.family !== chain.primary ? { font: named(seg.family.name) } : {}),
      ...(r.bold ? { bold: true } : {}),
      ...(r.underline ? { underline: {} } : {}),
      ...(extra.size ? { size: extra.size } : {}),
    })));
  };

  const listItems = (b: Extract<Block, { kind: 'list' }>): (Paragraph | Table)[] => {
    const out: (Paragraph | Table)[] = [];
    const numbering = b.marker.kind === 'numbered' ? numberingFor(b.marker) : undefined;
    const indent = b.marker.kind === 'numbered' ? twip(s.body * scale * 2.4) : twip(s.body * scale * 1.4);
    for (const it of b.items) {
      out.push(new Paragraph({
        style: 'ListParagraph',
        numbering: numbering
          ? { reference: numbering.reference, level: 0, instance: numbering.instance }
          : { reference: BULLET, level: 0 },
        children: runs(it.runs),
      }));
      for (const child of it.children) {
        // A paragraph under an item starts where the item's text starts, after its label.
        if (child.kind === 'paragraph') out.push(paragraph(child, { left: indent }));
        else out.push(...blocks([child]));
      }
    }
    return out;
  };

  const paragraph = (b: Extract<Block, { kind: 'paragraph' }>, indent?: { left: number }) =>
    new Paragraph({
      children: runs(b.runs, b.role === 'note' ? { size: size(s.note) } : {}),
      ...(indent ? { indent } : {}),
      ...(b.align ? { alignment: b.align === 'center' ? AlignmentType.CENTER : b.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT } : {}),
    });

  const line = { style: BorderStyle.SINGLE, size: eighths(theme.border.width), color: hex(c.border) };
  const cellBorders = { top: line, bottom: line, left: line, right: line };
  const [padY, padX] = theme.border.padding;
  const cellMargins = { top: twip(padY), bottom: twip(padY), left: twip(padX), right: twip(padX) };

  function blocks(bs: readonly Block[]): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [];
    for (const b of bs) {
      switch (b.kind) {
        case 'heading':
          out.push(new Paragraph({ style: `Heading${b.level}`, children: runs(b.runs, { style: 'heading' }) }));
          break;
        case 'paragraph':
          out.push(paragraph(b));
          break;
        case 'list':
          out.push(...listItems(b));
          break;
        case 'box':
          out.push(new Table({
            width: { size: usableWidth, type: WidthType.DXA },
            columnWidths: [usableWidth],
            layout: TableLayoutType.FIXED,
            rows: [new TableRow({
              children: [new TableCell({
                borders: cellBorders,
                margins: cellMargins,
                children: [
                  new Paragraph({ style: 'Heading2', children: runs(b.title, { style: 'heading' }) }),
                  ...blocks(b.children),
                ],
              })],
            })],
          }));
          break;
        case 'columns': {
          const total = b.columns.reduce((a, col) => a + col.weight, 0);
          const widths = b.columns.map((col) => Math.floor((usableWidth * col.weight) / total));
          out.push(new Table({
            width: { size: usableWidth, type: WidthType.DXA },
            columnWidths: widths,
            layout: TableLayoutType.FIXED,
            rows: [
              new TableRow({
                tableHeader: true,
                children: b.columns.map((col, i) => new TableCell({
                  width: { size: widths[i], type: WidthType.DXA },
                  borders: cellBorders,
                  margins: cellMargins,
                  shading: { type: ShadingType.CLEAR, fill: hex(c.columnHead), color: 'auto' },
                  children: [new Paragraph({ style: 'Heading2', alignment: AlignmentType.CENTER, children: runs(col.title, { style: 'heading' }) })],
                })),
              }),
              new TableRow({
                children: b.columns.map((col, i) => new TableCell({
                  width: { size: widths[i], type: WidthType.DXA },
                  borders: cellBorders,
                  margins: cellMargins,
                  children: nonEmpty(blocks(col.children)),
                })),
              }),
            ],
          }));
          break;
        }
        case 'qr': {
          // A picture, the size the PDF draws; the URL it encodes is also written as text beside it.
          const image = qrImages?.get(b.value);
          if (!image) throw new Error(`no QR image was made for ${b.value}`);
          const px = Math.round((s.qr * 96) / 72);
          // `docx` would number every picture 1; Word wants each wp:docPr id once in a document.
          pictures += 1;
          const altText = { id: String(pictures), name: `QR ${pictures}`, description: b.value, title: b.value };
          out.push(new Paragraph({ children: [new ImageRun({ type: 'png', data: image, transformation: { width: px, height: px }, altText })] }));
          break;
        }
        case 'table': {
          const total = b.widths.reduce((a, w) => a + w, 0);
          const widths = b.widths.map((w) => Math.floor((usableWidth * w) / total));
          // A header cell reads as in the PDF: bold and centred, on the column-head shade.
          const headed = (bs: Block[]): Block[] =>
            bs.map((x) => (x.kind === 'paragraph' ? { ...x, align: 'center', runs: x.runs.map((r) => ({ ...r, bold: true })) } : x));
          const row = (cells: { children: Block[] }[], header: boolean) => new TableRow({
            tableHeader: header,
            cantSplit: true,
            children: cells.map((cell, i) => new TableCell({
              width: { size: widths[i], type: WidthType.DXA },
              borders: cellBorders,
              margins: cellMargins,
              ...(header ? { shading: { type: ShadingType.CLEAR, fill: hex(c.columnHead), color: 'auto' } } : {}),
              children: nonEmpty(blocks(header ? headed(cell.children) : cell.children)),
            })),
          });
          out.push(new Table({
            width: { size: usableWidth, type: WidthType.DXA },
            columnWidths: widths,
            layout: TableLayoutType.FIXED,
            rows: [...(b.header.length ? [row(b.header, true)] : []), ...b.rows.map((r) => row(r, false))],
          }));
          break;
        }
      }
    }
    return out;
  }

  const body: (Paragraph | Table)[] = [
    new Paragraph({ style: 'Title', children: runs(doc.title, { style: 'heading' }) }),
    ...blocks(doc.body),
  ];

  const draftMark = new Header({
    children: [new Paragraph({
      alignment: AlignmentType.RIGHT,
      children: [new TextRun({
        text: '案', bold: true, size: halfPt(s.mark), color: hex(c.mark),
        border: { style: BorderStyle.SINGLE, size: 8, color: hex(c.mark), space: 1 },
      })],
    })],
  });
  const sampleMark = new Paragraph({
    alignment: AlignmentType.RIGHT,
    children: [new TextRun({ text: '見本', bold: true, size: halfPt(20), color: hex(c.watermark) })],
  });
  const header = doc.draft || doc.sample
    ? new Header({ children: [...(doc.sample ? [sampleMark] : []), ...(doc.draft ? (draftMark.options.children as Paragraph[]) : [])] })
    : undefined;
  const footer = doc.page.pageNumbers
    ? new Footer({
        children: [new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new TextRun({ size: halfPt(s.pageNumber), children: ['- ', PageNumber.CURRENT, ' -'] })],
        })],
      })
    : undefined;

  // 禁則処理 on in the document defaults, beside ja-JP and the fonts (see kinsoku.ts).
  return explicitKinsoku(new WordDocument({
    title: doc.meta.title,
    subject: doc.meta.subject,
    creator: doc.meta.author,
    lastModifiedBy: doc.meta.author,
    description: doc.meta.subject,
    styles: {
      default: {
        document: {
          run: { font, size: size(s.body), language: { value: 'ja-JP', eastAsia: 'ja-JP' } },
          // Word's single spacing already leaves room above Japanese text; the theme's line height is for PDF.
          paragraph: { spacing: { line: 240, lineRule: LineRuleType.AT_LEAST, before: 0, after: 0 } },
        },
        title: {
          run: { font: headingFont, size: halfPt(s.title), bold: true, color: hex(c.text) },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { after: 80 } },
        },
        heading1: {
          run: { font: headingFont, size: size(s.heading1), bold: true, color: hex(c.text) },
          paragraph: {
            spacing: { before: 100, after: 40 },
            shading: { type: ShadingType.CLEAR, fill: hex(c.band), color: 'auto' },
            border: { left: { style: BorderStyle.SINGLE, size: eighths(theme.band.bar), color: hex(c.accent), space: Math.round(theme.band.padding[1] * 0.8) } },
            keepNext: true,
          },
        },
        heading2: {
          run: { font: headingFont, size: size(s.heading2), bold: true, color: hex(c.accent) },
          paragraph: { spacing: { before: 0, after: 20 }, keepNext: true },
        },
        heading3: {
          run: { font: headingFont, size: size(s.heading3), bold: true, color: hex(c.accent) },
          paragraph: { spacing: { before: 40, after: 20 }, keepNext: true },
        },
        listParagraph: { run: { font } },
      },
    },
    numbering: {
      config: [
        {
          reference: BULLET,
          levels: [{
            level: 0, format: LevelFormat.BULLET, text: '●', alignment: AlignmentType.LEFT,
            style: {
              paragraph: { indent: { left: twip(s.body * scale * 1.4), hanging: twip(s.body * scale * 1.4) } },
              run: { font: fonts.body.primary.name, color: hex(c.accent), size: size(s.body * 0.7) },
            },
          }],
        },
        ...numberingConfigs.values(),
      ],
    },
    sections: [{
      properties: {
        page: {
          size: { width: paper.width, height: paper.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: twip(mTop), right: twip(mRight), bottom: twip(mBottom), left: twip(mLeft), header: twip(8), footer: twip(8) },
        },
      },
      ...(header ? { headers: { default: header } } : {}),
      ...(footer ? { footers: { default: footer } } : {}),
      children: body,
    }],
  }));
}

/** A table cell must hold at least one paragraph. */
function nonEmpty(children: (Paragraph | Table)[]): (Paragraph | Table)[] {
  return children.length ? children : [new Paragraph({})];
}
