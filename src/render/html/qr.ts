import { walkBlocks, type Block, type Document } from '../../document/ir.js';
import { QR_ERROR_CORRECTION, QR_QUIET_ZONE, qrcode } from '../qr.js';
import type { HtmlContext } from './context.js';
import { escapeMarkup } from '../markup.js';

// QR codes as inline SVG: vector, so they print sharp, and inside the file, so it fetches nothing.

const SVG_START = '<svg xmlns="http://www.w3.org/2000/svg" ';

async function svg(value: string): Promise<string> {
  const made = await qrcode().toString(value, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: QR_QUIET_ZONE });
  // Checked rather than assumed: another version of qrcode could write its SVG otherwise.
  if (!made.startsWith(SVG_START)) throw new Error('qrcode: unexpected SVG output');
  // The label goes in where the code is placed (qr below): the same address can stand for two things.
  return made.slice(SVG_START.length).trim();
}

/** The SVG of every QR code of a document, by the text it encodes. */
export async function qrSvgs(doc: Document): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const b of walkBlocks(doc)) if (b.kind === 'qr' && !out.has(b.value)) out.set(b.value, await svg(b.value));
  return out;
}

/**
 * The code as an image whose name is the model's own description (「…のホームページ（URL）の QRコード」).
 * On paper it is as large as the PDF draws it, the theme's size with its quiet zone: a larger code
 * would make its table row taller than the PDF's.
 */
export function qr(b: Extract<Block, { kind: 'qr' }>, ctx: HtmlContext): string {
  const label = escapeMarkup(b.alt);
  const rest = ctx.qrSvg(b.value);
  const open = rest.indexOf('>');
  return `<div class="qr-code" style="--printed-size: ${ctx.theme.sizes.qr}pt">${SVG_START}class="qr" role="img" aria-label="${label}" ${rest.slice(0, open)}><title>${label}</title>${rest.slice(open + 1)}</div>`;
}
