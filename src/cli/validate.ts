import { Command } from 'commander';
import { hasErrors } from '../core/problem.js';
import { join } from 'node:path';
import { fixedTime } from './environment.js';
import { exitWith, out, report } from './io.js';
import { PLAN_DIR_ARGUMENT } from './options.js';

/** The checks of `build`, and its problems and exit code, with nothing written. */
export const validateCommand = () =>
  new Command('validate')
    .description('計画のデータを検査する（build と同じ検査。何も書き出さない）')
    .argument(...PLAN_DIR_ARGUMENT)
    .action(async (planDir: string) => {
      const [{ checkPlanSet }, { loadResources }, { PLAN_FILE }] = await Promise.all([import('../check/plan-set.js'), import('../check/resources.js'), import('../plan/files.js')]);
      const problems = [...fixedTime().problems, ...checkPlanSet(planDir, loadResources).problems];
      report(problems);
      exitWith(problems);
      if (!hasErrors(problems)) out(`問題はありません: ${join(planDir, PLAN_FILE)}`);
    });
