import { Command, CommanderError } from 'commander';
import { EXIT, Failure } from '../core/problem.js';
import { buildCommand } from './build.js';
import { diffCommand } from './diff.js';
import { initJurisdictionCommand } from './init-jurisdiction.js';
import { endQuietlyOnClosedPipe, exitWith, printing, report } from './io.js';
import { lintCommand } from './lint.js';
import { previewCommand } from './preview.js';
import { schemaCommand } from './schema.js';
import { surveyCommand } from './survey.js';
import { validateCommand } from './validate.js';
import { watchCommand } from './watch.js';

// The command `shien`: arguments → pipeline → problems → exit code. A user's mistake is a message,
// never a stack trace; a fault of this tool says so and shows its trace only with --debug.


const program = new Command()
  .name('shien')
  .description('中小企業支援計画の公式文書（概要の PDF・Word）を計画データから作ります。')
  .option('--debug', '内部エラーのスタックトレースも表示する')
  .showHelpAfterError('（使い方は shien --help）')
  .configureOutput({ writeErr: (s) => process.stderr.write(s) })
  .exitOverride()
  .hook('preAction', (root, command) => {
    printing.debug = Boolean(root.opts().debug || command.opts().debug);
  });

/** --debug is understood after the command's name too (`shien build --debug`), where people type it. */
function withDebug(command: Command): Command {
  command.option('--debug', '内部エラーのスタックトレースも表示する').exitOverride();
  command.commands.forEach(withDebug);
  return command;
}

for (const command of [buildCommand(), watchCommand(), previewCommand(), validateCommand(), lintCommand(), diffCommand(), initJurisdictionCommand(), schemaCommand(), surveyCommand()]) {
  program.addCommand(withDebug(command));
}

// For `npm run bench`: peak memory and CPU time of the command's own process.
if (process.env.SHIEN_STATS) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    // Worker processes are counted by the bench from their own exit lines; this is the command's.
    process.stderr.write(`SHIEN_STATS ${JSON.stringify({ maxRssKiB: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })}\n`);
  });
}

async function main(): Promise<void> {
  endQuietlyOnClosedPipe();
  try {
    await program.parseAsync(process.argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here too, with exit code 0.
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (e instanceof Failure) {
      report(e.problems);
      exitWith(e.problems);
      return;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code) && (e as NodeJS.ErrnoException).path) {
      const { writeProblem } = await import('../pipeline/write.js');
      const problems = [writeProblem(e, (e as NodeJS.ErrnoException).path!)];
      report(problems);
      exitWith(problems);
      return;
    }
    const problems = [{ severity: 'error' as const, code: 'internal/error', message: `内部エラーです。--debug を付けて実行し、表示を開発者に伝えてください: ${(e as Error).message}`, trace: (e as Error).stack }];
    report(problems);
    exitWith(problems);
  }
}

await main();
