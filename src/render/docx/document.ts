import { Document as WordDocument, Paragraph } from 'docx';
import { outlineRank, type Document } from '../../document/ir.js';
import { frameInset, typeSize } from '../../layout/metrics.js';
import type { Fit } from '../../layout/decisions.js';
import { markBox } from '../../theme/furniture.js';
import { fittedSpace } from '../rhythm.js';
import { blocks } from './blocks.js';
import { cellFrame, textRuns, type WordContext } from './context.js';
import { earlySpacing } from './early.js';
import { explicitDefaults } from './kinsoku.js';
import { Numbering } from './numbering.js';
import { section, usableWidth } from './page.js';
import { styles } from './styles.js';
import { halfPt, twip } from './units.js';
import type { WriterOptions } from '../options.js';

// Document → a `docx` Document made of real Word styles (Title, Heading 1–3, list numbering,
// tables), so that staff can go on editing it in Word. Pure: nothing is packed or written here.

export interface WordLayout extends Pick<WriterOptions, 'theme' | 'fonts'> {
  /** The layout stage's decisions: size, leading, column weights. */
  fit: Fit;
  /** PNG images of the document's QR codes, by the text they encode (render/qr.ts). */
  qrImages?: ReadonlyMap<string, Buffer>;
}

export function wordDocument(doc: Document, { theme, fonts, fit, qrImages = new Map() }: WordLayout): WordDocument {
  const { scale, leading } = fit;
  const numbering = new Numbering(theme, fonts, scale);
  let pictures = 0;
  const spacing = earlySpacing(doc, fit);
  const ctx: WordContext = {
    doc,
    fit,
    theme,
    fonts,
    scale,
    size: (pt) => halfPt(typeSize(pt, scale)),
    space: (pt) => twip(fittedSpace(pt, scale, leading, theme.lineHeight)),
    usableWidth: usableWidth(doc, theme),
    indent: twip(frameInset(theme)),
    framed: () => framed,
    runs: (rs, extra) => textRuns(fonts, rs, extra, spacing(rs)),
    rank: outlineRank(doc),
    ...cellFrame(theme),
    numbering: (marker) => numbering.use(marker),
    nextPicture: () => ++pictures,
    qrImages,
    blocks: (bs) => blocks(bs, ctx),
  };
  const framed: WordContext = { ...ctx, indent: 0, blocks: (bs) => blocks(bs, framed) };
  // A draft's title keeps clear of the 案 mark on both sides, as in the PDF (theme/furniture.ts).
  const inset = doc.draft ? twip(markBox(theme, doc.page.orientation, fonts.body).titleInset) : 0;
  const title = new Paragraph({ style: 'Title', children: ctx.runs(doc.title, { style: 'heading' }), ...(inset ? { indent: { left: inset, right: inset } } : {}) });
  const body = [title, ...ctx.blocks(doc.body)];

  // 禁則処理 on and Japanese set solid against Latin, in the document defaults (see kinsoku.ts).
  return explicitDefaults(new WordDocument({
    title: doc.meta.title,
    subject: doc.meta.subject,
    creator: doc.meta.author,
    lastModifiedBy: doc.meta.author,
    description: doc.meta.subject,
    styles: styles(theme, fonts, scale, leading),
    // A line ended by a line break (an item's title before its programmes) is not stretched to the
    // measure in a justified paragraph, as Word otherwise does.
    compatibility: { doNotExpandShiftReturn: true },
    numbering: numbering.options(),
    sections: [section(doc, theme, fonts, body)],
  }));
}
