import { Command, CommanderError, Option } from 'commander';
import { defaultPlanDir } from '../plan/years.js';
import { EXIT, Failure, type Problem } from '../core/problem.js';
import { GENERATOR } from '../core/version.js';
import { buildCommand } from './build.js';
import { completionCommand } from './completion.js';
import { diffCommand } from './diff.js';
import { examples, inJapanese } from './help.js';
import { initJurisdictionCommand } from './init-jurisdiction.js';
import { initYearCommand } from './init-year.js';
import { DIAGNOSTICS_FORMATS, endQuietlyOnClosedPipe, exitWith, flushDiagnostics, printing, report, type DiagnosticsFormat } from './io.js';
import { lintCommand } from './lint.js';
import { previewCommand } from './preview.js';
import { publishCommand } from './publish.js';
import { schemaCommand } from './schema.js';
import { surveyCommand } from './survey.js';
import { usageProblem } from './usage.js';
import { validateCommand } from './validate.js';
import { watchCommand } from './watch.js';
import { statsWanted } from './environment.js';

// The command `shien`: arguments → pipeline → problems → exit code. A user's mistake is a message,
// never a stack trace; a fault of this tool says so and shows its trace only with --debug.

/**
 * Options of every command: commander reads the program's options before and after the command's
 * name (`shien build --quiet`), and each command's help lists them.
 */
const programWide = () => [
  new Option('--debug', '内部エラーのスタックトレースも表示する'),
  new Option('--diagnostics <FORMAT>', '問題の示し方。json なら、問題をすべて一つの JSON の配列にして標準出力に出す（ほかの表示は標準エラー出力へ）')
    .choices(DIAGNOSTICS_FORMATS).default('human'),
  new Option('-q, --quiet', '問題だけを表示する（進み具合・作ったファイル・まとめの行を出さない）'),
];

/** The command that raised each of commander's errors, to name it and its options in the problem. */
const raisedBy = new WeakMap<CommanderError, Command>();

/**
 * Commander prints nothing of its own errors and exits nowhere: main turns them into problems. The
 * same for a command's own subcommands (`survey export`).
 */
const speaksThroughProblems = (command: Command): Command => {
  inJapanese(command)
    .configureOutput({ outputError: () => {} })
    .exitOverride((e) => {
      raisedBy.set(e, command);
      throw e;
    });
  if (command.commands.length) command.helpCommand('help [COMMAND]', 'コマンドの使い方を表示する');
  command.commands.forEach(speaksThroughProblems);
  return command;
};

const program = speaksThroughProblems(new Command().name('shien'))
  .description('中小企業支援計画の公式文書（概要と都道府県等版の PDF・Word、新旧対照表）を計画データから作ります。')
  .version(GENERATOR, '-V, --version', 'バージョンを表示する')
  .helpCommand('help [COMMAND]', 'コマンドの使い方を表示する')
  .addHelpText('after', examples([
    ['npx shien build --jurisdiction 秋田県', '一つの都道府県等の版だけを作る（コード 05、akita でも）'],
    [`npx shien build ${defaultPlanDir()} --open`, 'すべての文書を作り、出力先のフォルダを開く'],
    ['npx shien init-year', '最新の計画から次の年度の計画を作る（毎年の作業の始まり）'],
    [`npx shien diff HEAD~1 ${defaultPlanDir()}`, '直前のコミット（git）と比べる'],
    ['npx shien validate && npx shien lint --strict', '送る前に確かめる（誤りも警告もなければ終了コード 0）'],
  ]))
  .hook('preAction', (root) => {
    printing.debug = Boolean(root.opts().debug);
    printing.quiet = Boolean(root.opts().quiet);
  });
for (const option of programWide()) program.addOption(option);

for (const command of [buildCommand(), watchCommand(), previewCommand(), validateCommand(), lintCommand(), diffCommand(), publishCommand(), initYearCommand(), initJurisdictionCommand(), schemaCommand(), surveyCommand(), completionCommand()]) {
  program.addCommand(speaksThroughProblems(command));
}

/**
 * `--diagnostics json` is read before commander parses the line, so that the mistakes commander
 * finds in it come out as JSON too; commander checks the value and shows it in the help.
 */
function diagnosticsAsked(args: readonly string[]): DiagnosticsFormat {
  return diagnosticsValues(args)[0] === 'json' ? 'json' : 'human';
}

/** Every value `--diagnostics` is given, in order (`--diagnostics json` and `--diagnostics=json`). */
function diagnosticsValues(args: readonly string[]): string[] {
  const end = args.indexOf('--');
  const values: string[] = [];
  (end >= 0 ? args.slice(0, end) : args).forEach((a, i) => {
    if (a === '--diagnostics' && i + 1 < args.length) values.push(args[i + 1]);
    else if (a.startsWith('--diagnostics=')) values.push(a.slice('--diagnostics='.length));
  });
  return values;
}

/** `--diagnostics json --diagnostics human`: which one a script reads cannot be guessed. */
function diagnosticsConflict(args: readonly string[]): Problem | undefined {
  const values = [...new Set(diagnosticsValues(args))];
  if (values.length < 2) return undefined;
  return {
    severity: 'error', code: 'usage/conflicting-options', found: values.map((v) => `--diagnostics ${v}`).join(' '),
    message: `--diagnostics は一度だけ指定してください（${values.map((v) => `「${v}」`).join('と')}が指定されています）。`,
  };
}

// For `npm run bench`: peak memory and CPU time of the command's own process.
if (statsWanted()) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    // Worker processes are counted by the bench from their own exit lines; this is the command's.
    process.stderr.write(`SHIEN_STATS ${JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`);
  });
}

function fail(problems: Problem[]): void {
  report(problems);
  exitWith(problems);
}

async function main(): Promise<void> {
  endQuietlyOnClosedPipe();
  printing.diagnostics = diagnosticsAsked(process.argv.slice(2));
  const conflict = diagnosticsConflict(process.argv.slice(2));
  if (conflict) {
    fail([conflict]);
    return flushDiagnostics();
  }
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      const problem = usageProblem(e, raisedBy.get(e) ?? program);
      // --help and --version end here too, with exit code 0; `shien` alone shows the help and exits 2.
      if (!problem) {
        // Help and the version are what was asked for, not a run with problems to list.
        printing.diagnostics = 'human';
        process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
        return;
      }
      return fail([problem]);
    }
    if (e instanceof Failure) return fail(e.problems);
    const code = (e as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code) && (e as NodeJS.ErrnoException).path) {
      const { writeProblem } = await import('../pipeline/write.js');
      return fail([writeProblem(e, (e as NodeJS.ErrnoException).path!)]);
    }
    fail([{ severity: 'error', code: 'internal/error', message: `内部エラーです。--debug を付けて実行し、表示を開発者に伝えてください: ${(e as Error).message}`, trace: (e as Error).stack }]);
  } finally {
    flushDiagnostics();
  }
}

await main();
