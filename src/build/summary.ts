import { join } from 'node:path';
import type { Document } from '../document/ir.js';
import type { Problem } from '../diagnostics/problem.js';
import { hasErrors } from '../diagnostics/problem.js';
import { loadPlan, Plan, type LoadedPlan } from '../plan/index.js';
import { loadYaml } from '../plan/load.js';
import { renderDocx } from '../render/docx/render.js';
import { PdfOverflow, renderPdf } from '../render/pdf/render.js';
import { summaryContext } from '../template/context.js';
import { TemplateFailure } from '../template/engine.js';
import type { BuildContext } from './context.js';
import { checkDataGlyphs, checkDocumentGlyphs } from './glyphs.js';
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
  return checkLoaded(loadPlan(planDir), ctx);
}

export function checkPlanFile(file: string, ctx: BuildContext): Checked {
  return checkLoaded({ file, ...loadYaml(file, Plan) }, ctx);
}

function checkLoaded(loaded: LoadedPlan, ctx: BuildContext): Checked {
  const problems = [...loaded.problems];
  if (loaded.value) {
    problems.push(...checkDataGlyphs(loaded.value, families(ctx), { file: loaded.file, source: loaded.source, doc: loaded.doc, lineCounter: loaded.lineCounter }));
  }
  return { plan: hasErrors(problems) ? undefined : loaded.value, file: loaded.file, problems };
}

/** Every family the theme may draw text with. */
const families = (ctx: BuildContext) =>
  [...new Set([ctx.theme.fonts.body, ctx.theme.fonts.heading])].map((n) => ctx.fonts.family(n));

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
  // The data was checked with its positions; what is left to check is text the template wrote.
  const tofu = checkDocumentGlyphs(doc, families(ctx), join(ctx.templates.dir, 'summary.hbs'));
  if (tofu.length) return { outputs: [], problems: tofu };
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
          `「${o.section}」の節で約 ${o.excessPt.toFixed(0)}pt（${(o.excessPt * 0.3528).toFixed(0)}mm）はみ出します。`,
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
