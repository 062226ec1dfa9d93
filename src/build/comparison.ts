import { isAbsolute, join, relative, resolve } from 'node:path';
import type { Document } from '../document/ir.js';
import { hasErrors, Failure, type Problem } from '../diagnostics/problem.js';
import { comparePlans, type Change } from '../diff/index.js';
import type { Plan } from '../plan/schema.js';
import { comparisonContext } from '../template/comparison-context.js';
import { TemplateFailure } from '../template/engine.js';
import type { DigitStyle } from '../text/digits.js';
import type { BuildContext } from './context.js';
import { checkDocumentGlyphs } from './glyphs.js';
import { resolvePlanSources, relabel, type PlanSource } from './plan-source.js';
import { renderBoth, type Rendered } from './render.js';
import { checkPlan, chainsOf } from './summary.js';
import { writeAtomically } from './write.js';

// `shien diff`: two plans → their changes → the 新旧対照表 as PDF and Word.

export const COMPARISON_TEMPLATE = 'comparison';

export function comparisonDocument(changes: readonly Change[], oldPlan: Plan, newPlan: Plan, ctx: BuildContext): Document {
  return ctx.templates.document(COMPARISON_TEMPLATE, comparisonContext(changes, oldPlan, newPlan));
}

/** The comparison as PDF and Word bytes (not yet written). */
export async function renderComparison(
  changes: readonly Change[], oldPlan: Plan, newPlan: Plan, source: string, outDir: string, ctx: BuildContext,
): Promise<Rendered> {
  let doc: Document;
  try {
    doc = comparisonDocument(changes, oldPlan, newPlan, ctx);
  } catch (e) {
    if (e instanceof TemplateFailure) return { outputs: [], problems: e.problems };
    throw e;
  }
  const tofu = checkDocumentGlyphs(doc, chainsOf(ctx), join(ctx.templates.dir, `${COMPARISON_TEMPLATE}.hbs`));
  if (tofu.length) return { outputs: [], problems: tofu };
  return renderBoth(doc, { pdf: join(outDir, 'comparison.pdf'), docx: join(outDir, 'comparison.docx') }, source, ctx);
}

export interface DiffOptions {
  old: string;
  new: string;
  /** Default: output/<name of the NEW plan's folder>, under cwd. */
  outDir?: string;
  /** Folder that relative paths and git revisions are read from (default: the process's). */
  cwd?: string;
  /** The plan folder a bare revision refers to when the other argument names none. */
  defaultDir: string;
}

export interface DiffReport {
  /** Problems that stopped the comparison, and warnings. */
  problems: Problem[];
  /** 2: an argument names no plan (usage); 1: a plan or the template is wrong. */
  exitCode: 0 | 1 | 2;
  old?: PlanSource;
  new?: PlanSource;
  /** Absent when the plans could not be compared. */
  changes?: Change[];
  /** Files written (relative to cwd): none when nothing changed. */
  files: string[];
}

/**
 * Read both plans (from folders or git revisions), compare them, and when they differ write
 * comparison.pdf and comparison.docx atomically. Identical plans write nothing.
 */
export async function diffPlans(opts: DiffOptions, makeContext: () => BuildContext): Promise<DiffReport> {
  const cwd = opts.cwd ?? process.cwd();
  let made: BuildContext | undefined;
  const ctx = () => (made ??= makeContext());
  let sources;
  try {
    sources = resolvePlanSources(opts.old, opts.new, { cwd, defaultDir: opts.defaultDir });
  } catch (e) {
    if (e instanceof Failure) return { problems: e.problems, exitCode: e.exitCode, files: [] };
    throw e;
  }
  try {
    const { old: os, new: ns } = sources;
    const load = (s: PlanSource) => {
      const r = checkPlan(resolve(cwd, s.dir), ctx());
      return { plan: r.plan, problems: relabel(r.problems, s) };
    };
    const [o, n] = [load(os), load(ns)];
    const problems = [...o.problems, ...n.problems];
    if (!o.plan || !n.plan) return { problems, exitCode: 1, old: os, new: ns, files: [] };

    const changes = comparePlans(o.plan, n.plan, { digits: ctx().theme.digits as DigitStyle });
    if (!changes.length) return { problems, exitCode: 0, old: os, new: ns, changes, files: [] };

    const outDir = resolve(cwd, opts.outDir ?? join('output', ns.name));
    const r = await renderComparison(changes, o.plan, n.plan, `${ns.label}`, outDir, ctx());
    problems.push(...r.problems);
    if (hasErrors(r.problems) || !r.outputs.length) return { problems, exitCode: 1, old: os, new: ns, changes, files: [] };
    writeAtomically(r.outputs);
    return { problems, exitCode: 0, old: os, new: ns, changes, files: r.outputs.map((f) => shown(cwd, f.path)) };
  } finally {
    sources.cleanup();
  }
}

/** A written file as the user would type it: relative to cwd when it lies under it. */
function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
