// A problem is a value, collected during a run and printed once by the reporter
// (after unified's vfile-message): only the caller decides whether it stops the run.

export type Severity = 'error' | 'warning';

export interface Place {
  line: number; // 1-based
  column: number; // 1-based
  endLine?: number;
  endColumn?: number;
}

export interface Problem {
  severity: Severity;
  /** Stable English identifier, e.g. `plan/unknown-key`. Scripts and tests match on it. */
  code: string;
  /** What is wrong, in Japanese, for the person who edits the file. */
  message: string;
  file?: string;
  place?: Place;
  /** Field path in the data, e.g. `implementers[0].bullets[2]`. */
  path?: string;
  expected?: string;
  found?: string;
  /** The text of the file, so the printer can show the offending line. */
  source?: string;
  hint?: string;
  /** For an unknown key: the path of the key that was probably meant. */
  suggestion?: string;
}

/** Thrown to unwind a run whose problems were already collected; never shown as a stack trace. */
export class Failure extends Error {
  constructor(
    readonly problems: Problem[],
    /** 1: the data or templates are wrong; 2: usage or environment. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(problems.map((p) => `${p.code}: ${p.message}`).join('\n'));
    this.name = 'Failure';
  }
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
