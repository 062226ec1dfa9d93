import { Command, Option } from 'commander';
import { relative } from 'node:path';
import { hasErrors } from '../core/problem.js';
import { ONLY_CHOICES } from '../documents/index.js';
import type { Resources } from '../pipeline/resources.js';
import { fixedTime } from './environment.js';
import { err, exitWith, out, printProblems, report } from './io.js';
import { collect, defaultOut, formatOption, PLAN_DIR_ARGUMENT, positiveInt } from './options.js';
import { createProgress } from './progress.js';

interface Options {
  out?: string;
  only?: string;
  jurisdiction: string[];
  format: string[];
  workers?: number;
  force?: boolean;
}

export const buildCommand = () =>
  new Command('build')
    .description('計画のすべての文書を作る（概要 summary.pdf/.docx/.html と、都道府県等版 handouts/<コード>-<名前>.pdf/.docx/.html）')
    .argument(...PLAN_DIR_ARGUMENT)
    .option('--out <DIR>', '出力先（既定: output/<PLAN_DIR の名前>）')
    .addOption(new Option('--only <WHAT>', '作るものを絞る').choices(ONLY_CHOICES))
    .option('--jurisdiction <CODE|NAME>', 'この都道府県等の版だけを作る（繰り返し指定できる。例: 13、東京都、tokyo）', collect, [] as string[])
    .addOption(formatOption())
    .option('--force', '変更のない文書も作り直す')
    .option('--workers <N>', '並列に描く数（既定: CPU の数の半分、1〜4。CPU が二つなら 1 が速い）', positiveInt(32))
    .action(async (planDir: string, opts: Options) => {
      const time = fixedTime();
      if (hasErrors(time.problems)) {
        report(time.problems);
        return exitWith(time.problems);
      }
      const started = performance.now();
      // Loaded here, not at the top: `shien --help` and the other commands start without them.
      const [{ build, reportProblems }, { loadResources }] = await Promise.all([import('../pipeline/build.js'), import('../pipeline/resources.js')]);
      let resources: Resources | undefined;
      const progress = createProgress();
      const r = await build(
        {
          planDir, outDir: opts.out ?? defaultOut(planDir), only: opts.only, jurisdictions: opts.jurisdiction, formats: opts.format,
          workers: opts.workers, force: opts.force, fixedTime: time.time,
          onPlan: (total) => progress.start(total),
          onDocument: (d, done, total) => progress.document(d, done, total),
        },
        () => (resources ??= loadResources()),
      );
      progress.stop();
      const problems = [...time.problems, ...reportProblems(r)];
      exitWith(problems);
      if (!r.documents.length && hasErrors(problems)) {
        report(problems);
        err('文書は作りませんでした（前回の出力はそのまま残っています）。');
        return;
      }
      printProblems(problems);
      for (const f of r.removed) out(`削除: ${relative(process.cwd(), f) || f}（もう作らない文書か、途中で止まった作成の一時ファイル）`);
      const failed = r.documents.filter((d) => hasErrors(d.problems));
      const made = r.documents.reduce((n, d) => n + d.files.length, 0);
      const skipped = r.documents.filter((d) => d.skipped).length;
      const perDocument = r.formats.length;
      out(
        `${made}件 作成、${failed.length * perDocument}件 失敗` +
          (skipped ? `、${skipped * perDocument}件 変更なし（作り直すには --force）` : '') +
          `（${Math.round(performance.now() - started)} ms）` +
          (failed.length ? `　失敗: ${failed.map((d) => d.name).join('、')}` : ''),
      );
    });
