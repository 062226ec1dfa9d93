import { Document as WordDocument, Paragraph } from 'docx';
import { outlineRanks, type Document } from '../../document/ir.js';
import { blocks } from './blocks.js';
import { cellFrame, textRuns, type WordContext } from './context.js';
import { explicitKinsoku } from './kinsoku.js';
import { Numbering } from './numbering.js';
import { section, usableWidth } from './page.js';
import { styles } from './styles.js';
import { halfPt } from './units.js';
import type { WriterOptions } from '../options.js';

// Document → a `docx` Document made of real Word styles (Title, Heading 1–3, list numbering,
// tables), so that staff can go on editing it in Word. Pure: nothing is packed or written here.

export interface WordLayout extends Pick<WriterOptions, 'theme' | 'fonts'> {
  /** PNG images of the document's QR codes, by the text they encode (render/qr.ts). */
  qrImages?: ReadonlyMap<string, Buffer>;
}

export function wordDocument(doc: Document, { theme, fonts, qrImages = new Map() }: WordLayout): WordDocument {
  const scale = doc.fit?.scale ?? 1;
  const numbering = new Numbering(theme, fonts, scale);
  const ranks = outlineRanks(doc);
  let pictures = 0;
  const ctx: WordContext = {
    theme,
    fonts,
    scale,
    size: (pt) => halfPt(pt * scale),
    usableWidth: usableWidth(doc, theme),
    runs: (rs, extra) => textRuns(fonts, rs, extra),
    rank: (b) => {
      const r = ranks.get(b);
      if (!r) throw new Error('a title that the outline does not rank');
      return r;
    },
    ...cellFrame(theme),
    numbering: (marker) => numbering.use(marker),
    nextPicture: () => ++pictures,
    qrImages,
    blocks: (bs) => blocks(bs, ctx),
  };
  const body = [new Paragraph({ style: 'Title', children: ctx.runs(doc.title, { style: 'heading' }) }), ...ctx.blocks(doc.body)];

  // 禁則処理 on in the document defaults, beside ja-JP and the fonts (see kinsoku.ts).
  return explicitKinsoku(new WordDocument({
    title: doc.meta.title,
    subject: doc.meta.subject,
    creator: doc.meta.author,
    lastModifiedBy: doc.meta.author,
    description: doc.meta.subject,
    styles: styles(theme, fonts, scale),
    numbering: numbering.options(),
    sections: [section(doc, theme, fonts.heading.primary.name, body)],
  }));
}
