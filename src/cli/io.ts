import { exitCodeOf, type Problem } from '../core/problem.js';
import { relative } from 'node:path';
import { formatProblem, summarize, toDiagnostic, type Diagnostic } from '../core/print.js';

// What a command says, and how it ends: problems go through the one printer, and the exit code
// follows from them (core/problem.ts exitCodeOf).

/** How problems are shown: for people (stderr), or one JSON array on stdout for scripts and editors. */
export const DIAGNOSTICS_FORMATS = ['human', 'json'] as const;
export type DiagnosticsFormat = (typeof DIAGNOSTICS_FORMATS)[number];

/** The program-wide options that decide how everything below is printed (set once, in main.ts). */
export const printing: { debug: boolean; diagnostics: DiagnosticsFormat; quiet: boolean } = { debug: false, diagnostics: 'human', quiet: false };

/** A file as the user would type it: relative to the folder the command runs in. */
export const shownPath = (file: string) => relative(process.cwd(), file) || file;

/**
 * A line for people: on stdout, unless stdout carries the JSON diagnostics (then stderr, so that
 * stdout stays one JSON array); nothing under --quiet.
 */
export const out = (s: string) => {
  if (!printing.quiet) (printing.diagnostics === 'json' ? process.stderr : process.stdout).write(s + '\n');
};
/** A line for people on stderr (what a failure means for the outputs); nothing under --quiet. */
export const err = (s: string) => {
  if (!printing.quiet) process.stderr.write(s + '\n');
};

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

/** More than this many problems are counted, not listed: 60,000 lint warnings would print 68 MB. */
export const MAX_LISTED = 200;

/** Problems of this run for `--diagnostics json`, printed once when the command ends (flushDiagnostics). */
const collected: Diagnostic[] = [];

/** Print problems (stderr), errors first when there are too many to list; or keep them for the JSON array. */
export function printProblems(problems: readonly Problem[]): void {
  if (printing.diagnostics === 'json') {
    // A script reads every one; there is no screen to flood.
    collected.push(...problems.map((p) => toDiagnostic(p, process.cwd())));
    return;
  }
  const listed = problems.length > MAX_LISTED ? [...problems].sort((a, b) => Number(b.severity === 'error') - Number(a.severity === 'error')).slice(0, MAX_LISTED) : problems;
  for (const p of listed) process.stderr.write(formatProblem(p, process.cwd(), printing) + '\n');
  if (problems.length > listed.length) err(`…ほか ${problems.length - listed.length} 件は省略しました（初めの ${MAX_LISTED} 件を示しました）。`);
}

/** Print problems, with a count when there are any. */
export function report(problems: readonly Problem[]): void {
  printProblems(problems);
  if (problems.length && printing.diagnostics === 'human') err(summarize(problems));
}

/** What a command that reports a result (survey status) gives a script instead of the bare array. */
let result: object | undefined;

/**
 * A command's result for `--diagnostics json`: stdout is then one object, the result's fields and
 * `problems` (the array every other command prints alone).
 */
export function jsonResult(value: object): void {
  result = value;
}

/** `--diagnostics json`: the problems of the whole run as one array on one line of stdout (`[]` when there were none). */
export function flushDiagnostics(): void {
  if (printing.diagnostics !== 'json') return;
  const problems = collected.splice(0);
  process.stdout.write(JSON.stringify(result ? { ...result, problems } : problems) + '\n');
}

/**
 * watch: one build's problems as it ends. With --diagnostics json, one array per build on a line of
 * its own (`[]` once all is well again), so that an editor can replace what it shows.
 */
export function printEachBuild(problems: readonly Problem[]): void {
  if (printing.diagnostics === 'json') process.stdout.write(JSON.stringify(problems.map((p) => toDiagnostic(p, process.cwd()))) + '\n');
  else printProblems(problems);
}

/** Set the command's exit code from its problems; a later, worse code is never lowered. */
export function exitWith(problems: readonly Problem[]): void {
  process.exitCode = Math.max(Number(process.exitCode ?? 0), exitCodeOf(problems));
}
