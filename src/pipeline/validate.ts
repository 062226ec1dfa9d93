import { uniqueProblems, type Problem } from '../core/problem.js';
import { checkPlanSet } from '../check/plan-set.js';
import { placeLayoutProblems } from '../check/locate.js';
import { releaseProblems } from '../check/release.js';
import type { Resources } from '../check/resources.js';
import { BuildCache, documentKey, environmentKey } from './cache.js';
import { itemOf, renderItems } from './make.js';
import { formatsOf } from './select.js';
import { PAGE_FORMATS } from '../render/writers.js';

// `validate`: what `build` checks, with nothing written. The check of the plan set, then every
// document laid out on its pages as build lays it out (no file is made), since a text too long for
// its page is found only there.

export interface ValidateOptions {
  planDir: string;
  /** SOURCE_DATE_EPOCH: it changes no layout, but the setting is build's. */
  fixedTime?: Date;
  /** SHIEN_STATS, read by the command line: each worker process reports its peak memory and CPU time as it ends (npm run bench). */
  stats?: boolean;
  workers?: number;
  /** validate --release: the release check's findings as they must be met before publishing, not as warnings. */
  release?: boolean;
  /**
   * The output folder of the plan's builds: a document its record says was made in a page format
   * from the same model and environment was laid out then without a problem (a layout problem is an
   * error, and a document with one is not recorded), so it is not laid out again. Only read.
   */
  outDir?: string;
  /** Each document laid out, as it is done. */
  onLaidOut?: (stem: string) => void;
}

/** Every problem `build` of the whole plan would report, each once, at the same place. */
export async function validatePlan(opts: ValidateOptions, resources: () => Resources): Promise<Problem[]> {
  const checked = checkPlanSet(opts.planDir, resources);
  if (!checked.set) return checked.problems;
  const set = checked.set;
  const problems = opts.release ? [...checked.problems.filter((p) => !p.code.startsWith('release/')), ...releaseProblems(set)] : [...checked.problems];
  // No format asked for: the fit alone, which is where a page overflows.
  // Only kinds set on pages are laid out: a data kind has no page to overflow.
  const { theme, fonts, templates } = set.resources;
  const cache = opts.outDir ? new BuildCache(opts.outDir) : undefined;
  // Without a record there is nothing to compare with, and the fonts are not hashed for nothing.
  const environment = cache?.names.length ? environmentKey(templates.dir, fonts.dir, opts.fixedTime, cache.digest) : undefined;
  const laidOut = (stem: string, doc: NonNullable<(typeof set.documents)[number]['doc']>) =>
    !!environment && cache!.madeWith(stem, documentKey(environment, doc)).some((f) => PAGE_FORMATS.some((ext) => f.endsWith(`.${ext}`)));
  const laid = set.documents.filter((d) => d.doc && formatsOf(d.instance.kind).some((f) => PAGE_FORMATS.includes(f)) && !laidOut(d.instance.stem, d.doc));
  await renderItems(
    laid.map((d) => ({ item: itemOf(d), formats: [], fitOnly: true })),
    {
      setting: { theme, fonts, ...(opts.fixedTime ? { fixedTime: opts.fixedTime } : {}), ...(opts.stats ? { stats: true } : {}) },
      workers: opts.workers,
      place: (doc, found, section) => placeLayoutProblems(set, doc, found, section),
    },
    (r) => {
      opts.onLaidOut?.(r.item.stem);
      problems.push(...r.problems);
    },
  );
  return uniqueProblems(problems);
}
