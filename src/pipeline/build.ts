import { join, relative, resolve } from 'node:path';
import { Failure, hasErrors, problemKey, type Problem } from '../core/problem.js';
import type { BuildReport, DocumentResult } from './report.js';
import { BuildCache, documentKey, environmentKey } from './cache.js';
import { checkPlanSet, type Checked, type CheckedDocument } from '../check/plan-set.js';
import { CheckMemo } from '../check/memo.js';
import { runJobs, type Job, type JobResult } from './pool.js';
import type { RenderSetting } from './render.js';
import type { Resources } from '../check/resources.js';
import { placeLayoutProblems } from '../check/locate.js';
import { formatsOf, selectDocuments, selectFormats, type Selection } from './select.js';
import { prepareOutDir, removeStaleTemps, writeAtomically } from './write.js';

export interface BuildOptions extends Selection {
  planDir: string;
  outDir: string;
  workers?: number;
  /** Make every document, even those whose inputs have not changed. */
  force?: boolean;
  /** SOURCE_DATE_EPOCH, read by the command line: the time inside every file. */
  fixedTime?: Date;
  /** Stems to render before the others (the pages open in a preview, so that they update first). */
  first?: readonly string[];
  /** Files saved since the last build (watch): the documents made from one of them come next. */
  changed?: readonly string[];
  /** The plan set already checked (by `publish`, before its release check): not checked again. */
  checked?: Checked;
  /** Called once the documents are known, before any is rendered. */
  onPlan?: (total: number) => void;
  /** One call per finished document, to show progress. */
  onDocument?: (r: DocumentResult, done: number, total: number) => void;
  /** Kept by watch and preview from one build to the next: what did not change is not done again. */
  memo?: BuildMemo;
}

/** What a long-running command keeps between builds: the check's memory, and the environment's key for the resources it was computed with. */
export interface BuildMemo {
  check: CheckMemo;
  environment?: { resources: Resources; fixedTime?: number; key: string };
}

export const buildMemo = (): BuildMemo => ({ check: new CheckMemo() });

export { reportProblems, type BuildReport, type DocumentResult } from './report.js';

/**
 * Check the plan set, then render what the selection asks for and what changed since the last
 * build (in workers when it pays), writing each document as soon as it is made. One document that
 * fails does not stop the others, and loses no earlier output.
 */
export async function build(opts: BuildOptions, resources: () => Resources): Promise<BuildReport> {
  const { formats, problems: formatProblems } = selectFormats(opts.formats);
  const nothing = (problems: Problem[]): BuildReport => ({ problems, documents: [], formats, removed: [] });
  if (formatProblems.length) return nothing(formatProblems);
  const checked = opts.checked ?? checkPlanSet(opts.planDir, resources, opts.memo?.check);
  if (!checked.set) return nothing(checked.problems);
  const set = checked.set;
  const selected = selectDocuments(set, opts);
  if (selected.problems.length) return nothing(selected.problems);
  // Before anything is rendered: a folder that cannot be written fails now, not after 68 documents.
  const outProblems = prepareOutDir(opts.outDir, { planDir: opts.planDir, templatesDir: set.resources.templates.dir, fontsDir: set.resources.fonts.dir });
  if (outProblems.length) return nothing(outProblems);

  // Problems of documents not chosen are not this build's; those of no document always are.
  const owned = new Set(set.documents.flatMap((d) => d.problems.map(problemKey)));
  const general = checked.problems.filter((p) => !owned.has(problemKey(p)));

  const removed = removeStaleTemps(opts.outDir);
  const cache = new BuildCache(opts.outDir);
  general.push(...cache.problems);
  // A whole build (nothing narrowed) knows every document the plan makes: the rest are gone from it.
  if (!opts.only && !opts.jurisdictions?.length && !set.unregistered?.length) {
    const made = new Set(set.documents.map((d) => d.instance.stem));
    removed.push(...cache.removeDocuments(cache.names.filter((n) => !made.has(n))));
  }
  const { templates, fonts, theme } = set.resources;
  const environment = rememberedEnvironment(opts, set.resources) ?? environmentKey(templates.dir, fonts.dir, opts.fixedTime, cache.digest);
  if (opts.memo) opts.memo.environment = { resources: set.resources, fixedTime: opts.fixedTime?.getTime(), key: environment };
  const total = selected.documents.length;
  const documents: DocumentResult[] = [];
  const finish = (d: DocumentResult) => {
    documents.push(d);
    opts.onDocument?.(d, documents.length, total);
  };
  opts.onPlan?.(total);

  const jobs: (Job & { key: string })[] = [];
  const failed: CheckedDocument[] = [];
  for (const d of selected.documents) {
    if (!d.doc) {
      failed.push(d);
      continue;
    }
    const key = documentKey(environment, d.doc);
    const own = formatsOf(d.instance.kind);
    const stale = formats.filter((f) => own.includes(f) && (opts.force || !cache.fresh(d.instance.stem, key, `${d.instance.stem}.${f}`)));
    if (stale.length) jobs.push({ stem: d.instance.stem, doc: d.doc, formats: stale, source: d.instance.source, key });
  }
  if (opts.first?.length || opts.changed?.length) {
    const first = new Set(opts.first);
    const changed = new Set(opts.changed);
    const edited = new Set(selected.documents.filter((d) => d.instance.inputs.some((f) => changed.has(resolve(f)))).map((d) => d.instance.stem));
    const rank = (stem: string) => (first.has(stem) ? 0 : edited.has(stem) ? 1 : 2);
    // A stable sort: the rest keep the kinds table's order.
    jobs.sort((a, b) => rank(a.stem) - rank(b.stem));
  }
  for (const d of failed) {
    cache.invalidate(d.instance.stem);
    finish({ name: d.instance.stem, files: [], problems: d.problems, ms: 0 });
  }
  const making = new Set(jobs.map((j) => j.stem));
  for (const d of selected.documents) {
    if (d.doc && !making.has(d.instance.stem)) finish({ name: d.instance.stem, title: d.doc.meta.title, files: [], problems: [], ms: 0, skipped: true });
  }

  const setting: RenderSetting = { theme, fonts, ...(opts.fixedTime ? { fixedTime: opts.fixedTime } : {}) };
  await runJobs(jobs, setting, {
    workers: opts.workers,
    onResult: (r: JobResult) => {
      const job = r.job as Job & { key: string };
      const outputs = r.rendered.outputs.map((o) => ({ path: join(opts.outDir, `${job.stem}.${o.extension}`), bytes: o.bytes }));
      let problems = placeLayoutProblems(set, job.doc, r.rendered.problems, r.rendered.section);
      if (!hasErrors(problems) && outputs.length) {
        try {
          writeAtomically(outputs);
        } catch (e) {
          if (!(e instanceof Failure)) throw e;
          problems = e.problems;
        }
      }
      const ok = !hasErrors(problems);
      if (ok) cache.record(job.stem, job.key, outputs);
      else cache.invalidate(job.stem);
      finish({
        name: job.stem,
        title: job.doc.meta.title,
        files: ok ? outputs.map((o) => relative(process.cwd(), o.path) || o.path) : [],
        problems,
        ms: r.ms,
        pages: r.rendered.pages,
        scale: r.rendered.scale,
      });
    },
  });
  try {
    cache.save();
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    general.push(...e.problems);
  }
  // Listed in the kinds table's order, whatever order they finished in.
  const order = new Map(selected.documents.map((d, i) => [d.instance.stem, i]));
  documents.sort((a, b) => order.get(a.name)! - order.get(b.name)!);
  return { problems: general, documents, formats, removed };
}

/**
 * The environment's key as a long-running command computed it last: templates, theme and fonts are
 * what the resources were loaded from (watch loads them again when one of their files is saved), and
 * the code is the one this process runs.
 */
function rememberedEnvironment(opts: BuildOptions, resources: Resources): string | undefined {
  const e = opts.memo?.environment;
  return e && e.resources === resources && e.fixedTime === opts.fixedTime?.getTime() ? e.key : undefined;
}
