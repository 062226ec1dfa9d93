import { Command } from 'commander';
import { statSync } from 'node:fs';
import { EXIT, hasErrors, uniqueProblems, type Problem } from '../core/problem.js';
import { exitWith, out, report } from './io.js';
import { PLAN_DIR_ARGUMENT, announcePlan } from './options.js';

/**
 * A plan folder: the plan set's checks (as `validate`), then the writing rules over each of its
 * files. One file: its YAML and the writing rules.
 */
export async function lintPath(path: string): Promise<{ files: string[]; problems: Problem[] }> {
  const [{ lintFile }, { planFileList }, { checkPlanSet }, { loadResources }, { releaseProblems }] = await Promise.all([
    import('../lint/lint.js'), import('../plan/files.js'), import('../check/plan-set.js'), import('../check/resources.js'), import('../check/release.js'),
  ]);
  if (statSync(path, { throwIfNoEntry: false })?.isFile()) return { files: [path], problems: lintFile(path) };
  const checked = checkPlanSet(path, loadResources);
  if (checked.problems.some((p) => p.code === 'plan/no-directory')) return { files: [], problems: checked.problems };
  const files = planFileList(path, checked.set);
  // An era year of another year in the text (「令和５年度計画」 in the 令和６年度 plan) is a writing mistake a draft has too.
  const eras = checked.set ? releaseProblems(checked.set, { asWarnings: true }).filter((p) => p.code === 'release/era-year') : [];
  return { files, problems: uniqueProblems([...checked.problems, ...eras, ...files.flatMap((f) => lintFile(f))]) };
}

export const lintCommand = () =>
  new Command('lint')
    .description('計画のデータの書き方を検査する（数字の全角・半角の混在、日本語の間の半角スペース、〜/～・―/— の混在）と、validate と同じ検査。書き方は警告だけで、データは書き換えない')
    .argument(PLAN_DIR_ARGUMENT[0], '計画のフォルダ（またはファイル）', PLAN_DIR_ARGUMENT[2])
    .option('--strict', '警告があれば終了コード 1 にする')
    .action(async (path: string, opts: { strict?: boolean }) => {
      if (!statSync(path, { throwIfNoEntry: false })?.isFile()) announcePlan(path);
      const r = await lintPath(path);
      report(r.problems);
      exitWith(r.problems);
      // --strict: a warning fails the check as an error of the data would.
      if (opts.strict && r.problems.length && !hasErrors(r.problems)) process.exitCode = EXIT.data;
      if (!r.problems.length) out(`問題はありません: ${r.files.length} ファイル（${path}）`);
    });
