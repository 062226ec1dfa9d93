import { relative } from 'node:path';
import type { Problem } from './problem.js';
import { isWide } from '../text/chars.js';

const LABEL: Record<Problem['severity'], string> = { error: 'error', warning: 'warning' };

/**
 * One problem as the user reads it:
 *   plans/r5/plan.yaml:12:3 error[plan/unknown-key] 未定義の項目「fiscalYaer」です。…
 *      12 | fiscalYaer: 2023
 *         | ^^^^^^^^^^
 *   項目: fiscalYaer ／ 期待: … ／ 実際: …
 * A workbook has no lines: its sheet and cell stand in their place,
 *   13-tokyo.xlsx 「事業」 C7 error[survey/unknown-category] 区分「…」は…
 */
export function formatProblem(p: Problem, cwd = process.cwd(), opts: { debug?: boolean } = {}): string {
  const v = problemView(p, cwd);
  const lines = [`${v.where ? `${v.where} ` : ''}${LABEL[p.severity]}[${p.code}] ${p.message}`];
  if (v.excerpt) lines.push(v.excerpt);
  if (v.facts) lines.push(`  ${v.facts}`);
  if (v.hint) lines.push(`  ヒント: ${v.hint}`);
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

export function problemView(p: Problem, cwd = process.cwd()): ProblemView {
  const at = p.place ? `:${p.place.line}:${p.place.column}`
    : p.cell ? ` 「${p.cell.sheet}」${p.cell.cell ? ` ${p.cell.cell}` : ''}` : '';
  const where = p.file ? `${relative(cwd, p.file) || p.file}${at}` : '';
  const excerpt = p.source !== undefined && p.place ? sourceExcerpt(p.source, p.place) : undefined;
  const facts: string[] = [];
  if (p.document) facts.push(`文書: ${p.document}`);
  if (p.path) facts.push(`項目: ${p.path}`);
  if (p.expected) facts.push(`期待: ${p.expected}`);
  if (p.found) facts.push(`実際: ${p.found}`);
  return {
    severity: p.severity,
    code: p.code,
    message: p.message,
    where,
    ...(excerpt ? { excerpt } : {}),
    ...(facts.length ? { facts: facts.join(' ／ ') } : {}),
    ...(p.hint ? { hint: p.hint } : {}),
  };
}

function sourceExcerpt(source: string, place: NonNullable<Problem['place']>): string | undefined {
  const text = source.split(/\r?\n/)[place.line - 1];
  if (text === undefined) return undefined;
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
