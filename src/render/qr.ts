import { createRequire } from 'node:module';
import { walkBlocks, type Document } from '../document/ir.js';

// QR codes, as both formats draw them: the same error correction, so that a printed code reads
// the same whichever file it was printed from.

let loaded: typeof import('qrcode') | undefined;

/**
 * The qrcode package (and pngjs under it), loaded when a document first has a code: the summary has
 * none, and loading them was about 20 ms of every start that draws.
 */
export const qrcode = (): typeof import('qrcode') => (loaded ??= createRequire(import.meta.url)('qrcode') as typeof import('qrcode'));

/** Level M: about 15 % of the code may be soiled or covered and it still reads. */
export const QR_ERROR_CORRECTION = 'M';

/** The light margin around a code, in modules: the four that ISO/IEC 18004 asks for, so that a reader finds the code. */
export const QR_QUIET_ZONE = 4;

/** PNG images of a document's QR codes, by the text they encode (for Word, which cannot draw them). */
export async function qrImages(doc: Document, sizePx: number): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const b of walkBlocks(doc)) {
    if (b.kind !== 'qr' || out.has(b.value)) continue;
    const QRCode = qrcode();
    // The pixels of each module a whole number, as scanners like.
    const modules = QRCode.create(b.value, { errorCorrectionLevel: QR_ERROR_CORRECTION }).modules.size + 2 * QR_QUIET_ZONE;
    out.set(b.value, await QRCode.toBuffer(b.value, {
      errorCorrectionLevel: QR_ERROR_CORRECTION,
      margin: QR_QUIET_ZONE,
      scale: Math.max(1, Math.ceil(sizePx / modules)),
      type: 'png',
    }));
  }
  return out;
}
