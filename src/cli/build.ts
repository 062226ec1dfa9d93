import { Command, Option } from 'commander';
import { join } from 'node:path';
import { hasErrors, type Problem } from '../core/problem.js';
import { ONLY_CHOICES } from '../documents/only.js';
import type { BuildReport } from '../pipeline/report.js';
import type { Resources } from '../check/resources.js';
import { err, exitWith, out, printProblems, report, shownPath } from './io.js';
import { collect, defaultOut, formatOption, nonEmpty, once, PLAN_DIR_ARGUMENT, positiveInt, startMaking } from './options.js';
import { openPath } from './open.js';
import { createProgress } from './progress.js';
import { statsWanted } from './environment.js';
import { writerFor } from '../render/writers.js';

interface Options {
  out?: string;
  only?: string;
  jurisdiction: string[];
  format: string[];
  workers?: number;
  force?: boolean;
  open?: boolean;
}

export const buildCommand = () =>
  new Command('build')
    .description('計画のすべての文書を作る（概要 summary.pdf/.docx/.html と、都道府県等版 handouts/<コード>-<名前>.pdf/.docx/.html）')
    .argument(...PLAN_DIR_ARGUMENT)
    .option('--out <DIR>', '出力先（既定: output/<PLAN_DIR の名前>）', nonEmpty)
    .addOption(once(new Option('--only <WHAT>', '作るものを絞る').choices(ONLY_CHOICES)))
    .option('--jurisdiction <CODE|NAME>', 'この都道府県等の版だけを作る（繰り返し指定できる。例: 13、東京都、tokyo）', collect, [] as string[])
    .addOption(formatOption())
    .option('--force', '変更のない文書も作り直す')
    .option('--open', '作り終えたら出力先のフォルダを開く（一つの文書だけを作ったときは、その文書を開く）')
    .option('--workers <N>', '並列に描くプロセスの数（既定: 文書 100 件ごとに 1 つ足し、CPU の数まで、最大 8）', positiveInt(32))
    .action(async (planDir: string, opts: Options) => {
      const time = startMaking(planDir);
      if (!time) return;
      const started = performance.now();
      const outDir = opts.out ?? defaultOut(planDir);
      // Nothing changed since the last whole build: said without loading the check (pipeline/unchanged.ts).
      if (!opts.force && !opts.only && !opts.jurisdiction.length) {
        const [{ unchangedBuild }, { removeStaleTemps }] = await Promise.all([import('../pipeline/unchanged.js'), import('../pipeline/write.js')]);
        const same = unchangedBuild({ planDir, outDir, fixedTime: time.time, formats: opts.format });
        if (same) return finish({ ...same, removed: removeStaleTemps(outDir) }, [...time.problems, ...same.problems], outDir, started, opts.open);
      }
      // Loaded here, not at the top: `shien --help` and the other commands start without them.
      const [{ build, reportProblems }, { loadResources }] = await Promise.all([import('../pipeline/build.js'), import('../check/resources.js')]);
      let resources: Resources | undefined;
      const progress = createProgress(outDir);
      const r = await build(
        {
          planDir, outDir, only: opts.only, jurisdictions: opts.jurisdiction, formats: opts.format,
          workers: opts.workers, force: opts.force, fixedTime: time.time, stats: statsWanted(),
          onPlan: (total) => progress.start(total),
          onDocument: (d, done, total) => progress.document(d, done, total),
        },
        () => (resources ??= loadResources()),
      );
      progress.stop();
      await finish(r, [...time.problems, ...reportProblems(r)], outDir, started, opts.open);
    });

/** What a build says when it ends: its problems, files removed, the closing line; then --open. */
async function finish(r: BuildReport, problems: Problem[], outDir: string, started: number, open?: boolean): Promise<void> {
  exitWith(problems);
  if (!r.documents.length && hasErrors(problems)) {
    report(problems);
    err('文書は作りませんでした（前回の出力はそのまま残っています）。');
    return;
  }
  printProblems(problems);
  for (const f of r.removed) out(`削除: ${shownPath(f)}（もう作らない文書か、途中で止まった作成の一時ファイル）`);
  out(closingLine(r, performance.now() - started));
  out(`出力先: ${outDir}`);
  if (open) {
    const warning = await openPath(opened(r, outDir));
    if (warning) report([warning]);
  }
}

/**
 * The build's last line: documents made, with the files they make in brackets (one per format
 * asked for), failed and unchanged, and the build's own milliseconds (bench/bench.ts reads them).
 */
export function closingLine(r: BuildReport, ms: number): string {
  const made = r.documents.filter((d) => d.files.length);
  const failed = r.documents.filter((d) => hasErrors(d.problems));
  const unchanged = r.documents.filter((d) => d.skipped).length;
  const files = made.reduce((n, d) => n + d.files.length, 0);
  const others = [
    ...(failed.length ? [`${failed.length}文書は失敗`] : []),
    ...(unchanged ? [`${unchanged}文書は変更なし（作り直すには --force）`] : []),
  ];
  // "0文書を作成" says nothing when the rest of the line says what happened.
  const making = made.length || !others.length ? [`${made.length}文書を作成（${files}ファイル）`] : [];
  return (
    [...making, ...others].join('、') +
    `（${Math.round(ms)} ms）` +
    (failed.length ? `　失敗: ${failed.map((d) => d.name).join('、')}` : '')
  );
}

/** What --open shows: the one document when one was asked for (its first format), else the folder. */
function opened(r: BuildReport, outDir: string): string {
  const [only] = r.documents;
  const extension = writerFor(r.formats[0] ?? '')?.extension;
  return r.documents.length === 1 && !hasErrors(only.problems) && extension ? join(outDir, `${only.name}.${extension}`) : outDir;
}
