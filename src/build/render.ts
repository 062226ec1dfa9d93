import type { Document } from '../document/ir.js';
import { runsText } from '../document/ir.js';
import type { Problem } from '../diagnostics/problem.js';
import type { BuildContext } from './context.js';

export interface Output {
  path: string;
  bytes: Uint8Array;
}

export interface Rendered {
  outputs: Output[];
  problems: Problem[];
  pages?: number;
  scale?: number;
}

/** One document as PDF and Word, or the problem that stops it (too long for its page limit). */
export async function renderBoth(doc: Document, paths: { pdf: string; docx: string }, source: string, ctx: BuildContext): Promise<Rendered> {
  // The renderers (pdfmake, docx) are loaded on first use: a build with nothing to make, or
  // `validate`, starts ~0.1 s sooner without them.
  const [{ PdfOverflow, renderPdf }, { renderDocx }] = await Promise.all([import('../render/pdf/render.js'), import('../render/docx/render.js')]);
  try {
    const pdf = await renderPdf(doc, ctx.theme, ctx.fonts);
    // Word gets the same scale as the PDF, so both formats keep to the page limit for the same text.
    const docx = await renderDocx(doc, ctx.theme, ctx.fonts, pdf.scale);
    return {
      outputs: [{ path: paths.pdf, bytes: pdf.bytes }, { path: paths.docx, bytes: docx }],
      problems: [],
      pages: pdf.pages,
      scale: pdf.scale,
    };
  } catch (e) {
    if (!(e instanceof PdfOverflow)) throw e;
    const o = e.overflow;
    return {
      outputs: [],
      problems: [{
        severity: 'error',
        code: 'layout/overflow',
        file: source,
        message:
          `「${runsText(doc.title)}」が ${o.maxPages} ページに収まりません。本文を下限の ${(ctx.theme.sizes.body * o.minScale).toFixed(1)}pt まで縮めても、` +
          `「${o.section}」の節で約 ${o.excessPt.toFixed(0)}pt（${(o.excessPt * 0.3528).toFixed(0)}mm）はみ出します。`,
        hint: 'その節の文言を短くするか、templates/theme.yaml の sizes.minBody を見直してください。',
      }],
    };
  }
}
