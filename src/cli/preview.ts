import { spawn } from 'node:child_process';
import { openerFor } from './open.js';
import { Command, InvalidArgumentError } from 'commander';
import { Failure } from '../core/problem.js';
import { err, exitWith, out, printEachBuild, printProblems, report } from './io.js';
import { defaultOut, nonEmpty, PLAN_DIR_ARGUMENT, startWatching } from './options.js';
import { watchPrinter } from './watch.js';

const DEFAULT_PORT = 4800;

const port = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('0 から 65535 の整数で指定してください（0 は空いているポート）。');
  return n;
};

/** The system's own way to open a web address in the reader's browser. */
function openInBrowser(url: string): void {
  const [cmd, args] = openerFor(url);
  const child = spawn(cmd, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: process.platform === 'win32' });
  child.on('error', () => err(`ブラウザを開けませんでした。${url} を開いてください。`));
  child.unref();
}

export const previewCommand = () =>
  new Command('preview')
    .description('計画の文書をブラウザで見る（このコンピュータだけから 127.0.0.1 で）。保存のたびに作り直し、開いているページを更新する（Ctrl+C で終了）')
    .argument(...PLAN_DIR_ARGUMENT)
    .option('--port <N>', '待ち受けるポート（0 なら空いているポート）', port, DEFAULT_PORT)
    .option('--open', 'ブラウザで開く')
    .option('--out <DIR>', '出力先（既定: output/<PLAN_DIR の名前>）', nonEmpty)
    .action(async (planDir: string, opts: { port: number; open?: boolean; out?: string }) => {
      const time = startWatching(planDir);
      if (!time) return;
      // Loaded here, not at the top: the other commands start without the pipeline.
      const { startPreview } = await import('../preview/server.js');
      let preview;
      try {
        preview = await startPreview({
          planDir, outDir: opts.out ?? defaultOut(planDir), cwd: process.cwd(), port: opts.port, fixedTime: time.time,
          onRequestProblem: (p) => printProblems([p]),
          ...watchPrinter({ log: out, logError: err, logProblems: printEachBuild }),
        });
      } catch (e) {
        if (!(e instanceof Failure)) throw e;
        report(e.problems);
        return exitWith(e.problems);
      }
      out(`プレビュー: ${preview.url}（Ctrl+C で終了）`);
      if (opts.open) openInBrowser(preview.url);
      const stop = preview.close;
      // Builds report their own problems; only a fault of watching itself (the file watcher) ends here.
      preview.ready.catch((e: unknown) => {
        const problems = [{ severity: 'error' as const, code: 'internal/error', message: `保存の監視を始められませんでした: ${(e as Error).message}` }];
        report(problems);
        exitWith(problems);
        void stop();
      });
      process.once('SIGINT', () => {
        void stop().then(() => {
          out('プレビューを終了しました。');
          process.exitCode = 0;
          // Anything left open (a browser's lingering connection) does not keep the command alive.
          setTimeout(() => process.exit(0), 1000).unref();
        });
      });
    });
