import { Command } from 'commander';
import { EXIT, hasErrors } from '../core/problem.js';
import { join } from 'node:path';
import { fixedTime, statsWanted } from './environment.js';
import { exitWith, out, report } from './io.js';
import { announcePlan, defaultOut, PLAN_DIR_ARGUMENT } from './options.js';
import { PLAN_FILE } from '../plan/years.js';

/** The checks of `build`, and its problems and exit code, with nothing written; with --release, what must not be published. */
export const validateCommand = () =>
  new Command('validate')
    .description('計画のデータを検査する（build と同じ検査。何も書き出さない）。--release なら公表の前の検査も')
    .argument(...PLAN_DIR_ARGUMENT)
    .option('--release', '公表の前の検査もする: 見本のデータ・ひな形の仮の値（確定の計画では誤り）、公表日がない・年度に合わない、昨年度の和暦の年、データのない都道府県等、昨年度から引き継いだままのデータ、電話番号の全角、http: の URL')
    .option('--strict', '警告があれば終了コード 1 にする')
    .action(async (planDir: string, opts: { release?: boolean; strict?: boolean }) => {
      const time = fixedTime();
      if (hasErrors(time.problems)) {
        report(time.problems);
        return exitWith(time.problems);
      }
      announcePlan(planDir);
      const outDir = defaultOut(planDir);
      // The plan unchanged since its last whole build: what that build found, without loading the check (pipeline/unchanged.ts).
      const { unchangedValidation } = await import('../pipeline/unchanged.js');
      const same = opts.release ? undefined : unchangedValidation({ planDir, outDir, fixedTime: time.time });
      const found = same ?? (await validateAgain(planDir, outDir, time.time, opts.release));
      const problems = [...time.problems, ...found];
      report(problems);
      exitWith(problems);
      // --strict: a warning fails the check as an error of the data would.
      if (opts.strict && problems.length && !hasErrors(problems)) process.exitCode = EXIT.data;
      if (!hasErrors(problems) && !(opts.strict && problems.length)) {
        out(`${problems.length ? '誤りはありません' : '問題はありません'}${opts.release ? '（公表の前の検査を含む）' : ''}: ${join(planDir, PLAN_FILE)}`);
      }
    });

/** The whole check, every document laid out that the folder's builds do not vouch for. */
async function validateAgain(planDir: string, outDir: string, fixedTime: Date | undefined, release: boolean | undefined) {
  const [{ validatePlan }, { loadResources }] = await Promise.all([import('../pipeline/validate.js'), import('../check/resources.js')]);
  return validatePlan({ planDir, fixedTime, stats: statsWanted(), release, outDir }, loadResources);
}
