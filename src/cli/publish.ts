import { Command } from 'commander';
import { join, relative } from 'node:path';
import type { Resources } from '../check/resources.js';
import { err, exitWith, out, printProblems, report } from './io.js';
import { examples } from './help.js';
import { defaultOut, nonEmpty, PLAN_DIR_ARGUMENT, positiveInt, startMaking } from './options.js';
import { createProgress } from './progress.js';
import { statsWanted } from './environment.js';

/** `shien publish`: the release check, every document in every format, and the folder to upload. */
export const publishCommand = () =>
  new Command('publish')
    .description('公表用のフォルダを作る: 公表前の検査のあと、すべての文書（概要・都道府県等版の HTML・PDF・Word）とオープンデータ（data/ の CSV・JSON・JSON Schema・datapackage.json）、それらへの一覧ページ index.html、全体の site.zip')
    .argument(...PLAN_DIR_ARGUMENT)
    .option('--out <DIR>', '公表用のフォルダ（既定: output/<PLAN_DIR の名前>/site）。前回の publish の出力はまるごと置き換える', nonEmpty)
    .option('--workers <N>', '並列に描くプロセスの数（build と同じ）', positiveInt(32))
    .addHelpText('after', [
      '',
      '確定した計画（status: final）に見本のデータがあれば公表せず、その場所を示します（終了コード 1）。',
      '案の計画（status: draft）は公表でき、どのページにも「（案）」が付きます。',
      '文書は build と同じ出力先（output/<PLAN_DIR の名前>）に作り、変わったものだけを作り直します。',
      examples([
        ['npx shien publish', '既定の計画を output/r5/site/ に（フォルダか site.zip をそのまま掲載する）'],
        ['npx shien publish --out 公表', '公表用のフォルダを 公表/ に'],
      ]),
    ].join('\n'))
    .action(async (planDir: string, opts: { out?: string; workers?: number }) => {
      const time = startMaking(planDir);
      if (!time) return;
      const started = performance.now();
      const [{ publish, INDEX_FILE, SITE_ZIP }, { loadResources }] = await Promise.all([import('../pipeline/publish.js'), import('../check/resources.js')]);
      let resources: Resources | undefined;
      const buildDir = defaultOut(planDir);
      const progress = createProgress(buildDir);
      const outDir = opts.out ?? join(buildDir, 'site');
      const r = await publish(
        {
          planDir, buildDir, outDir, workers: opts.workers, fixedTime: time.time, stats: statsWanted(),
          onPlan: (total) => progress.start(total),
          onDocument: (d, done, total) => progress.document(d, done, total),
        },
        () => (resources ??= loadResources()),
      );
      progress.stop();
      const problems = [...time.problems, ...r.problems];
      exitWith(problems);
      if (!r.files) {
        report(problems);
        err('公表用のフォルダは作りませんでした（前回の出力はそのまま残っています）。');
        return;
      }
      printProblems(problems);
      const shown = relative(process.cwd(), outDir) || outDir;
      const documents = r.files.filter((f) => !f.path.startsWith('data/')).length;
      out(`公表用のフォルダを作成: ${r.files.length + 1}ファイル（文書 ${documents}、データ ${r.files.length - documents}、${SITE_ZIP}）（${Math.round(performance.now() - started)} ms）`);
      out(`一覧ページ: ${join(shown, INDEX_FILE)}`);
      out(`出力先: ${shown}`);
    });
