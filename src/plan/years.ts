import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { fiscalEra, fiscalYearName } from '../text/era.js';

// The plans of the yearly cycle: one folder per fiscal year under plans/ (plans/r5 for 令和５年度).
// The default plan of every command is the newest of them, decided here and nowhere else, so that
// a new year's plan (`shien init-year`) is the one worked on from the day it exists.

/** The folder that holds one folder per year's plan, relative to where a command runs. */
export const PLANS_DIR = 'plans';

/** The file that makes a folder a plan. */
export const PLAN_FILE = 'plan.yaml';

export interface YearPlan {
  /** The plan's folder: `plans/r5` (under the base it was listed from). */
  dir: string;
  /** Its name alone: `r5`. */
  name: string;
  fiscalYear: number;
}

/**
 * The fiscal year a plan.yaml states, read without checking the rest of it (the check is the
 * plan set's): undefined when the file is missing or says no year.
 */
export function statedFiscalYear(planDir: string): number | undefined {
  const file = join(planDir, PLAN_FILE);
  try {
    if (!statSync(file).isFile() || statSync(file).size > 1024 * 1024) return undefined;
    const text = readFileSync(file, 'utf8');
    // Every command starts by choosing its plan: the line itself when the key is written once, plainly,
    // at the top level (a key at column 0 can only be the file's own), else the whole file parsed.
    const lines = [...text.matchAll(/^fiscalYear:[ \t]*(\d+)[ \t]*(?:#.*)?\r?$/gm)];
    if (lines.length === 1 && !/^fiscalYear\b|^["']fiscalYear/m.test(text.replace(lines[0][0], ''))) return Number(lines[0][1]);
    const year = parseDocument(text, { uniqueKeys: false }).get('fiscalYear');
    return Number.isInteger(year) ? (year as number) : undefined;
  } catch {
    return undefined;
  }
}

/** Every plan under `<base>/plans/` that states its fiscal year, oldest first. */
export const yearPlans = (base = '.'): YearPlan[] => plansIn(join(base, PLANS_DIR));

/** Every plan in a folder of plans (`plans/`) that states its fiscal year, oldest first. */
export function plansIn(root: string): YearPlan[] {
  if (!existsSync(root)) return [];
  const plans: YearPlan[] = [];
  for (const e of readdirSync(root, { withFileTypes: true })) {
    if (!e.isDirectory() || e.name.startsWith('.')) continue;
    const dir = join(root, e.name);
    const fiscalYear = statedFiscalYear(dir);
    if (fiscalYear !== undefined) plans.push({ dir, name: e.name, fiscalYear });
  }
  // Two folders of one year (a copy kept aside): the first by name, so the choice never depends on the disk.
  return plans.sort((a, b) => a.fiscalYear - b.fiscalYear || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0));
}

/** The default plan: the one of the highest fiscal year under `<base>/plans/`. */
export function newestPlan(base = '.'): YearPlan | undefined {
  return yearPlans(base).at(-1);
}

/**
 * The default plan's folder as a command's argument shows it (`plans/r6`); where there is none
 * yet, `plans/` itself, which the check then says holds no plan.yaml.
 */
export const defaultPlanDir = (base = '.'): string => newestPlan(base)?.dir ?? PLANS_DIR;

/** The plan of a fiscal year under `<base>/plans/`, if there is one. */
export const planOfYear = (fiscalYear: number, base = '.'): YearPlan | undefined => yearPlans(base).find((p) => p.fiscalYear === fiscalYear);

/** The letters the folders use for an era: r5 for 令和５年度. */
const ERA_LETTERS: Record<string, string> = { 令和: 'r', 平成: 'h', 昭和: 's' };

/**
 * The folder name of a fiscal year's plan, named like the folders that exist: `r6` for 2024 when
 * they are named by era (r5), `2024` when they are named by the western year.
 */
export function planFolderName(fiscalYear: number, existing: readonly YearPlan[] = []): string {
  if (existing.length && existing.every((p) => /^\d{4}$/.test(p.name))) return String(fiscalYear);
  const { era, year } = fiscalEra(fiscalYear);
  return `${ERA_LETTERS[era] ?? era}${year}`;
}

/** How a command names the plan it works on: `plans/r6（令和６年度）`. */
export function planLabel(planDir: string): string {
  const year = statedFiscalYear(planDir);
  return year === undefined ? planDir : `${planDir}（${fiscalYearName(year)}）`;
}
