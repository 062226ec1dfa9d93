import { relative } from 'node:path';
import type { Problem } from './problem.js';
import { isWide } from '../text/chars.js';

const LABEL: Record<Problem['severity'], string> = { error: 'error', warning: 'warning' };

/** The name a problem of no file is said under, as compilers name themselves (`gcc: error: …`). */
const PROGRAM = 'shien';

/**
 * One problem as the user reads it, in the form compilers print and editors and CI read:
 *   plans/r5/plan.yaml:12:3: error: 未定義の項目「fiscalYaer」です。… [plan/unknown-key]
 *      12 | fiscalYaer: 2023
 *         | ^^^^^^^^^^
 *     項目: fiscalYaer ／ 期待: … ／ 実際: …
 * The first line is `file:line:column: severity: message [code]`, as GCC and clang print it: VS Code's
 * $gcc problem matcher, GitHub's annotations and Emacs's compilation mode take file, place, severity
 * and message from it, which is why `error`/`warning` stay English. The lines after it are for people.
 * A problem of a file but no place is `file: error: …`; one of no file is `shien: error: …`, as GCC
 * says its own: a matcher that wants a line number passes over it rather than pointing at a wrong file.
 * A workbook has no lines: its sheet and cell stand in their place (`13-tokyo.xlsx 「事業」 C7: error: …`).
 */
export function formatProblem(p: Problem, cwd: string, opts: { debug?: boolean } = {}): string {
  const v = problemView(p, cwd);
  const lines = [`${visible(v.where || PROGRAM)}: ${LABEL[p.severity]}: ${visible(p.message)} [${p.code}]`];
  if (v.excerpt) lines.push(v.excerpt);
  if (v.facts) lines.push(`  ${visible(v.facts)}`);
  if (v.hint) lines.push(`  ヒント: ${visible(v.hint)}`);
  if (opts.debug && p.trace) lines.push(p.trace);
  return lines.join('\n');
}

/** The parts of a printed problem, for a printer that is not a terminal (the preview page). */
export interface ProblemView {
  severity: Problem['severity'];
  code: string;
  message: string;
  /** `plans/r5/plan.yaml:12:3`, a workbook's `13-tokyo.xlsx 「事業」 C7`, the file alone, or empty. */
  where: string;
  /** The source line and a caret line under the place, as the terminal shows them. */
  excerpt?: string;
  /** 文書・項目・期待・実際, joined. */
  facts?: string;
  hint?: string;
}

export function problemView(p: Problem, cwd: string): ProblemView {
  const at = p.place ? `:${p.place.line}:${p.place.column}`
    : p.cell ? ` 「${p.cell.sheet}」${p.cell.cell ? ` ${p.cell.cell}` : ''}` : '';
  const excerpt = p.source !== undefined && p.place ? sourceExcerpt(p.source, p.place) : undefined;
  const facts = factsOf(p);
  return {
    severity: p.severity,
    code: p.code,
    message: p.message,
    where: p.file ? `${shownPath(p.file, cwd)}${at}` : '',
    ...(excerpt ? { excerpt } : {}),
    ...(facts.length ? { facts: facts.join(' ／ ') } : {}),
    ...(p.hint ? { hint: p.hint } : {}),
  };
}

/** A file as the printer names it: relative to the current folder when it is inside it. */
const shownPath = (file: string, cwd: string) => relative(cwd, file) || file;

/** What the printer says below the first line: the document, the field, what was expected and found. */
function factsOf(p: Problem): string[] {
  const facts: string[] = [];
  if (p.document) facts.push(`文書: ${p.document}`);
  if (p.path) facts.push(`項目: ${p.path}`);
  if (p.expected) facts.push(`期待: ${p.expected}`);
  if (p.found) facts.push(`実際: ${p.found}`);
  return facts;
}

/** One problem of `--diagnostics json`: what the first line says, in fields, and the rest as hints. */
export interface Diagnostic {
  file: string | null;
  line: number | null;
  column: number | null;
  endLine: number | null;
  endColumn: number | null;
  severity: Problem['severity'];
  code: string;
  message: string;
  hints: string[];
  /** A workbook's sheet and cell, where a workbook has no lines. */
  sheet?: string;
  cell?: string;
}

export function toDiagnostic(p: Problem, cwd: string): Diagnostic {
  return {
    file: p.file ? shownPath(p.file, cwd) : null,
    line: p.place?.line ?? null,
    column: p.place?.column ?? null,
    endLine: p.place?.endLine ?? null,
    endColumn: p.place?.endColumn ?? null,
    severity: p.severity,
    code: p.code,
    message: p.message,
    hints: [...factsOf(p), ...(p.hint ? [p.hint] : [])],
    ...(p.cell ? { sheet: p.cell.sheet, ...(p.cell.cell ? { cell: p.cell.cell } : {}) } : {}),
  };
}

/**
 * Control characters as `\x1b`: a raw ESC from a file would be a command to the terminal (colours,
 * a cleared screen, a changed title), not something the reader sees. Tabs stay.
 */
export const visible = (s: string) =>
  s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);

function sourceExcerpt(source: string, at: NonNullable<Problem['place']>): string | undefined {
  const raw = source.split(/\r?\n/)[at.line - 1];
  if (raw === undefined) return undefined;
  // Columns move by what the control characters before them became.
  const text = visible(raw);
  const shift = (column: number) => visible(raw.slice(0, column - 1)).length + 1;
  const place = { ...at, column: shift(at.column), ...(at.endLine === at.line && at.endColumn ? { endColumn: shift(at.endColumn) } : {}) };
  const shown = text.length > 200 ? text.slice(0, 200) + '…' : text;
  const gutter = String(place.line).padStart(5);
  const span =
    place.endLine === place.line && place.endColumn && place.endColumn > place.column
      ? Math.min(place.endColumn - place.column, Math.max(1, shown.length - place.column + 1))
      : 1;
  // Full-width characters take two cells in a terminal: pad the caret line to match.
  const pad = [...shown.slice(0, place.column - 1)].map((c) => (isWide(c) ? '  ' : ' ')).join('');
  const carets = [...shown.slice(place.column - 1, place.column - 1 + span)]
    .map((c) => (isWide(c) ? '^^' : '^'))
    .join('') || '^';
  return `${gutter} | ${shown.replace(/\t/g, ' ')}\n${' '.repeat(5)} | ${pad}${carets}`;
}

export function summarize(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  return `エラー ${errors} 件、警告 ${warnings} 件`;
}
