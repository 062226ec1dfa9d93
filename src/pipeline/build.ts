import { join, resolve } from 'node:path';
import { hasErrors, problemKey, uniqueProblems, type Problem } from '../core/problem.js';
import { PAGE_FORMATS } from '../render/writers.js';
import { inputsRecord, inside, planDirs } from './unchanged.js';
import { stampOf, takeInputs } from '../core/stamp.js';
import type { BuildReport, DocumentResult } from './report.js';
import { checkPlanSet, type Checked, type CheckedDocument } from '../check/plan-set.js';
import { CheckMemo } from '../check/memo.js';
import type { Resources } from '../check/resources.js';
import { placeLayoutProblems } from '../check/locate.js';
import { itemOf, makeFiles } from './make.js';
import { mayBeChosen, selectDocuments, selectFormats, type Selection } from './select.js';

export interface BuildOptions extends Selection {
  planDir: string;
  outDir: string;
  workers?: number;
  /** Make every document, even those whose inputs have not changed. */
  force?: boolean;
  /** SOURCE_DATE_EPOCH, read by the command line: the time inside every file. */
  fixedTime?: Date;
  /** SHIEN_STATS, read by the command line: each worker process reports its peak memory and CPU time as it ends (npm run bench). */
  stats?: boolean;
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

/**
 * The resources are what the templates and fonts hold now: their stamps as loading began were not
 * racy, and are the same today. Watch and preview keep resources from build to build, loading them
 * again on a save they see under the templates or fonts (and before the build that leaves the
 * record, when these are not current); a save they did not see, or a load right after a save,
 * leaves the build no record to vouch for.
 */
export function resourcesCurrent(res: Resources): boolean {
  return !res.sources.racy && takeInputs(res.sources.dirs, res.sources.files).fingerprint === res.sources.fingerprint;
}

export const buildMemo = (): BuildMemo => ({ check: new CheckMemo() });

export { reportProblems, type BuildReport, type DocumentResult } from './report.js';

/**
 * Check the plan set, then make the documents the selection asks for in the output folder (make.ts:
 * only what changed since the last build, each written as soon as it is made).
 */
export async function build(opts: BuildOptions, resources: () => Resources): Promise<BuildReport> {
  const { formats, problems: formatProblems } = selectFormats(opts.formats);
  const nothing = (problems: Problem[]): BuildReport => ({ problems, documents: [], formats, removed: [] });
  if (formatProblems.length) return nothing(formatProblems);
  // Before the check reads a file: one modified since, or one added, removed or replaced by an older
  // copy meanwhile (the folders' stamps then differ from these), leaves no record that could hide it.
  const since = Date.now();
  const recording = !opts.only && !opts.jurisdictions?.length && !opts.checked;
  const before = recording ? takeInputs(planDirs(opts.planDir), [], since) : undefined;
  // --only, --jurisdiction: the other documents' templates are not rendered (they are not this build's).
  const checked = opts.checked ?? checkPlanSet(opts.planDir, resources, opts.memo?.check, mayBeChosen(opts));
  if (!checked.set) return nothing(checked.problems);
  const set = checked.set;
  // Problems of documents not chosen are not this build's; those of no document always are.
  const owned = new Set(set.documents.flatMap((d) => d.problems.map(problemKey)));
  const generalProblems = (problems: readonly Problem[]) => problems.filter((p) => !owned.has(problemKey(p)));
  const selected = selectDocuments(set, opts);
  if (selected.problems.length) return nothing(selected.problems);

  const { templates, fonts, theme } = set.resources;
  const made = await makeFiles(
    selected.documents.map(itemOf),
    {
      outDir: opts.outDir,
      sources: { planDir: opts.planDir, templatesDir: templates.dir, fontsDir: fonts.dir },
      formats,
      setting: { theme, fonts, ...(opts.fixedTime ? { fixedTime: opts.fixedTime } : {}), ...(opts.stats ? { stats: true } : {}) },
      workers: opts.workers,
      force: opts.force,
      rank: renderOrder(opts, selected.documents),
      // A whole build (nothing narrowed) knows every document the plan makes: the rest are gone from it.
      complete: !opts.only && !opts.jurisdictions?.length && !set.unregistered?.length,
      environment: rememberedEnvironment(opts, set.resources),
      place: (doc, problems, section) => placeLayoutProblems(set, doc, problems, section),
      onPlan: opts.onPlan,
      onDocument: opts.onDocument,
      record: (documents, problems, filesOf) => {
        // Only a whole build that found no error, with nothing narrowed, nothing given by the caller.
        if (!before || !resourcesCurrent(set.resources) || set.unregistered?.length || hasErrors(checked.problems) || hasErrors(problems) || documents.some((d) => hasErrors(d.problems))) return undefined;
        // Only from the tool's own templates and fonts: those are what a later run fingerprints.
        const dirs = planDirs(opts.planDir);
        if (resolve(templates.dir) !== dirs[1] || resolve(fonts.dir) !== dirs[2]) return undefined;
        const elsewhere = set.documents.flatMap((d) => d.instance.inputs).filter((f) => !dirs.some((dir) => inside(dir, f)));
        const inputs = takeInputs(dirs, elsewhere, since);
        if (inputs.racy || before.racy || takeInputs(dirs, [], since).fingerprint !== before.fingerprint) return undefined;
        return inputsRecord(inputs, opts.planDir, opts.fixedTime, opts.formats, {
          laidOut: formats.some((f) => PAGE_FORMATS.includes(f)),
          formats,
          build: generalProblems(checked.problems),
          validate: uniqueProblems([...checked.problems, ...documents.flatMap((d) => d.problems)]),
          documents: documents.map((d) => {
            const files = filesOf(d.name);
            const stamps = files.map((f) => stampOf(join(opts.outDir, f)) ?? '');
            return { name: d.name, ...(d.title ? { title: d.title } : {}), files, stamps };
          }),
        });
      },
    },
  );
  if (made.stopped) return nothing(made.problems);
  if (opts.memo && made.environment) opts.memo.environment = { resources: set.resources, fixedTime: opts.fixedTime?.getTime(), key: made.environment };
  return { problems: [...generalProblems(checked.problems), ...made.problems], documents: made.documents, formats, removed: made.removed, recorded: made.recorded };
}

/** The pages a preview shows first, then the documents made from a file just saved, then the rest. */
function renderOrder(opts: BuildOptions, documents: readonly CheckedDocument[]): ((stem: string) => number) | undefined {
  if (!opts.first?.length && !opts.changed?.length) return undefined;
  const first = new Set(opts.first);
  const changed = new Set(opts.changed);
  const edited = new Set(documents.filter((d) => d.instance.inputs.some((f) => changed.has(resolve(f)))).map((d) => d.instance.stem));
  return (stem) => (first.has(stem) ? 0 : edited.has(stem) ? 1 : 2);
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
