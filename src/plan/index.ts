import { join } from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { Problem } from '../diagnostics/problem.js';
import { loadYaml, type Loaded } from './load.js';
import { Plan } from './schema.js';

export { Plan } from './schema.js';

export const PLAN_FILE = 'plan.yaml';

export interface LoadedPlan extends Loaded<Plan> {
  file: string;
}

/** Load `DIR/plan.yaml`. Problems name the file, line and column; no value means it cannot be used. */
export function loadPlan(dir: string): LoadedPlan {
  const file = join(dir, PLAN_FILE);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    const problems: Problem[] = [{
      severity: 'error', code: 'plan/no-directory',
      message: `計画のフォルダがありません: ${dir}`,
      hint: '例: npx shien build plans/r5',
    }];
    return { file, problems };
  }
  return { file, ...loadYaml(file, Plan) };
}
