import { Packer } from 'docx';
import type { Document } from '../../document/ir.js';
import type { WriterOptions } from '../options.js';
import { qrImages } from '../qr.js';
import { wordDocument } from './document.js';
import { normalise } from './zip.js';

// The Word writer: the document as Word elements (document.ts), packed, then made reproducible (zip.ts).

export async function writeDocx(doc: Document, options: WriterOptions): Promise<Uint8Array> {
  // Twice the pixels of the printed size at 96 dpi, so that the code stays sharp when printed.
  const images = await qrImages(doc, Math.round((options.theme.sizes.qr * 96 * 2) / 72));
  const packed = await Packer.toBuffer(wordDocument(doc, { theme: options.theme, fonts: options.fonts, qrImages: images }));
  return normalise(packed, { time: options.time, language: doc.meta.language, generator: options.generator });
}
