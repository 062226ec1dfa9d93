import { Command } from 'commander';
import { relative } from 'node:path';
import { hasErrors, type Problem } from '../core/problem.js';
import { formatProblem, summarize } from '../core/print.js';
import { reportProblems } from '../pipeline/report.js';
import type { WatchEvents, WatchOptions } from '../pipeline/watch.js';
import { err, out, printEachBuild } from './io.js';
import { defaultOut, nonEmpty, PLAN_DIR_ARGUMENT, startWatching } from './options.js';

export interface WatchPrinting extends Pick<WatchOptions, 'planDir' | 'outDir' | 'fixedTime' | 'onReady'> {
  log: (s: string) => void;
  logError: (s: string) => void;
  /** Each build's problems, at once (the command's: the one printer, or a JSON array per line). */
  logProblems?: (problems: readonly Problem[]) => void;
  /** After each build has been printed (for tests). */
  onBuilt?: () => void;
}

/** Watch a plan and say, after every save, what was made again and what is wrong. */
export async function watch(opts: WatchPrinting) {
  // Loaded here, not at the top: the other commands start without the pipeline.
  const { watch: watchPlan } = await import('../pipeline/watch.js');
  return watchPlan({ ...opts, ...watchPrinter(opts) });
}

/** What `watch` says after every save (`preview` says the same in its terminal). */
export function watchPrinter(opts: Pick<WatchPrinting, 'log' | 'logError' | 'logProblems' | 'onBuilt'>): Required<Pick<WatchEvents, 'onChange' | 'onBuilt'>> {
  return {
    onChange: (files) => opts.log(`変更: ${files.map((f) => relative(process.cwd(), f)).join('、')}`),
    onBuilt: (result) => {
      const problems = 'report' in result ? reportProblems(result.report) : result.problems;
      if (opts.logProblems) opts.logProblems(problems);
      else problems.forEach((p) => opts.logError(formatProblem(p, process.cwd())));
      const documents = 'report' in result ? result.report.documents : [];
      const made = documents.filter((d) => d.files.length);
      const failed = documents.filter((d) => hasErrors(d.problems));
      for (const d of made) opts.log(`再作成: ${d.name}（${Math.round(d.ms)} ms）`);
      if (hasErrors(problems) && !documents.length) {
        opts.logError(`${summarize(problems)}。作り直していません（前回の出力はそのまま）。`);
      } else {
        const files = made.reduce((n, d) => n + d.files.length, 0);
        opts.log(`${made.length}文書を作り直し（${files}ファイル）、${failed.length}文書は失敗、${documents.length - made.length - failed.length}文書は変更なし（${Math.round(result.ms)} ms）`);
      }
      opts.log('保存を待っています…（Ctrl+C で終了）');
      opts.onBuilt?.();
    },
  };
}

export const watchCommand = () =>
  new Command('watch')
    .description('plans/・templates/・fonts/ の保存のたびに、変わった文書だけを作り直す（Ctrl+C で終了）')
    .argument(...PLAN_DIR_ARGUMENT)
    .option('--out <DIR>', '出力先（既定: output/<PLAN_DIR の名前>）', nonEmpty)
    .action(async (planDir: string, opts: { out?: string }) => {
      const time = startWatching(planDir);
      if (!time) return;
      // The watcher keeps the process alive until Ctrl+C ends it.
      await watch({ planDir, outDir: opts.out ?? defaultOut(planDir), fixedTime: time.time, log: out, logError: err, logProblems: printEachBuild });
    });
