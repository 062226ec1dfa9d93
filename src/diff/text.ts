import type { Segment } from './chars.js';
import { countChanges, type Change, type ChangeCounts, type Row } from './documents.js';
import { isWide } from '../text/chars.js';

// The changes as terminal text: the place, then − the old and + the new passage, with the changed
// stretches marked 〔thus〕 (not 【】, which the plans' own headings use), or underlined when the
// output is a terminal that can show it.

export interface TextOptions {
  /** How the two plans are named in the heading line, e.g. `HEAD~1:plans/r5` and `plans/r5`. */
  oldLabel: string;
  newLabel: string;
  /** ANSI underline and colour (a TTY) instead of 〔〕. */
  ansi?: boolean;
}

/** One compared document: its name for people and its rows. */
export interface ComparedText {
  name: string;
  rows: readonly Row[];
}

const ANSI = { underline: '\x1b[4m', noUnderline: '\x1b[24m', red: '\x1b[31m', green: '\x1b[32m', bold: '\x1b[1m', reset: '\x1b[0m' };

const only = (rows: readonly Row[]): Change[] => rows.filter((r): r is Change => r.kind !== 'omitted');

/** The changes of one document, one block per change. */
function changeLines(changes: readonly Change[], opts: TextOptions): string[] {
  const mark = (segs: readonly Segment[], all: boolean) =>
    segs
      .map((s) => {
        if (!s.changed || all) return s.text;
        return opts.ansi ? `${ANSI.underline}${s.text}${ANSI.noUnderline}` : `〔${s.text}〕`;
      })
      .join('');
  const line = (sign: '-' | '+', c: Change, segs: readonly Segment[], all: boolean) => {
    const text = `  ${sign} ${c.label ?? ''}${mark(segs, all)}`;
    return opts.ansi ? `${sign === '-' ? ANSI.red : ANSI.green}${text}${ANSI.reset}` : text;
  };
  const lines: string[] = [];
  for (const c of changes) {
    lines.push('');
    const place = c.place;
    // A new or removed passage is changed as a whole: it is labelled rather than marked throughout.
    if (c.kind === 'added') lines.push(`${place}（新設）`, line('+', c, c.after!, true));
    else if (c.kind === 'removed') lines.push(`${place}（削る）`, line('-', c, c.before!, true));
    else lines.push(...(place ? [place] : []), line('-', c, c.before!, false), line('+', c, c.after!, false));
  }
  return lines;
}

/** The changes of one document. */
export function formatChanges(rows: readonly Row[], opts: TextOptions): string {
  const changes = only(rows);
  if (!changes.length) return `変更はありません（${opts.oldLabel} と ${opts.newLabel} は同じ内容です）。`;
  return [`新旧対照表: ${opts.oldLabel} → ${opts.newLabel}（${changes.length}件の変更）`, ...changeLines(changes, opts)].join('\n');
}

/**
 * The changes of several documents. Documents with the same changes (an edit to the national plan
 * shows in all 67 handouts) are listed once, under all their names.
 */
export function formatComparison(documents: readonly ComparedText[], opts: TextOptions): string {
  const changed = documents.filter((d) => only(d.rows).length);
  if (!changed.length) return `変更はありません（${opts.oldLabel} と ${opts.newLabel} は同じ内容です）。`;
  const groups = new Map<string, { names: string[]; changes: Change[] }>();
  for (const d of changed) {
    const changes = only(d.rows);
    const key = JSON.stringify(changes);
    const g = groups.get(key);
    if (g) g.names.push(d.name);
    else groups.set(key, { names: [d.name], changes });
  }
  const total = changed.reduce((n, d) => n + only(d.rows).length, 0);
  const lines = [`新旧対照表: ${opts.oldLabel} → ${opts.newLabel}（${changed.length}文書、${total}件の変更）`];
  for (const g of groups.values()) {
    const names = g.names.length > 3 ? `${g.names.slice(0, 3).join('、')} ほか ${g.names.length - 3} 文書` : g.names.join('、');
    lines.push('', opts.ansi ? `${ANSI.bold}■ ${names}${ANSI.reset}` : `■ ${names}`, ...changeLines(g.changes, opts).slice(1));
  }
  return lines.join('\n');
}

/** 改正 2 件、新設 0 件、削除 1 件 */
export const countsText = (c: ChangeCounts) => `改正 ${c.modified} 件、新設 ${c.added} 件、削除 ${c.removed} 件`;

const cells = (s: string) => [...s].reduce((n, ch) => n + (isWide(ch) ? 2 : 1), 0);

/**
 * The changes in brief: one line per changed document with its counts, then the totals. The rows
 * themselves are in the files (and, with --verbose, formatComparison's text).
 */
export function formatSummary(documents: readonly ComparedText[], opts: TextOptions): string {
  const changed = documents.filter((d) => only(d.rows).length);
  if (!changed.length) return `変更はありません（${opts.oldLabel} と ${opts.newLabel} は同じ内容です）。`;
  const width = Math.max(...changed.map((d) => cells(d.name)));
  const total: ChangeCounts = { modified: 0, added: 0, removed: 0 };
  const lines = [`新旧対照表: ${opts.oldLabel} → ${opts.newLabel}`];
  for (const d of changed) {
    const c = countChanges(d.rows);
    for (const k of ['modified', 'added', 'removed'] as const) total[k] += c[k];
    lines.push(`  ${d.name}${' '.repeat(width - cells(d.name))}  ${countsText(c)}`);
  }
  lines.push(`${changed.length}文書に変更: ${countsText(total)}`);
  return lines.join('\n');
}
