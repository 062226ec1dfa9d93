import { join } from 'node:path';
import type { Document } from '../document/ir.js';
import type { Problem } from '../diagnostics/problem.js';
import { hasErrors } from '../diagnostics/problem.js';
import type { Plan } from '../plan/schema.js';
import { loadPlan } from '../plan/index.js';
import { renderDocx } from '../render/docx/render.js';
import { PdfOverflow, renderPdf } from '../render/pdf/render.js';
import { summaryContext } from '../template/context.js';
import { TemplateFailure } from '../template/engine.js';
import type { BuildContext } from './context.js';
import { checkDataGlyphs } from './glyphs.js';
import { writeAtomically } from './write.js';

export interface Output {
  path: string;
  bytes: Uint8Array;
}

export interface Checked {
  plan?: Plan;
  file: string;
  problems: Problem[];
}

/** Everything `validate` checks and `build` relies on: the data, then that the fonts can draw it. */
export function checkPlan(planDir: string, ctx: BuildContext): Checked {
  const loaded = loadPlan(planDir);
  const problems = [...loaded.problems];
  if (loaded.value) {
    const families = [...new Set([ctx.theme.fonts.body, ctx.theme.fonts.heading])].map((n) => ctx.fonts.family(n));
    problems.push(...checkDataGlyphs(loaded.value, families, { file: loaded.file, source: loaded.source, doc: loaded.doc, lineCounter: loaded.lineCounter }));
  }
  return { plan: hasErrors(problems) ? undefined : loaded.value, file: loaded.file, problems };
}

export function summaryDocument(plan: Plan, ctx: BuildContext): Document {
  return ctx.templates.document('summary', summaryContext(plan));
}

export interface Rendered {
  outputs: Output[];
  problems: Problem[];
  pages?: number;
  scale?: number;
}

/** The summary as PDF and Word. Problems instead of outputs when it cannot be made as required. */
export async function renderSummary(plan: Plan, planFile: string, outDir: string, ctx: BuildContext): Promise<Rendered> {
  let doc: Document;
  try {
    doc = summaryDocument(plan, ctx);
  } catch (e) {
    if (e instanceof TemplateFailure) return { outputs: [], problems: e.problems };
    throw e;
  }
  try {
    const pdf = await renderPdf(doc, ctx.theme, ctx.fonts);
    // Word gets the same scale as the PDF, so both formats stay one page for the same text.
    const docx = await renderDocx(doc, ctx.theme, pdf.scale);
    return {
      outputs: [
        { path: join(outDir, 'summary.pdf'), bytes: pdf.bytes },
        { path: join(outDir, 'summary.docx'), bytes: docx },
      ],
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
        file: planFile,
        message:
          `概要が ${o.maxPages} ページに収まりません。本文を下限の ${(ctx.theme.sizes.body * o.minScale).toFixed(1)}pt まで縮めても、` +
          `「${o.section}」のところで約 ${o.excessPt.toFixed(0)}pt（${(o.excessPt * 0.3528).toFixed(0)}mm）はみ出します。`,
        hint: 'その節の文言を短くするか、templates/theme.yaml の sizes.minBody を見直してください。',
      }],
    };
  }
}

export async function buildSummary(planDir: string, outDir: string, ctx: BuildContext): Promise<Rendered> {
  const checked = checkPlan(planDir, ctx);
  if (!checked.plan) return { outputs: [], problems: checked.problems };
  const r = await renderSummary(checked.plan, checked.file, outDir, ctx);
  if (r.outputs.length && !hasErrors(r.problems)) writeAtomically(r.outputs);
  return { ...r, problems: [...checked.problems, ...r.problems] };
}
