import { Command, CommanderError, Option } from 'commander';
import { defaultPlanDir } from '../plan/years.js';
import { GENERATOR } from '../core/version.js';
import { buildCommand } from './build.js';
import { completionCommand } from './completion.js';
import { diffCommand } from './diff.js';
import { examples, inJapanese } from './help.js';
import { initJurisdictionCommand } from './init-jurisdiction.js';
import { initYearCommand } from './init-year.js';
import { DIAGNOSTICS_FORMATS, printing } from './io.js';
import { lintCommand } from './lint.js';
import { previewCommand } from './preview.js';
import { publishCommand } from './publish.js';
import { schemaCommand } from './schema.js';
import { surveyCommand } from './survey.js';
import { validateCommand } from './validate.js';
import { watchCommand } from './watch.js';

// The command line's grammar: the program, its commands, their options and help. main.ts runs it;
// a test makes one of its own to read the help without starting a process per command.

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
export const raisedBy = new WeakMap<CommanderError, Command>();

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

/** The program `shien` with every command, each speaking Japanese and raising its errors to main. */
export function createProgram(): Command {
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
  return program;
}
