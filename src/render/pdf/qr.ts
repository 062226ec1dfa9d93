import type { Block } from '../../document/ir.js';
import { QR_ERROR_CORRECTION, QR_QUIET_ZONE, qrcode } from '../qr.js';
import { QR_SPACE } from '../rhythm.js';
import type { Node, PdfContext } from './context.js';
import { SLOT } from './structure.js';

/**
 * A QR code as a figure whose alternate text says what the code is for. The theme's size is the
 * side of the code with its quiet zone, as in the Word file's image and the HTML's SVG: pdfmake's
 * own QR draws no quiet zone (the code began at the cell's padding, 2–3 pt from its border) and
 * sets each module a whole number of points. So the code is drawn here, the symbol the qrcode
 * package makes for the other formats, on a light square four modules wider each side: one
 * rectangle per run of dark modules in a row.
 */
export function qr(b: Extract<Block, { kind: 'qr' }>, ctx: PdfContext): Node {
  return ctx.tags.element('Figure', () => {
    const slot = ctx.tags.slot();
    const { modules } = qrcode().create(b.value, { errorCorrectionLevel: QR_ERROR_CORRECTION });
    const side = ctx.theme.sizes.qr;
    const unit = side / (modules.size + 2 * QR_QUIET_ZONE);
    const at = (m: number) => (m + QR_QUIET_ZONE) * unit;
    const canvas: Record<string, unknown>[] = [{ type: 'rect', x: 0, y: 0, w: side, h: side, lineWidth: 0, color: '#ffffff', [SLOT]: slot }];
    for (let row = 0; row < modules.size; row++) {
      for (let col = 0; col < modules.size; col++) {
        if (!modules.get(row, col)) continue;
        const start = col;
        while (col + 1 < modules.size && modules.get(row, col + 1)) col++;
        canvas.push({ type: 'rect', x: at(start), y: at(row), w: (col + 1 - start) * unit, h: unit, lineWidth: 0, color: '#000000', [SLOT]: slot });
      }
    }
    return { canvas, margin: [0, ctx.vs(QR_SPACE), 0, ctx.vs(QR_SPACE)], [SLOT]: slot };
  }, { alt: b.alt });
}
