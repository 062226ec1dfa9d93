// A problem is a value, collected during a run and printed once by the printer (after unified's
// vfile-message): only the caller decides whether it stops the run, and the exit code follows from
// the problems' codes alone (exitCodeOf), never from where they were found.

export type Severity = 'error' | 'warning';

export interface Place {
  line: number; // 1-based
  column: number; // 1-based
  endLine?: number;
  endColumn?: number;
}

/** Where in a workbook (a returned survey): the sheet, and the cell when the problem is in one. */
export interface CellPlace {
  sheet: string;
  /** A1-style reference, e.g. `C7`. */
  cell?: string;
}

export interface Problem {
  severity: Severity;
  /** Stable English identifier, `category/name` (e.g. `plan/unknown-key`). Scripts and tests match on it. */
  code: string;
  /** What is wrong, in Japanese, for the person who edits the file. */
  message: string;
  file?: string;
  place?: Place;
  /** For a workbook, the sheet and cell: a spreadsheet has no lines to point at. */
  cell?: CellPlace;
  /** Field path in the data, e.g. `implementers[0].bullets[2]`. */
  path?: string;
  expected?: string;
  found?: string;
  /** The text of the file, so the printer can show the offending line. */
  source?: string;
  hint?: string;
  /** For an unknown key or name: what was probably meant. */
  suggestion?: string;
  /** The document it was found in, when it is about one (not part of what makes two problems one). */
  document?: string;
  /** For a fault of this tool: the stack trace, printed only with --debug. */
  trace?: string;
}

/** Thrown to unwind a run whose problems were already collected; never shown as a stack trace. */
export class Failure extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.code}: ${p.message}`).join('\n'));
    this.name = 'Failure';
  }
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Whose mistake a problem is: the person who typed the command or set up the machine, or the data. */
export type Category = 'usage' | 'env' | 'data' | 'template' | 'layout' | 'internal';

/** Codes whose prefix names the file they were found in rather than whose mistake they are. */
const CATEGORY_OF_CODE: Readonly<Record<string, Category>> = {
  // A font file that is missing or broken is the installation's fault, not the plan's.
  'font/missing-file': 'env',
  'font/unreadable': 'env',
  'font/unknown-family': 'env',
  // The folder named on the command line is not there: the command was typed wrong.
  'plan/no-directory': 'usage',
};

const CATEGORY_OF_PREFIX: Readonly<Record<string, Category>> = {
  usage: 'usage',
  env: 'env',
  template: 'template',
  layout: 'layout',
  internal: 'internal',
};

export function categoryOf(code: string): Category {
  return CATEGORY_OF_CODE[code] ?? CATEGORY_OF_PREFIX[code.split('/')[0]] ?? 'data';
}

export const EXIT = { ok: 0, data: 1, usage: 2, internal: 70 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/**
 * The one rule for exit codes: 2 when the command or the machine is at fault (usage, environment),
 * 1 when the data, templates or layout are, 0 when nothing is wrong (warnings allowed), 70 for a
 * fault of this tool.
 */
export function exitCodeOf(problems: readonly Problem[]): ExitCode {
  const categories = new Set(problems.filter((p) => p.severity === 'error').map((p) => categoryOf(p.code)));
  if (categories.has('internal')) return EXIT.internal;
  if (categories.has('usage') || categories.has('env')) return EXIT.usage;
  return categories.size ? EXIT.data : EXIT.ok;
}

/** Two problems with the same key are one problem found twice. */
export const problemKey = (p: Problem) => [p.severity, p.code, p.file, p.place?.line, p.place?.column, p.cell?.sheet, p.cell?.cell, p.path, p.message].join('\0');

/** The same problem found by several documents (a template shared by 67 handouts) is said once. */
export function uniqueProblems(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = problemKey(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
