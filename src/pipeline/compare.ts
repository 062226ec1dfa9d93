import { existsSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { Failure, hasErrors, uniqueProblems, type Problem } from '../core/problem.js';
import { compareDocuments } from '../diff/documents.js';
import { KINDS } from '../documents/index.js';
import type { ComparedDocument } from '../documents/comparison.js';
import { checkPlanSet, makeDocument, type Checked, type PlanSet } from '../check/plan-set.js';
import { placeLayoutProblems } from '../check/locate.js';
import type { Resources } from '../check/resources.js';
import { formatsFor, makeFiles, type Item } from './make.js';
import { COMPARISON_MANIFEST } from './cache.js';
import type { DocumentResult } from './report.js';
import { selectFormats } from './select.js';
import { relabel, resolvePlanSources, type PlanSource } from './sources.js';

// `shien diff`: two versions of a plan → the documents the templates make of each → for every
// document that differs, its 新旧対照表 (comparison.pdf/.docx for the summary,
// comparison-<code>-<slug>.pdf/.docx for a handout).

/** The folder under output/<NEW>/ that the comparisons go to. */
export const COMPARISON_DIR = 'comparison';

export interface DiffOptions {
  old: string;
  new: string;
  /** Default: output/<name of the NEW plan's folder>/comparison, under cwd. */
  outDir?: string;
  /** Folder that relative paths and git revisions are read from: where the command was run. */
  cwd: string;
  /** The plan folder a bare revision refers to when the other argument names none. */
  defaultDir: string;
  formats?: string[];
  fixedTime?: Date;
  /** SHIEN_STATS, read by the command line: each worker process reports its peak memory and CPU time as it ends (npm run bench). */
  stats?: boolean;
  /** Processes that render (see pool.ts). */
  workers?: number;
}

export interface DiffReport {
  /** Problems that stopped the comparison or a table, and warnings. */
  problems: Problem[];
  old?: PlanSource;
  new?: PlanSource;
  /** Every document of either version that differs; absent when the plans could not be compared. */
  compared?: ComparedDocument[];
  /** The tables of this comparison (relative to cwd), written now or unchanged since the last diff: none when nothing changed. */
  files: string[];
  /** Those of them unchanged since the last diff into the folder (not written again). */
  unchanged?: string[];
  /** Files removed (relative to cwd): tables of documents that no longer differ, temporaries of killed runs. */
  removed?: string[];
  /** The folder they were written to (relative to cwd). */
  outDir?: string;
}

/** Pair the documents of two checked sets by stem, in the new set's order (removed ones after). */
function pairDocuments(before: PlanSet, after: PlanSet): ComparedDocument[] {
  const old = new Map(before.documents.map((d) => [d.instance.stem, d]));
  const stems = [...new Set([...after.documents, ...before.documents].map((d) => d.instance.stem))];
  const now = new Map(after.documents.map((d) => [d.instance.stem, d]));
  const out: ComparedDocument[] = [];
  for (const stem of stems) {
    const [b, a] = [old.get(stem), now.get(stem)];
    // A document that cannot be made in one version has its problems reported by the check.
    if ((b && !b.doc) || (a && !a.doc)) continue;
    const rows = compareDocuments(b?.doc, a?.doc);
    if (!rows.length) continue;
    const instance = (a ?? b)!.instance;
    out.push({ stem, source: instance.source, inputs: instance.inputs, before: b?.doc, after: a?.doc, rows });
  }
  return out;
}

export async function diffPlans(opts: DiffOptions, resources: () => Resources): Promise<DiffReport> {
  const { cwd } = opts;
  const { formats, problems: formatProblems } = selectFormats(opts.formats);
  if (formatProblems.length) return { problems: formatProblems, files: [] };
  let sources;
  try {
    sources = resolvePlanSources(opts.old, opts.new, { cwd, defaultDir: opts.defaultDir });
  } catch (e) {
    if (e instanceof Failure) return { problems: e.problems, files: [] };
    throw e;
  }
  try {
    const { old: os, new: ns } = sources;
    const check = (s: PlanSource): Checked => {
      const r = checkPlanSet(resolve(cwd, s.dir), resources);
      return { ...r, problems: relabel(r.problems, s) };
    };
    const [o, n] = [check(os), check(ns)];
    const problems = uniqueProblems([...o.problems, ...n.problems]);
    if (!o.set || !n.set) return { problems, old: os, new: ns, files: [] };

    const compared = pairDocuments(o.set, n.set);
    const { templates, theme, fonts } = n.set.resources;
    // Beside the new plan's documents, not among them: a folder of its own.
    const outDir = resolve(cwd, opts.outDir ?? join('output', ns.name, COMPARISON_DIR));
    const items: Item[] = KINDS.comparison.instances({ documents: compared, order: theme.comparison.order }).map((instance) => {
      const made = makeDocument(KINDS.comparison.template, instance.context!, n.set!.resources);
      // A table that cannot be made says why as its document; one that can, its warnings here.
      if (made.doc) problems.push(...made.problems);
      return { stem: instance.stem, kind: instance.kind, source: instance.source, doc: made.doc, problems: made.problems };
    });
    const made = await makeFiles(items, {
      outDir,
      sources: { planDir: resolve(cwd, ns.dir), templatesDir: templates.dir, fontsDir: fonts.dir },
      formats,
      setting: { theme, fonts, ...(opts.fixedTime ? { fixedTime: opts.fixedTime } : {}), ...(opts.stats ? { stats: true } : {}) },
      workers: opts.workers,
      // The folder holds this comparison's tables only: those of documents that no longer differ go.
      complete: true,
      manifest: COMPARISON_MANIFEST,
      place: (doc, found, section) => placeLayoutProblems(n.set!, doc, found, section),
    });
    // A table's problems point into the new plan (an overflow at its field): named as the user named it.
    problems.push(...made.problems, ...relabel(made.documents.flatMap((d) => d.problems), ns));
    // Written now or unchanged since the last diff: every table of this comparison that is there.
    const kinds = new Map(items.map((i) => [i.stem, i.kind]));
    const there = (d: DocumentResult) => (d.skipped ? formatsFor(kinds.get(d.name)!, formats).map((f) => `${d.name}.${f}`) : d.files).map((f) => shown(cwd, join(outDir, f)));
    const unchanged = made.documents.filter((d) => d.skipped).flatMap(there);
    return {
      problems: uniqueProblems(problems), old: os, new: ns, compared, files: made.documents.filter((d) => !hasErrors(d.problems)).flatMap(there), unchanged,
      removed: made.removed.map((f) => shown(cwd, f)),
      ...(made.stopped || !existsSync(outDir) ? {} : { outDir: shown(cwd, outDir) }),
    };
  } finally {
    sources.cleanup();
  }
}

/** A written file as the user would type it: relative to cwd when it lies under it. */
function shown(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}
