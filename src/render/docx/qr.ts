import { ImageRun, LineRuleType, Paragraph } from 'docx';
import { QR_SPACE } from '../rhythm.js';
import { twip } from './units.js';
import type { Block } from '../../document/ir.js';
import type { WordContext } from './context.js';

/** A picture, the size the PDF draws, described as in the PDF; the URL it encodes is also written as text beside it. */
export function qr(b: Extract<Block, { kind: 'qr' }>, ctx: WordContext): Paragraph {
  const image = ctx.qrImages.get(b.value);
  if (!image) throw new Error(`no QR image was made for ${b.value}`);
  const px = Math.round((ctx.theme.sizes.qr * 96) / 72);
  const id = ctx.nextPicture();
  const altText = { id: String(id), name: `QR ${id}`, description: b.alt };
  // A line as tall as the picture and no more (the leading of text would add room above it); "at
  // least", since an exact line clips a picture that overhangs it.
  return new Paragraph({
    spacing: { before: ctx.space(QR_SPACE), after: ctx.space(QR_SPACE), line: twip(ctx.theme.sizes.qr), lineRule: LineRuleType.AT_LEAST },
    children: [new ImageRun({ type: 'png', data: image, transformation: { width: px, height: px }, altText })],
  });
}
