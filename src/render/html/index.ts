import type { Document } from '../../document/ir.js';
import type { WriterOptions } from '../options.js';
import type { Fit } from '../../layout/decisions.js';
import { htmlDocument } from './document.js';
import { qrSvgs } from './qr.js';

// The HTML writer: the document as one self-contained page (document.ts), UTF-8. The time of
// WriterOptions is not used: the only date in the page is the document's own.

export async function writeHtml(doc: Document, fit: Fit, options: WriterOptions): Promise<Uint8Array> {
  const html = htmlDocument(doc, { theme: options.theme, fonts: options.fonts, fit, generator: options.generator, qrSvgs: await qrSvgs(doc) });
  return Buffer.from(html, 'utf8');
}
