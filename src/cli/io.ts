import { exitCodeOf, type Problem } from '../core/problem.js';
import { formatProblem, summarize } from '../core/print.js';

// What a command says, and how it ends: problems go through the one printer, and the exit code
// follows from them (core/problem.ts exitCodeOf).

export const out = (s: string) => process.stdout.write(s + '\n');
export const err = (s: string) => process.stderr.write(s + '\n');

/**
 * A reader that stops reading (`shien build | head -1`) is not an error: end quietly, with the
 * exit code the command had so far.
 */
export function endQuietlyOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(Number(process.exitCode ?? 0));
      throw e;
    });
  }
}

/** --debug: faults of this tool print their stack traces. */
export const printing = { debug: false };

/** More than this many problems are counted, not listed: 60,000 lint warnings would print 68 MB. */
export const MAX_LISTED = 200;

/** Print problems (stderr), errors first when there are too many to list. */
export function printProblems(problems: readonly Problem[]): void {
  const listed = problems.length > MAX_LISTED ? [...problems].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error')).slice(0, MAX_LISTED) : problems;
  for (const p of listed) err(formatProblem(p, undefined, printing));
  if (problems.length > listed.length) err(`…ほか ${problems.length - listed.length} 件は省略しました（初めの ${MAX_LISTED} 件を示しました）。`);
}

/** Print problems (stderr), with a count when there are any. */
export function report(problems: readonly Problem[]): void {
  printProblems(problems);
  if (problems.length) err(summarize(problems));
}

/** Set the command's exit code from its problems; a later, worse code is never lowered. */
export function exitWith(problems: readonly Problem[]): void {
  process.exitCode = Math.max(Number(process.exitCode ?? 0), exitCodeOf(problems));
}
