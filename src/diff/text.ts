import type { Change } from './compare.js';
import type { Segment } from './chars.js';

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

const ANSI = { underline: '\x1b[4m', noUnderline: '\x1b[24m', red: '\x1b[31m', green: '\x1b[32m', reset: '\x1b[0m' };

export function formatChanges(changes: readonly Change[], opts: TextOptions): string {
  if (!changes.length) return `変更はありません（${opts.oldLabel} と ${opts.newLabel} は同じ内容です）。`;
  const mark = (segs: readonly Segment[], all: boolean) =>
    segs
      .map((s) => {
        if (!s.changed || all) return s.text;
        return opts.ansi ? `${ANSI.underline}${s.text}${ANSI.noUnderline}` : `〔${s.text}〕`;
      })
      .join('');
  const line = (sign: '-' | '+', segs: readonly Segment[], all: boolean) => {
    const text = `  ${sign} ${mark(segs, all)}`;
    return opts.ansi ? `${sign === '-' ? ANSI.red : ANSI.green}${text}${ANSI.reset}` : text;
  };
  const lines = [`新旧対照表: ${opts.oldLabel} → ${opts.newLabel}（${changes.length}件の変更）`];
  for (const c of changes) {
    lines.push('');
    // A new or removed passage is changed as a whole: it is labelled rather than marked throughout.
    if (c.kind === 'added') lines.push(`${c.place}（新設）`, line('+', c.after!, true));
    else if (c.kind === 'removed') lines.push(`${c.place}（削除）`, line('-', c.before!, true));
    else lines.push(c.place, line('-', c.before!, false), line('+', c.after!, false));
  }
  return lines.join('\n');
}
