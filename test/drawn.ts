// What a PDF draws where, as pdf.js reads it: each piece of text with its box, and each filled or
// stroked path with its bounding box and colour, in points from the bottom left of the page. The
// page furniture (the 案 mark, the page number, the bands) is judged by these, for our PDFs and for
// LibreOffice's rendering of our Word files alike.

import type { PdfDocument } from './pdfjs.js';

export interface Box {
  left: number;
  bottom: number;
  right: number;
  top: number;
}

export interface DrawnText extends Box {
  text: string;
  size: number;
  /** The baseline, in points from the bottom of the page. */
  baseline: number;
}

export interface DrawnPath extends Box {
  paint: 'fill' | 'stroke';
  /** #rrggbb */
  color: string;
}

export interface DrawnPage {
  width: number;
  height: number;
  texts: DrawnText[];
  paths: DrawnPath[];
}

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  n[0] * m[0] + n[1] * m[2], n[0] * m[1] + n[1] * m[3],
  n[2] * m[0] + n[3] * m[2], n[2] * m[1] + n[3] * m[3],
  n[4] * m[0] + n[5] * m[2] + m[4], n[4] * m[1] + n[5] * m[3] + m[5],
];
const apply = (m: Matrix, x: number, y: number) => [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
const hex = (c: unknown) => {
  if (typeof c === 'string') return c.toLowerCase();
  const v = Object.values(c as Record<string, number>);
  return `#${v.slice(0, 3).map((n) => Math.round(n).toString(16).padStart(2, '0')).join('')}`;
};

/**
 * The em box of a line of text set in a CJK face: its ideographic em box runs from 0.12 em below the
 * baseline to 0.88 em above it (BIZ UD fonts say so in their ascent and descent; so does LibreOffice).
 */
export const EM_BELOW = 0.12;

/** The pages of a PDF as drawn; `paths: false` reads the text alone (faster). */
export async function drawn(source: Uint8Array | PdfDocument, opts: { paths?: boolean } = {}): Promise<DrawnPage[]> {
  const { default: pdfjs, readPdf } = await import('./pdfjs.js');
  const OPS = pdfjs.OPS;
  return readPdf(source, async (pdf) => {
    const pages: DrawnPage[] = [];
    for (let p = 1; p <= pdf.numPages; p++) {
      const page = await pdf.getPage(p);
      const [, , width, height] = page.view;
      const texts: DrawnText[] = [];
      for (const item of (await page.getTextContent({ disableNormalization: true })).items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const t = item.transform as number[];
        const size = Math.hypot(t[2], t[3]);
        const [x, baseline] = [t[4], t[5]];
        texts.push({ text: item.str, size, baseline, left: x, right: x + item.width, bottom: baseline - EM_BELOW * size, top: baseline + (1 - EM_BELOW) * size });
      }
      const paths: DrawnPath[] = [];
      if (opts.paths === false) {
        pages.push({ width, height, texts, paths });
        continue;
      }
      const list = await page.getOperatorList();
      let ctm: Matrix = [1, 0, 0, 1, 0, 0];
      const stack: Matrix[] = [];
      let fill = '#000000';
      let stroke = '#000000';
      let pending: Box | undefined;
      const paint = (kind: 'fill' | 'stroke') => {
        if (pending) paths.push({ ...pending, paint: kind, color: kind === 'fill' ? fill : stroke });
      };
      list.fnArray.forEach((fn, i) => {
        const args = list.argsArray[i] as unknown[];
        switch (fn) {
          case OPS.save: stack.push(ctm); break;
          case OPS.restore: ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0]; break;
          case OPS.transform: ctm = multiply(ctm, args as Matrix); break;
          case OPS.setFillRGBColor: fill = hex(args[0] && typeof args[0] === 'object' ? args[0] : args); break;
          case OPS.setStrokeRGBColor: stroke = hex(args[0] && typeof args[0] === 'object' ? args[0] : args); break;
          case OPS.constructPath: {
            // The points of the path (a curve's control points bound it: a circle's lie on its square).
            const [ops, coords] = args as [number[], number[]];
            const points: number[][] = [];
            let k = 0;
            for (const op of ops) {
              const n = op === OPS.rectangle ? 4 : op === OPS.curveTo ? 6 : op === OPS.curveTo2 || op === OPS.curveTo3 ? 4 : op === OPS.closePath ? 0 : 2;
              const c = coords.slice(k, k + n);
              k += n;
              if (op === OPS.rectangle) points.push([c[0], c[1]], [c[0] + c[2], c[1] + c[3]]);
              else for (let j = 0; j < c.length; j += 2) points.push([c[j], c[j + 1]]);
            }
            const xy = points.map(([x, y]) => apply(ctm, x, y));
            const xs = xy.map((c) => c[0]);
            const ys = xy.map((c) => c[1]);
            pending = xy.length ? { left: Math.min(...xs), right: Math.max(...xs), bottom: Math.min(...ys), top: Math.max(...ys) } : undefined;
            break;
          }
          case OPS.fill: case OPS.eoFill: paint('fill'); pending = undefined; break;
          case OPS.stroke: case OPS.closeStroke: paint('stroke'); pending = undefined; break;
          case OPS.fillStroke: case OPS.eoFillStroke: case OPS.closeFillStroke: case OPS.closeEOFillStroke: paint('fill'); paint('stroke'); pending = undefined; break;
          case OPS.endPath: pending = undefined; break;
        }
      });
      pages.push({ width, height, texts, paths });
    }
    return pages;
  });
}

/** The union of boxes. */
export const union = (boxes: readonly Box[]): Box => ({
  left: Math.min(...boxes.map((b) => b.left)),
  bottom: Math.min(...boxes.map((b) => b.bottom)),
  right: Math.max(...boxes.map((b) => b.right)),
  top: Math.max(...boxes.map((b) => b.top)),
});

/** Whether two boxes share any area (touching edges do not count). */
export const overlaps = (a: Box, b: Box, slack = 0.01) =>
  a.left < b.right - slack && b.left < a.right - slack && a.bottom < b.top - slack && b.bottom < a.top - slack;

export const centre = (b: Box) => ({ x: (b.left + b.right) / 2, y: (b.bottom + b.top) / 2 });

/** Points to millimetres. */
export const mm = (pt: number) => (pt * 25.4) / 72;
