import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { confine } from '../core/confine.js';
import { locate } from '../core/positions.js';
import { formatPath, type Problem } from '../core/problem.js';
import { loadYaml, type Loaded, type YamlMemo } from '../core/yaml.js';
import { LocalPlan, localPlanIssues, Registry, type Jurisdiction } from './jurisdiction.js';
import { Plan } from './schema.js';
import { fileStem } from './stem.js';
import { PLAN_FILE, yearPlans } from './years.js';

export { fileStem };

// The files of one plan: plan.yaml, the registry of 都道府県等 it names, and each jurisdiction's
// own file under jurisdictions/. Read and checked against their schemas here; the rest of the
// checking (glyphs, templates) is the plan set's (check/plan-set.ts).

export { PLAN_FILE };
export const LOCAL_DIR = 'jurisdictions';

export interface LocalFile {
  file: string;
  plan: LocalPlan;
  loaded: Loaded<LocalPlan>;
}

export interface PlanFiles {
  /** The plan's folder, as given. */
  dir: string;
  planFile: string;
  plan: Plan;
  /** The parsed plan.yaml, for problems that point into it. */
  loaded: Loaded<Plan>;
  registryFile?: string;
  registryLoaded?: Loaded<Registry>;
  registry: Jurisdiction[];
  /** Each jurisdiction's own file, by code; a jurisdiction without one gets the national content only. */
  locals: Map<string, LocalFile>;
  /** Problems of jurisdiction files that cannot be used, by code: one bad file stops only its own handout. */
  failed: Map<string, Problem[]>;
  /** Problems that belong to no one document (a file named for no jurisdiction). */
  problems: Problem[];
  /**
   * Jurisdiction files present while plan.yaml names no registry (its `jurisdictions:` line removed
   * by mistake, most likely): nothing reads them, and a build keeps the handouts it made before.
   */
  unregistered?: string[];
}

export interface LoadedPlanFiles {
  /** Absent when plan.yaml or the registry cannot be used: nothing can be made then. */
  files?: PlanFiles;
  problems: Problem[];
}


/** Where a value of a loaded file is written. */
const at = (loaded: Loaded<unknown>, path: (string | number)[]) =>
  loaded.doc && loaded.lineCounter ? locate(loaded.doc, loaded.lineCounter, path)?.place : undefined;

/** Read a plan folder. Every problem names file, line and column; nothing is thrown. A memo keeps files that did not change parsed. */
export function loadPlanFiles(dir: string, memo?: YamlMemo): LoadedPlanFiles {
  const planFile = join(dir, PLAN_FILE);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return {
      problems: [{
        severity: 'error', code: 'plan/no-directory',
        message: `計画のフォルダがありません: ${dir}`,
        hint: noPlanHint(),
      }],
    };
  }
  const linked = outside(planFile, planRoot(dir), { file: planFile });
  if (linked) return { problems: [linked] };
  const loaded = loadYaml(planFile, Plan, 'plan', memo);
  if (!loaded.value) return { problems: loaded.problems };
  const files: PlanFiles = {
    dir, planFile, plan: loaded.value, loaded, registry: [], locals: new Map(), failed: new Map(), problems: [...loaded.problems],
  };
  if (!loaded.value.jurisdictions) {
    files.unregistered = unregisteredLocals(dir, files);
    return { files, problems: files.problems };
  }

  const registryFile = resolve(dirname(planFile), loaded.value.jurisdictions);
  const root = planRoot(dir);
  const away = outside(registryFile, root, { file: planFile, source: loaded.source, path: 'jurisdictions', place: at(loaded, ['jurisdictions']) });
  if (away) return { problems: [...files.problems, away] };
  const reg = loadYaml(registryFile, Registry, 'plan', memo);
  if (!reg.value) {
    // A registry that is not there is a mistake in plan.yaml: point at the line that names it.
    const named = { file: planFile, source: loaded.source, path: 'jurisdictions', place: at(loaded, ['jurisdictions']) };
    const problems = reg.problems.map((p) => (p.code === 'file/missing' ? { ...p, ...named, message: `都道府県等の一覧のファイル ${loaded.value!.jurisdictions} がありません（${registryFile}）。` } : p));
    return { problems: [...files.problems, ...problems] };
  }
  files.registryFile = registryFile;
  files.registryLoaded = reg;
  files.registry = reg.value.jurisdictions;
  files.problems.push(...reg.problems);
  loadLocals(files, memo);
  return { files, problems: [...files.problems, ...[...files.failed.values()].flat()] };
}

/** What to name instead of a folder that is not there: the plans that are, or how to start one. */
function noPlanHint(): string {
  const plans = yearPlans();
  if (!plans.length) return '計画を作るには: npx shien init-year --from <昨年度の計画のフォルダ>';
  return `計画のフォルダ: ${plans.map((p) => p.dir).join('、')}（例: npx shien build ${plans.at(-1)!.dir}）`;
}

/** The plan root: the folder that holds the plan's folder. A plan reads no file outside it. */
export const planRoot = (dir: string) => dirname(resolve(dir));

/** Plan data lies inside the plan root, as written and as its links resolve. */
const PLAN_DATA = {
  code: 'plan/path-outside',
  rootName: '計画のフォルダ',
  hint: '都道府県等の一覧などは、計画のフォルダ（plans/<年度> なら plans/）の中に置いてください。',
};

const outside = (path: string, root: string, where: Partial<Problem>): Problem | undefined => confine(root, path, PLAN_DATA, where);

/** The jurisdiction files of a plan whose plan.yaml names no registry, with a warning at plan.yaml when there are any. */
function unregisteredLocals(dir: string, files: PlanFiles): string[] {
  const local = join(dir, LOCAL_DIR);
  const names = existsSync(local) ? readdirSync(local).filter((f) => f.endsWith('.yaml')).sort() : [];
  if (names.length) {
    files.problems.push({
      severity: 'warning', code: 'plan/no-registry', file: files.planFile,
      message: `plan.yaml に都道府県等の一覧（jurisdictions:）がありませんが、${LOCAL_DIR}/ に都道府県等のファイルが ${names.length} 個あります。都道府県等版は作らず、前回作った都道府県等版も消さずに残します。`,
      found: names.slice(0, 3).join('、') + (names.length > 3 ? ' など' : ''),
      hint: '都道府県等版を作るなら、plan.yaml に jurisdictions: ../jurisdictions.yaml のように一覧のファイルを書いてください。',
    });
  }
  return names.map((n) => join(local, n));
}

function loadLocals(files: PlanFiles, memo?: YamlMemo): void {
  const byStem = new Map(files.registry.map((j) => [fileStem(j), j]));
  const dir = join(files.dir, LOCAL_DIR);
  const names = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
  const root = planRoot(files.dir);
  for (const name of names) {
    const file = join(dir, name);
    const stem = basename(name, '.yaml');
    const away = outside(file, root, { file });
    if (away) {
      files.problems.push(away);
      continue;
    }
    const j = byStem.get(stem);
    if (!j) {
      const known = files.registry.find((r) => r.code === stem.split('-')[0]);
      files.problems.push({
        severity: 'error', code: 'plan/unknown-jurisdiction', file,
        message: known
          ? `ファイル名は「${fileStem(known)}.yaml」にしてください（コード-ローマ字名）。`
          : `ファイル名「${name}」の都道府県等は一覧（${basename(files.registryFile!)}）にありません。`,
      });
      continue;
    }
    const loaded = loadYaml(file, LocalPlan, 'plan', memo);
    const problems = [...loaded.problems];
    if (loaded.value) {
      for (const { path, ...issue } of localPlanIssues(loaded.value, j, files.plan)) {
        problems.push({ severity: 'error', file, source: loaded.source, path: formatPath(path), place: at(loaded, path), ...issue });
      }
    }
    if (problems.some((p) => p.severity === 'error') || !loaded.value) files.failed.set(j.code, problems);
    else {
      files.locals.set(j.code, { file, plan: loaded.value, loaded });
      files.problems.push(...problems);
    }
  }
}

/** The YAML files a plan folder is read from: plan.yaml, the registry it names, its jurisdiction files. */
export function planFileList(dir: string, files?: PlanFiles): string[] {
  const local = join(dir, LOCAL_DIR);
  return [
    join(dir, PLAN_FILE),
    ...(files?.registryFile ? [files.registryFile] : []),
    ...(existsSync(local) ? readdirSync(local).filter((f) => f.endsWith('.yaml')).sort().map((f) => join(local, f)) : []),
  ];
}

/** `13`, `東京都`, `tokyo` or `13-tokyo` → the jurisdiction. */
export function findJurisdiction(registry: readonly Jurisdiction[], key: string): Jurisdiction | undefined {
  return registry.find((j) => j.code === key || j.name === key || j.slug === key || fileStem(j) === key);
}
