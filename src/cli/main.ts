import { CommanderError } from 'commander';
import { EXIT, Failure, type Problem } from '../core/problem.js';
import { endQuietlyOnClosedPipe, exitWith, flushDiagnostics, printing, report, type DiagnosticsFormat } from './io.js';
import { createProgram, raisedBy } from './program.js';
import { usageProblem } from './usage.js';
import { statsWanted } from './environment.js';

// The command `shien`: arguments → pipeline → problems → exit code. A user's mistake is a message,
// never a stack trace; a fault of this tool says so and shows its trace only with --debug.

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
  const program = createProgram();
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
