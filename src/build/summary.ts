import { join } from 'node:path';
import type { Document } from '../document/ir.js';
import type { Problem } from '../diagnostics/problem.js';
import { hasErrors } from '../diagnostics/problem.js';
import { loadPlan, Plan, type LoadedPlan } from '../plan/index.js';
import { loadYaml } from '../plan/load.js';
import { renderBoth, type Rendered } from './render.js';
import { summaryContext } from '../template/context.js';
import { TemplateFailure } from '../template/engine.js';
import type { BuildContext } from './context.js';
import { fontChains } from '../fonts/chain.js';
import { checkDataGlyphs, checkDocumentGlyphs } from './glyphs.js';
import { writeAtomically } from './write.js';

export interface Checked {
  plan?: Plan;
  file: string;
  problems: Problem[];
}

/** Everything `validate` checks and `build` relies on: the data, then that the fonts can draw it. */
export function checkPlan(planDir: string, ctx: BuildContext): Checked {
  return checkLoaded(loadPlan(planDir), ctx);
}

export { type Rendered } from './render.js';

export function checkPlanFile(file: string, ctx: BuildContext): Checked {
  return checkLoaded({ file, ...loadYaml(file, Plan) }, ctx);
}

function checkLoaded(loaded: LoadedPlan, ctx: BuildContext): Checked {
  const problems = [...loaded.problems];
  if (loaded.value) {
    problems.push(...checkDataGlyphs(loaded.value, chainsOf(ctx), { file: loaded.file, source: loaded.source, doc: loaded.doc, lineCounter: loaded.lineCounter }));
  }
  return { plan: hasErrors(problems) ? undefined : loaded.value, file: loaded.file, problems };
}

/** Every chain of fonts the theme may draw text with. */
export const chainsOf = (ctx: BuildContext) => fontChains(ctx.fonts, ctx.theme).all;

export function summaryDocument(plan: Plan, ctx: BuildContext): Document {
  return ctx.templates.document('summary', summaryContext(plan));
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
  const tofu = checkDocumentGlyphs(doc, chainsOf(ctx), join(ctx.templates.dir, 'summary.hbs'));
  if (tofu.length) return { outputs: [], problems: tofu };
  return renderBoth(doc, { pdf: join(outDir, 'summary.pdf'), docx: join(outDir, 'summary.docx') }, planFile, ctx);
}

export async function buildSummary(planDir: string, outDir: string, ctx: BuildContext): Promise<Rendered> {
  const checked = checkPlan(planDir, ctx);
  if (!checked.plan) return { outputs: [], problems: checked.problems };
  const r = await renderSummary(checked.plan, checked.file, outDir, ctx);
  if (r.outputs.length && !hasErrors(r.problems)) writeAtomically(r.outputs);
  return { ...r, problems: [...checked.problems, ...r.problems] };
}
