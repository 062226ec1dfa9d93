import { exitCodeOf, type Problem } from '../core/problem.js';
import { formatProblem, summarize } from '../core/print.js';

// What a command says, and how it ends: problems go through the one printer, and the exit code
// follows from them (core/problem.ts exitCodeOf).

export const out = (s: string) => process.stdout.write(s + '\n');
export const err = (s: string) => process.stderr.write(s + '\n');

/** Print problems (stderr). */
export function printProblems(problems: readonly Problem[]): void {
  for (const p of problems) err(formatProblem(p));
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
