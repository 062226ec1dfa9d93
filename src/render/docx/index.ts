import { Packer } from 'docx';
import type JSZip from 'jszip';
import type { Document } from '../../document/ir.js';
import type { WriterOptions } from '../options.js';
import type { Fit } from '../../layout/decisions.js';
import { describeFace } from '../../fonts/describe.js';
import { qrImages } from '../qr.js';
import { wordDocument } from './document.js';
import { packageParts, zip } from './zip.js';

// The Word writer: the document as Word elements (document.ts), compiled into the package's parts by
// docx, then zipped here (zip.ts) with fixed dates.

/** docx's compiler, which makes the parts of the package without zipping them (what Packer.toBuffer zips). */
const compiler = (Packer as unknown as { compiler?: { compile(file: unknown, prettify?: unknown, overrides?: unknown[]): JSZip } }).compiler;

export async function writeDocx(doc: Document, fit: Fit, options: WriterOptions): Promise<Uint8Array> {
  if (!compiler?.compile) throw new Error('docx: Packer.compiler.compile was not found (check the docx version)');
  // Twice the pixels of the printed size at 96 dpi, so that the code stays sharp when printed.
  const images = await qrImages(doc, Math.round((options.theme.sizes.qr * 96 * 2) / 72));
  const compiled = compiler.compile(wordDocument(doc, { theme: options.theme, fonts: options.fonts, fit, qrImages: images }), undefined, []);
  // The font table describes the fonts the file names, from the font files themselves.
  const describe = (name: string) => {
    const family = options.fonts.registry.families.get(name);
    return family ? describeFace(family.regular) : undefined;
  };
  return zip(await packageParts(compiled, { time: options.time, language: doc.meta.language, generator: options.generator }, describe), options.time);
}
