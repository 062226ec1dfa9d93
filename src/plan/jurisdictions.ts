import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Problem } from '../diagnostics/problem.js';
import { loadYaml, type Loaded } from './load.js';
import { LocalPlan, Registry, type Jurisdiction } from './jurisdiction.js';
import type { Plan } from './schema.js';

export const LOCAL_DIR = 'jurisdictions';

export interface LoadedJurisdictions {
  registry: Jurisdiction[];
  /** Each jurisdiction's own file, by code; a jurisdiction without one gets the national content only. */
  locals: Map<string, { file: string; plan: LocalPlan; loaded: Loaded<LocalPlan> }>;
  /** Problems of files that could not be used, by code, so that one bad file stops only its own handout. */
  failed: Map<string, Problem[]>;
  problems: Problem[];
  registryFile?: string;
}

export const fileStem = (j: Jurisdiction) => `${j.code}-${j.slug}`;

/** The registry the plan names, and the files under `<plan dir>/jurisdictions/`. */
export function loadJurisdictions(planDir: string, plan: Plan, planFile: string): LoadedJurisdictions {
  const out: LoadedJurisdictions = { registry: [], locals: new Map(), failed: new Map(), problems: [] };
  if (!plan.jurisdictions) return out;
  const registryFile = resolve(dirname(planFile), plan.jurisdictions);
  out.registryFile = registryFile;
  const reg = loadYaml(registryFile, Registry);
  if (!reg.value) {
    out.problems.push(...reg.problems);
    return out;
  }
  out.registry = reg.value.jurisdictions;
  const byStem = new Map(out.registry.map((j) => [fileStem(j), j]));
  const categories = new Set(plan.act.categories.map((c) => c.id));

  const dir = join(planDir, LOCAL_DIR);
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort() : [];
  for (const name of files) {
    const file = join(dir, name);
    const stem = basename(name, '.yaml');
    const j = byStem.get(stem);
    if (!j) {
      const code = stem.split('-')[0];
      const known = out.registry.find((r) => r.code === code);
      out.problems.push({
        severity: 'error', code: 'plan/unknown-jurisdiction', file,
        message: known
          ? `ファイル名は「${fileStem(known)}.yaml」にしてください（コード-ローマ字名）。`
          : `ファイル名「${name}」の都道府県等は一覧（${basename(registryFile)}）にありません。`,
      });
      continue;
    }
    const loaded: Loaded<LocalPlan> = loadYaml(file, LocalPlan);
    const problems = [...loaded.problems];
    if (loaded.value) {
      if (loaded.value.code !== j.code) {
        problems.push({
          severity: 'error', code: 'plan/code-mismatch', file, source: loaded.source,
          place: { line: 1, column: 1 }, path: 'code',
          message: `code「${loaded.value.code}」がファイル名のコード「${j.code}」と違います。`,
        });
      }
      loaded.value.programmes.forEach((g, i) => {
        if (!categories.has(g.category)) {
          const node = loaded.doc?.getIn(['programmes', i, 'category'], true) as { range?: [number, number, number] } | undefined;
          const pos = node?.range && loaded.lineCounter ? loaded.lineCounter.linePos(node.range[0]) : undefined;
          problems.push({
            severity: 'error', code: 'plan/unknown-reference', file, source: loaded.source,
            path: `programmes[${i}].category`,
            ...(pos ? { place: { line: pos.line, column: pos.col } } : {}),
            message: `事業区分「${g.category}」は計画の act.categories にありません。`,
            expected: [...categories].join('、'),
          });
        }
      });
    }
    if (problems.some((p) => p.severity === 'error') || !loaded.value) out.failed.set(j.code, problems);
    else out.locals.set(j.code, { file, plan: loaded.value, loaded });
  }
  return out;
}

/** `13`, `東京都`, `tokyo` or `13-tokyo` → the jurisdiction. */
export function findJurisdiction(registry: readonly Jurisdiction[], key: string): Jurisdiction | undefined {
  return registry.find((j) => j.code === key || j.name === key || j.slug === key || fileStem(j) === key);
}
