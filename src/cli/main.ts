import { Command, CommanderError } from 'commander';
import { EXIT, Failure } from '../core/problem.js';
import { buildCommand } from './build.js';
import { diffCommand } from './diff.js';
import { initJurisdictionCommand } from './init-jurisdiction.js';
import { err, exitWith, report } from './io.js';
import { lintCommand } from './lint.js';
import { previewCommand } from './preview.js';
import { schemaCommand } from './schema.js';
import { validateCommand } from './validate.js';
import { watchCommand } from './watch.js';

// The command `shien`: arguments → pipeline → problems → exit code. A user's mistake is a message,
// never a stack trace; a fault of this tool says so and shows its trace only with --debug.

let debug = false;

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

for (const command of [buildCommand(), watchCommand(), previewCommand(), validateCommand(), lintCommand(), diffCommand(), initJurisdictionCommand(), schemaCommand()]) {
  program.addCommand(command.exitOverride());
}

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
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    if (e instanceof Failure) {
      report(e.problems);
      exitWith(e.problems);
      return;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC' || code === 'EISDIR' || code === 'ENOTDIR' || code === 'EEXIST') {
      const problems = [{ severity: 'error' as const, code: 'env/write', message: `出力を書き込めません（${code}）: ${(e as NodeJS.ErrnoException).path ?? ''}` }];
      report(problems);
      exitWith(problems);
      return;
    }
    const problems = [{ severity: 'error' as const, code: 'internal/error', message: `内部エラーです。--debug を付けて実行し、表示を開発者に伝えてください: ${(e as Error).message}` }];
    report(problems);
    exitWith(problems);
    if (debug) err((e as Error).stack ?? '');
  }
}

await main();
