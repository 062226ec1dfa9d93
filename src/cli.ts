import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { createContext } from './build/context.js';
import { checkPlan } from './build/summary.js';
import { build, type Only } from './build/build.js';
import type { BuildContext } from './build/context.js';
import { createProgress } from './build/progress.js';
import { watch } from './build/watch.js';
import { Failure, hasErrors, type Problem } from './diagnostics/problem.js';
import { formatProblem, summarize } from './diagnostics/print.js';
import { lintPlan } from './lint/lint.js';
import { DEFAULT_PLAN_DIR } from './paths.js';
import { writeSchemas } from './plan/json-schema.js';
import { fileStem, findJurisdiction, LOCAL_DIR, loadJurisdictions } from './plan/jurisdictions.js';
import { localPlanSkeleton } from './plan/skeleton.js';
import { writeAtomically } from './build/write.js';
import { diffPlans } from './build/comparison.js';
import { formatChanges } from './diff/text.js';

// Arguments → pipeline → diagnostics → exit code. Exit 0: done; 1: the data or templates are
// wrong; 2: usage or environment. A user's mistake is a message, never a stack trace.

const EXIT_OK = 0;
const EXIT_DATA = 1;
const EXIT_USAGE = 2;

let debug = false;
const err = (s: string) => process.stderr.write(s + '\n');
const out = (s: string) => process.stdout.write(s + '\n');

function report(problems: readonly Problem[]): void {
  for (const p of problems) err(formatProblem(p));
  if (problems.length) err(summarize(problems));
}

const defaultOut = (planDir: string) => join('output', basename(resolve(planDir)));

const program = new Command()
  .name('shien')
  .description('中小企業支援計画の公式文書（概要の PDF・Word）を計画データから作ります。')
  .option('--debug', '内部エラーのスタックトレースも表示する')
  .showHelpAfterError('（使い方は shien --help）')
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  .exitOverride()
  .hook('preAction', (cmd) => {
    debug = Boolean(cmd.opts().debug);
  });

program
  .command('build')
  .description('計画のすべての文書を作る（概要 summary.pdf/.docx と、都道府県等版 handouts/<コード>-<名前>.pdf/.docx）')
  .argument('[PLAN_DIR]', '計画のフォルダ', DEFAULT_PLAN_DIR)
  .option('--out <DIR>', '出力先（既定: output/<PLAN_DIR の名前>）')
  .addOption(new Option('--only <WHAT>', '作るものを絞る').choices(['summary', 'handouts']))
  .option('--jurisdiction <CODE|NAME>', 'この都道府県等の版だけを作る（繰り返し指定できる。例: 13、東京都、tokyo）', (v: string, acc: string[]) => [...acc, v], [] as string[])
  .option('--force', '変更のない文書も作り直す')
  .option('--workers <N>', '並列に描く数（既定: CPU の数の半分、1〜4。CPU が二つなら 1 が速い）', (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > 32) throw new InvalidArgumentError('1 から 32 の整数で指定してください。');
    return n;
  })
  .action(async (planDir: string, opts: { out?: string; only?: Only; jurisdiction: string[]; workers?: number; force?: boolean }) => {
    const outDir = opts.out ?? defaultOut(planDir);
    const started = performance.now();
    let ctx: BuildContext | undefined;
    const progress = createProgress();
    const report = await build(
      {
        planDir, outDir, only: opts.only, jurisdictions: opts.jurisdiction, workers: opts.workers, force: opts.force,
        onPlan: (total) => progress.start(total),
        onDocument: (d, done, total) => progress.document(d, done, total),
      },
      () => (ctx ??= createContext()),
    );
    progress.stop();
    report.problems.forEach((p) => err(formatProblem(p)));
    if (!report.documents.length && hasErrors(report.problems)) {
      err(summarize(report.problems));
      err('文書は作りませんでした（前回の出力はそのまま残っています）。');
      process.exitCode = report.usage ? EXIT_USAGE : EXIT_DATA;
      return;
    }
    const failed = report.documents.filter((d) => d.problems.some((p) => p.severity === 'error'));
    for (const d of failed) {
      err(`失敗: ${d.name}`);
      for (const p of d.problems) err(formatProblem(p));
    }
    const made = report.documents.reduce((n, d) => n + d.files.length, 0);
    const skipped = report.documents.filter((d) => d.skipped).length;
    const ms = Math.round(performance.now() - started);
    out(
      `${made}件 作成、${failed.length * 2}件 失敗` +
        (skipped ? `、${skipped * 2}件 変更なし（作り直すには --force）` : '') +
        `（${ms} ms）` +
        (failed.length ? `　失敗: ${failed.map((d) => d.name).join('、')}` : ''),
    );
    // A disk that cannot be written is the environment's fault, not the data's.
    if (failed.length) process.exitCode = failed.every((d) => d.problems.some((p) => p.code.startsWith('env/'))) ? EXIT_USAGE : EXIT_DATA;
  });

program
  .command('watch')
  .description('plans/・templates/・fonts/ の保存のたびに、変わった文書だけを作り直す（Ctrl+C で終了）')
  .argument('[PLAN_DIR]', '計画のフォルダ', DEFAULT_PLAN_DIR)
  .option('--out <DIR>', '出力先（既定: output/<PLAN_DIR の名前>）')
  .action(async (planDir: string, opts: { out?: string }) => {
    await watch({ planDir, outDir: opts.out ?? defaultOut(planDir), log: out, logError: err });
  });

program
  .command('validate')
  .description('計画のデータを検査する（build と同じ検査。何も書き出さない）')
  .argument('[PLAN_DIR]', '計画のフォルダ', DEFAULT_PLAN_DIR)
  .action((planDir: string) => {
    const ctx = createContext();
    const r = checkPlan(planDir, ctx);
    report(r.problems);
    if (hasErrors(r.problems)) {
      process.exitCode = EXIT_DATA;
      return;
    }
    out(`問題はありません: ${r.file}`);
  });

program
  .command('lint')
  .description('計画のデータの書き方を検査する（数字の全角・半角の混在、日本語の間の半角スペース、〜/～・―/— の混在）。警告だけで、データは書き換えない')
  .argument('[PLAN_DIR]', '計画のフォルダ（またはファイル）', DEFAULT_PLAN_DIR)
  .option('--strict', '警告があれば終了コード 1 にする')
  .action((planDir: string, opts: { strict?: boolean }) => {
    const r = lintPlan(planDir);
    report(r.problems);
    if (hasErrors(r.problems) || (opts.strict && r.problems.length)) {
      process.exitCode = EXIT_DATA;
      return;
    }
    if (!r.problems.length) out(`問題はありません: ${r.files.length} ファイル（${planDir}）`);
  });

program
  .command('diff')
  .description('新旧対照表を作る（comparison.pdf/.docx。左が改正後、右が改正前、変わった文字に傍線）。変更を画面にも示す')
  .argument('<OLD>', '改正前の計画: フォルダか git のリビジョン')
  .argument('<NEW>', '改正後の計画: フォルダか git のリビジョン')
  .option('--out <DIR>', '出力先（既定: output/<NEW の計画のフォルダ名>）')
  .addHelpText('after', [
    '',
    'OLD・NEW の読み方:',
    '  1. あるフォルダの名前なら、そのフォルダの計画（いまのファイル）',
    '  2. REV:DIR なら、git のリビジョン REV のときのフォルダ DIR の計画（例: HEAD~1:plans/r5）',
    `  3. それ以外は git のリビジョン。フォルダはもう一方の引数が示すもの、なければ ${DEFAULT_PLAN_DIR}`,
    '',
    '例:',
    `  npx shien diff HEAD~1 ${DEFAULT_PLAN_DIR}     直前のコミットといまの ${DEFAULT_PLAN_DIR}`,
    `  npx shien diff v1 v2               ${DEFAULT_PLAN_DIR} の v1 と v2（タグ）`,
    '  npx shien diff plans/r5 plans/r6   二つのフォルダ',
    '',
    '変更がなければ「変更はありません」と示し、ファイルは作りません。',
  ].join('\n'))
  .action(async (oldArg: string, newArg: string, opts: { out?: string }) => {
    const r = await diffPlans({ old: oldArg, new: newArg, outDir: opts.out, defaultDir: DEFAULT_PLAN_DIR }, createContext);
    report(r.problems);
    if (r.changes && r.old && r.new) {
      out(formatChanges(r.changes, { oldLabel: r.old.label, newLabel: r.new.label, ansi: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR }));
    }
    for (const f of r.files) out(`作成: ${f}`);
    if (r.exitCode && r.changes?.length) err('新旧対照表は作りませんでした（前回の出力はそのまま残っています）。');
    process.exitCode = r.exitCode;
  });

program
  .command('init-jurisdiction')
  .description('都道府県等の事業と相談窓口を書くファイルのひな形を作る（plans/<年度>/jurisdictions/<コード>-<名前>.yaml）')
  .argument('<CODE>', '都道府県等のコード・名前・ローマ字（例: 13、東京都、tokyo、011002）')
  .argument('[PLAN_DIR]', '計画のフォルダ', DEFAULT_PLAN_DIR)
  .option('--force', '同名のファイルがあっても上書きする')
  .action((key: string, planDir: string, opts: { force?: boolean }) => {
    const ctx = createContext();
    const checked = checkPlan(planDir, ctx);
    if (!checked.plan) {
      report(checked.problems);
      process.exitCode = EXIT_DATA;
      return;
    }
    const js = loadJurisdictions(planDir, checked.plan, checked.file);
    const j = findJurisdiction(js.registry, key);
    if (!j) {
      err(`error[usage/unknown-jurisdiction] 都道府県等「${key}」は一覧にありません。コード（13、011002）、名前（東京都）、ローマ字（tokyo）で指定してください。`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    const file = join(planDir, LOCAL_DIR, `${fileStem(j)}.yaml`);
    if (existsSync(file) && !opts.force) {
      err(`error[usage/exists] ${file} はもうあります（上書きするには --force）。`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    writeAtomically([{ path: file, bytes: Buffer.from(localPlanSkeleton(j, checked.plan)) }]);
    out(`作成: ${file}`);
  });

program
  .command('schema')
  .description('エディタ用の JSON Schema を書き出す（計画と見た目の設定）')
  .option('--out <DIR>', '出力先のフォルダ', 'schema')
  .action((opts: { out: string }) => {
    mkdirSync(opts.out, { recursive: true });
    for (const [name, json] of writeSchemas()) {
      writeFileSync(join(opts.out, name), json);
      out(`作成: ${join(opts.out, name)}`);
    }
  });

// For `npm run bench`: peak memory of the whole process, worker threads included.
if (process.env.SHIEN_STATS) {
  process.on('exit', () => process.stderr.write(`SHIEN_STATS ${JSON.stringify({ maxRssKiB: process.resourceUsage().maxRSS })}\n`));
}

async function main(): Promise<void> {
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      process.exitCode = e.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
      return;
    }
    if (e instanceof Failure) {
      report(e.problems);
      process.exitCode = e.exitCode;
      return;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EROFS' || code === 'ENOSPC' || code === 'EISDIR' || code === 'ENOTDIR') {
      err(`error[env/write] 出力を書き込めません（${code}）: ${(e as NodeJS.ErrnoException).path ?? ''}`);
      process.exitCode = EXIT_USAGE;
      return;
    }
    err(`error[internal] 内部エラーです。--debug を付けて実行し、表示を開発者に伝えてください: ${(e as Error).message}`);
    if (debug) err((e as Error).stack ?? '');
    process.exitCode = 70;
  }
}

await main();
