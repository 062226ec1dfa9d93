import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { parse } from 'yaml';
import { hasErrors, type Problem } from '../core/problem.js';
import { fileStem, findJurisdiction, LOCAL_DIR } from '../plan/files.js';
import { LocalPlan, type Jurisdiction } from '../plan/jurisdiction.js';
import type { PlanSet } from '../check/plan-set.js';
import type { DigitStyle } from '../text/digits.js';
import { selectJurisdictions } from '../pipeline/select.js';
import { prepareOutDir, writeAtomically } from '../pipeline/write.js';
import { surveyWorkbook } from './export.js';
import { readSurvey } from './import.js';
import { overwriteProblem } from './overwrite.js';
import { ExistingFileError, localPlanYaml } from './yaml.js';

// The survey channel, both ways: a workbook out for each jurisdiction, and the returned workbooks
// read back into the jurisdictions' YAML files. Both start from the checked plan set.

const error = (code: string, message: string, extra: Partial<Problem> = {}): Problem => ({ severity: 'error', code, message, ...extra });

export interface ExportOptions {
  outDir: string;
  jurisdictions?: string[];
  /** The time inside the files: SOURCE_DATE_EPOCH, else midnight in Japan on the plan's published date. */
  time: Date;
  /** Write over workbooks that were filled in since they were exported. */
  force?: boolean;
}

/**
 * One workbook per jurisdiction, `<code>-<slug>.xlsx`, all written together or none. A jurisdiction
 * whose YAML file has errors gets none: its workbook would start from data that cannot be read.
 */
export async function exportSurveys(set: PlanSet, opts: ExportOptions): Promise<{ files: string[]; problems: Problem[] }> {
  const outProblems = prepareOutDir(opts.outDir, { planDir: set.dir, templatesDir: set.resources.templates.dir, fontsDir: set.resources.fonts.dir });
  if (outProblems.length) return { files: [], problems: outProblems };
  const { chosen, problems } = selectJurisdictions(set, opts.jurisdictions ?? [], '調査票');
  const outputs: { path: string; bytes: Uint8Array }[] = [];
  const digits = set.resources.theme.digits as DigitStyle;
  for (const j of chosen) {
    const failed = set.failed.get(j.code);
    if (failed) {
      problems.push(...failed);
      continue;
    }
    const bytes = await surveyWorkbook({ plan: set.plan, jurisdiction: j, local: set.locals.get(j.code)?.plan, digits }, opts.time);
    const path = join(opts.outDir, `${fileStem(j)}.xlsx`);
    const kept = opts.force ? undefined : await overwriteProblem(path, bytes);
    if (kept) problems.push(kept);
    else outputs.push({ path, bytes });
  }
  writeAtomically(outputs);
  return { files: outputs.map((o) => o.path), problems };
}

/** The workbooks named: files as they are, folders for the .xlsx files in them (not Excel's ~$ lock files). */
export function surveyFiles(paths: readonly string[]): { files: string[]; problems: Problem[] } {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const p of paths) {
    if (!existsSync(p)) {
      problems.push(error('usage/missing-file', `ファイルもフォルダもありません: ${p}`));
    } else if (statSync(p).isDirectory()) {
      const found = readdirSync(p).filter(isWorkbookName).sort();
      problems.push(...nestedWorkbooks(p));
      if (!found.length) problems.push(error('usage/no-workbooks', `フォルダ ${p} に調査票（.xlsx）がありません。`));
      files.push(...found.map((f) => join(p, f)));
    } else files.push(p);
  }
  return { files, problems };
}

const isWorkbookName = (f: string) => f.toLowerCase().endsWith('.xlsx') && !f.startsWith('~$') && !f.startsWith('.');

/**
 * Workbooks in the folders inside a folder named: not read (a folder of last year's replies, or of
 * drafts, is often kept there), but said, one warning each, so that none is missed without a word.
 */
function nestedWorkbooks(dir: string): Problem[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    // Dirent.parentPath is Node 20.12's name for 20.11's Dirent.path.
    .map((e) => ({ e, parent: e.parentPath ?? (e as unknown as { path: string }).path }))
    .filter(({ e, parent }) => e.isFile() && parent !== dir && isWorkbookName(e.name) && !relative(dir, parent).split(sep).some((part) => part.startsWith('.')))
    .map(({ e, parent }) => join(parent, e.name))
    .sort()
    .map((file) => ({
      severity: 'warning' as const, code: 'survey/nested-workbook', file,
      message: `フォルダ ${dir} の中のフォルダにある調査票は取り込みません。`,
      hint: `取り込むなら、そのフォルダを指定してください（npx shien survey import ${dirname(file)}）。`,
    }));
}

export type ImportStatus = 'imported' | 'unchanged' | 'failed';

export interface ImportOutcome {
  file: string;
  status: ImportStatus;
  /** The jurisdiction's YAML file: written (or, with dryRun, that would be), or already the same. */
  target?: string;
  problems: Problem[];
}

/**
 * Read each workbook, check it as its YAML file would be checked, and write the files of those
 * without errors (all together). A workbook whose data is what the file already holds changes
 * nothing, not even the file's `sample` flag.
 */
export async function importSurveys(set: PlanSet, files: readonly string[], opts: { dryRun?: boolean; today: string }): Promise<ImportOutcome[]> {
  const read = [];
  for (const file of files) read.push(await readSurvey(file, set));

  const byCode = new Map<string, string[]>();
  for (const r of read) if (r.jurisdiction) byCode.set(r.jurisdiction.code, [...(byCode.get(r.jurisdiction.code) ?? []), r.file]);

  const outcomes: ImportOutcome[] = [];
  const writes: { path: string; bytes: Uint8Array }[] = [];
  for (const r of read) {
    const j = r.jurisdiction;
    const twins = j ? byCode.get(j.code)! : [];
    if (twins.length > 1) {
      r.problems.push(error('survey/duplicate', `${j!.name}の調査票が ${twins.length} つあります（${twins.join('、')}）。一つにしてください。`, { file: r.file }));
    }
    if (!j || !r.local || hasErrors(r.problems)) {
      outcomes.push({ file: r.file, status: 'failed', problems: r.problems });
      continue;
    }
    const target = join(set.dir, LOCAL_DIR, `${fileStem(j)}.yaml`);
    const current = set.locals.get(j.code)?.plan;
    // Last year's data answered unchanged is still an answer: the file is marked as this year's.
    if (current && current.carriedOver === undefined && sameData(current, r.local)) {
      outcomes.push({ file: r.file, status: 'unchanged', target, problems: r.problems });
      continue;
    }
    let text: string;
    try {
      text = localPlanYaml(existsSync(target) ? readFileSync(target, 'utf8') : undefined, { ...r.local, answered: opts.today }, j);
    } catch (e) {
      if (!(e instanceof ExistingFileError)) throw e;
      const problem = error('survey/existing-unreadable', `${j.name}のファイルが YAML として読めないため、注釈を残して書き換えることができません。直すか消してから、取り込み直してください。`, { file: target, found: e.message });
      outcomes.push({ file: r.file, status: 'failed', problems: [...r.problems, problem] });
      continue;
    }
    // What is written must read back as what was checked: a mistake in updating the file is this tool's.
    const back = LocalPlan.safeParse(parse(text));
    if (!back.success || !isDeepStrictEqual(back.data, { ...r.local, answered: opts.today })) throw new Error(`survey import: ${target} would not read back as the workbook's data`);
    writes.push({ path: target, bytes: Buffer.from(text) });
    outcomes.push({ file: r.file, status: 'imported', target, problems: r.problems });
  }
  if (!opts.dryRun) writeAtomically(writes);
  return outcomes;
}

/** The same programmes and contacts; `sample` and the dates are the file's to say, not the workbook's. */
const sameData = (a: LocalPlan, b: LocalPlan) => {
  const data = ({ sample: _s, answered: _a, carriedOver: _c, ...rest }: LocalPlan) => rest;
  return isDeepStrictEqual(data(a), data(b));
};
