import QRCode from 'qrcode';
import { walkBlocks, type Block, type Document } from '../../document/ir.js';
import { QR_ERROR_CORRECTION } from '../qr.js';
import type { HtmlContext } from './context.js';
import { escapeHtml } from './escape.js';

// QR codes as inline SVG: vector, so they print sharp, and inside the file, so it fetches nothing.

/** What a screen reader says for the code: the address it holds (which is also written beside it). */
export const qrLabel = (value: string) => `${value} の QR コード`;

const SVG_START = '<svg xmlns="http://www.w3.org/2000/svg" ';

async function svg(value: string): Promise<string> {
  // A quiet zone of two modules, as the PNG of the Word file has.
  const made = await QRCode.toString(value, { type: 'svg', errorCorrectionLevel: QR_ERROR_CORRECTION, margin: 2 });
  // Checked rather than assumed: another version of qrcode could write its SVG otherwise.
  if (!made.startsWith(SVG_START)) throw new Error('qrcode: unexpected SVG output');
  const label = escapeHtml(qrLabel(value));
  const rest = made.slice(SVG_START.length).trim();
  const open = rest.indexOf('>');
  return `${SVG_START}class="qr" role="img" aria-label="${label}" ${rest.slice(0, open)}><title>${label}</title>${rest.slice(open + 1)}`;
}

/** The SVG of every QR code of a document, by the text it encodes. */
export async function qrSvgs(doc: Document): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const b of walkBlocks(doc)) if (b.kind === 'qr' && !out.has(b.value)) out.set(b.value, await svg(b.value));
  return out;
}

export function qr(b: Extract<Block, { kind: 'qr' }>, ctx: HtmlContext): string {
  return `<div class="qr-code">${ctx.qrSvg(b.value)}</div>`;
}
