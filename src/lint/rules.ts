import type { Problem } from '../core/problem.js';
import type { DigitStyle } from '../text/digits.js';
import { isJapanese, isKanaKanji } from '../text/chars.js';
import { graphemes } from '../text/kinsoku.js';


// The rules of `shien lint`: how Japanese text in the plan data is written. They only warn; the
// plan's wording is never rewritten (the published text is copied as it is, and a person decides).
//
// Each rule reads the text of the file as written, scalar by scalar (the string values of the YAML,
// never keys or comments), so that every warning points at file:line:column where a person types.

/** A string value of the YAML as it stands in the source: `text` is `source.slice(start, end)`. */
export interface Scalar {
  start: number;
  end: number;
  text: string;
  /** The parser folds the line breaks of these into spaces (plain, quoted and `>` scalars). */
  folds: boolean;
}

/** What a rule reports, before it is placed in the file. `at`/`end` are offsets in the file. */
export interface Finding {
  code: string;
  at: number;
  end: number;
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
}

export interface LintOptions {
  /** The digit style a file is held to when its own digits leave it undecided. */
  digits?: DigitStyle;
}

const cp = (c: string) => c.codePointAt(0) ?? 0;
const hex = (c: string) => `U+${cp(c).toString(16).toUpperCase().padStart(4, '0')}`;

const hasKanaKanji = (s: string) => [...s].some(isKanaKanji);

/** The lines of a scalar with their offsets in the file. */
function lines(s: Scalar): { text: string; at: number }[] {
  const out: { text: string; at: number }[] = [];
  let at = s.start;
  for (const text of s.text.split('\n')) {
    out.push({ text, at });
    at += text.length + 1;
  }
  return out;
}

/** Parts of a line that are not prose: URLs and mail addresses. */
function nonProse(line: string): [number, number][] {
  return [...line.matchAll(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s、。「」（）]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g)].map((m) => [m.index!, m.index! + m[0].length]);
}
const inside = (spans: [number, number][], i: number) => spans.some(([a, b]) => i >= a && i < b);

// ── lint/ascii-space ─────────────────────────────────────────────────────────────────────────────

/**
 * An ASCII space between two Japanese characters: Word widens it and breaks lines at it, and the
 * official text has none. A line break inside a plain or quoted YAML value is read as such a space.
 */
export function asciiSpace(scalars: readonly Scalar[]): Finding[] {
  const out: Finding[] = [];
  for (const s of scalars) {
    const ls = lines(s);
    for (const { text, at } of ls) {
      for (const m of text.matchAll(/ +/g)) {
        const before = [...text.slice(0, m.index)].pop();
        const after = [...text.slice(m.index! + m[0].length)][0];
        if (before && after && isJapanese(before) && isJapanese(after)) {
          out.push({
            code: 'lint/ascii-space', at: at + m.index!, end: at + m.index! + m[0].length,
            message: `日本語の文字の間に半角スペースがあります（「${before}${m[0]}${after}」）。`,
            hint: '公表版の文言に空白がなければ削除してください。字間はテンプレートと書体が決めます。',
          });
        }
      }
    }
    if (!s.folds) continue;
    for (let i = 0; i + 1 < ls.length; i++) {
      const here = ls[i].text.trimEnd();
      const next = ls[i + 1].text.trimStart();
      const last = [...here].pop();
      const first = [...next][0];
      if (last && first && last !== '\\' && isJapanese(last) && isJapanese(first)) {
        out.push({
          code: 'lint/ascii-space', at: ls[i].at + here.length, end: ls[i].at + here.length,
          message: `値の途中の改行は半角スペースとして読まれ、「${last} ${first}」になります。`,
          hint: '一文は一行に書いてください（改行を保つなら | を使います）。',
        });
      }
    }
  }
  return out;
}

// ── lint/mixed-digits ────────────────────────────────────────────────────────────────────────────

interface NumberRun {
  at: number;
  end: number;
  text: string;
  width: 'half' | 'full' | 'both';
  digits: number;
}

const STYLE_NAMES: Record<DigitStyle, string> = {
  'single-fullwidth': '１桁は全角、２桁以上は半角（令和５年度、令和10年度）',
  fullwidth: 'すべて全角（令和１０年度）',
  halfwidth: 'すべて半角（令和10年度）',
};

function fits(style: DigitStyle, r: NumberRun): boolean {
  if (r.width === 'both') return false;
  if (style === 'fullwidth') return r.width === 'full';
  if (style === 'halfwidth') return r.width === 'half';
  return r.width === (r.digits === 1 ? 'full' : 'half');
}

function numberRuns(scalars: readonly Scalar[]): NumberRun[] {
  const out: NumberRun[] = [];
  for (const s of scalars) {
    if (!hasKanaKanji(s.text)) continue; // codes, dates, phone numbers and URLs are not prose
    for (const { text, at } of lines(s)) {
      const skip = nonProse(text);
      for (const m of text.matchAll(/[0-9０-９]+(?:[,.，．][0-9０-９]+)*/g)) {
        const i = m.index!;
        const before = text[i - 1];
        const after = text[i + m[0].length];
        // Part of a Latin word or code (R5, IT2023, COVID-19 is kept: the hyphen separates).
        if (inside(skip, i) || /[A-Za-z_]/.test(before ?? '') || /[A-Za-z_]/.test(after ?? '')) continue;
        const half = /[0-9]/.test(m[0]);
        const full = /[０-９]/.test(m[0]);
        out.push({
          at: at + i, end: at + i + m[0].length, text: m[0],
          width: half && full ? 'both' : full ? 'full' : 'half',
          digits: m[0].replace(/[^0-9０-９]/g, '').length,
        });
      }
    }
  }
  return out;
}

/**
 * Digits of both widths in one file. A file may follow any of the three styles (the official
 * summary writes one digit full-width and longer numbers half-width: 令和５年度, 令和10年度); the
 * style most of its numbers follow is the file's, and the numbers that break it are reported.
 */
export function mixedDigits(scalars: readonly Scalar[], options: LintOptions = {}): Finding[] {
  const runs = numberRuns(scalars);
  const out: Finding[] = [];
  for (const r of runs.filter((r) => r.width === 'both')) {
    out.push({
      code: 'lint/mixed-digits', at: r.at, end: r.end,
      message: `一つの数の中に全角と半角の数字が混ざっています（「${r.text}」）。`,
      hint: '数字の幅をそろえてください。',
    });
  }
  const preferred = options.digits ?? 'single-fullwidth';
  const styles: DigitStyle[] = [preferred, ...(['single-fullwidth', 'fullwidth', 'halfwidth'] as const).filter((s) => s !== preferred)];
  const plain = runs.filter((r) => r.width !== 'both');
  let best = styles[0];
  let bestScore = -1;
  for (const style of styles) {
    const score = plain.filter((r) => fits(style, r)).length;
    if (score > bestScore) [best, bestScore] = [style, score];
  }
  if (bestScore === plain.length) return out;
  const widthName = (r: NumberRun) => (r.width === 'full' ? '全角' : '半角');
  for (const r of plain.filter((r) => !fits(best, r))) {
    const want = r.width === 'full' ? '半角' : '全角';
    out.push({
      code: 'lint/mixed-digits', at: r.at, end: r.end,
      message: `数字の全角・半角が混在しています。このファイルの数字の多くは「${STYLE_NAMES[best]}」ですが、ここは${widthName(r)}です（「${r.text}」）。`,
      expected: `${want}の数字`,
      found: `${widthName(r)}の数字「${r.text}」`,
      hint: '公表版がこう書いているなら、そのままで構いません（警告だけです）。',
    });
  }
  return out;
}

// ── lint/wave-dash, lint/dash ────────────────────────────────────────────────────────────────────

/**
 * Look-alike characters that one file should not mix: each pair is the same character of JIS X 0208
 * as Windows and as other systems map it to Unicode, so a file pieced together from both has two
 * characters that look the same but do not match in a search.
 */
const LOOK_ALIKES: { code: string; chars: [string, string]; names: [string, string] }[] = [
  { code: 'lint/wave-dash', chars: ['〜', '～'], names: ['波ダッシュ', '全角チルダ'] },
  { code: 'lint/dash', chars: ['―', '—'], names: ['水平線（ダッシュ）', 'エムダッシュ'] },
  { code: 'lint/dash', chars: ['－', '−'], names: ['全角ハイフンマイナス', 'マイナス記号'] },
];

function occurrences(scalars: readonly Scalar[], c: string): number[] {
  const out: number[] = [];
  for (const s of scalars) for (let i = s.text.indexOf(c); i >= 0; i = s.text.indexOf(c, i + 1)) out.push(s.start + i);
  return out;
}

export function dashes(scalars: readonly Scalar[]): Finding[] {
  const out: Finding[] = [];
  for (const { code, chars: [a, b], names } of LOOK_ALIKES) {
    const at = [occurrences(scalars, a), occurrences(scalars, b)];
    if (!at[0].length || !at[1].length) continue;
    // The one used more stays; on a tie, the one used first.
    const keep = at[0].length > at[1].length || (at[0].length === at[1].length && at[0][0] < at[1][0]) ? 0 : 1;
    const odd = 1 - keep;
    const [kc, oc] = [[a, b][keep], [a, b][odd]];
    // A run of the odd character (——) is one finding.
    const runs: [number, number][] = [];
    for (const i of at[odd]) {
      const last = runs[runs.length - 1];
      if (last && last[1] === i) last[1] = i + oc.length;
      else runs.push([i, i + oc.length]);
    }
    for (const [i, end] of runs) {
      out.push({
        code, at: i, end,
        message: `見た目の似た別の文字が混在しています: ${names[odd]}「${oc}」（${hex(oc)}）と${names[keep]}「${kc}」（${hex(kc)}）。`,
        expected: `「${kc}」（${hex(kc)}、このファイルで多い方）`,
        found: `「${oc}」（${hex(oc)}）`,
        hint: '検索や置換で食い違うので、どちらかにそろえてください。',
      });
    }
  }
  for (const s of scalars) {
    const chars = [...s.text];
    let i = 0;
    for (let k = 0; k < chars.length; i += chars[k].length, k++) {
      const c = chars[k];
      const prev = chars[k - 1];
      const at = s.start + i;
      if (c === '~' && (isJapanese(prev ?? '') || isJapanese(chars[k + 1] ?? '') || /[0-9]/.test(prev ?? ''))) {
        out.push({
          code: 'lint/wave-dash', at, end: at + 1,
          message: '日本語の文中に半角のチルダ「~」があります。範囲を示すなら「～」（または「〜」）です。',
          expected: '「～」（U+FF5E）または「〜」（U+301C）', found: '「~」（U+007E）',
        });
      } else if (c === 'ー' && prev !== undefined && prev !== 'ー' && !isKana(prev)) {
        out.push({
          code: 'lint/dash', at, end: at + 1,
          message: `長音記号「ー」（U+30FC）がかなの後にありません（「${prev}ー」）。ダッシュ「―」や全角ハイフンマイナス「－」の誤りではありませんか。`,
          found: '「ー」（U+30FC）',
        });
      } else if ((c === '－' && chars[k + 1] === '－' && prev !== '－') || ((c === '─' || c === '━') && prev !== c)) {
        out.push({
          code: 'lint/dash', at, end: at + c.length * (c === '－' ? 2 : 1),
          message: `「${c}」（${hex(c)}）がダッシュとして使われているようです。二倍ダッシュは「――」（U+2015）で書きます。`,
          expected: '「――」', found: `「${c}」（${hex(c)}）`,
        });
      }
    }
  }
  return out;
}

const isKana = (c: string) => {
  const n = cp(c);
  return (n >= 0x3041 && n <= 0x309f) || (n >= 0x30a1 && n <= 0x30fa) || (n >= 0x31f0 && n <= 0x31ff) || (n >= 0xff66 && n <= 0xff9d);
};

// ── lint/nfd ────────────────────────────────────────────────────────────────────────────────────

/**
 * Text in NFD (か + ゛ as two characters, as some Mac tools save it) looks the same but is not found
 * when the PDF is searched for が. `shien` reads it as NFC; the file should say so too.
 */
export function nfd(scalars: readonly Scalar[]): Finding[] {
  const out: Finding[] = [];
  for (const s of scalars) {
    if (s.text === s.text.normalize('NFC')) continue;
    // The first character that composes differently is where the person looks.
    let i = 0;
    for (const g of graphemes(s.text)) {
      if (g !== g.normalize('NFC')) break;
      i += g.length;
    }
    out.push({
      code: 'lint/nfd', at: s.start + i, end: s.start + i + 2,
      message: '文字が分解された形（NFD、濁点・半濁点が別の字）で書かれています。PDF で検索できなくなるため、読み込むときには合成した形（NFC）に直しています。',
      hint: 'NFC で保存し直してください（VS Code なら「Unicode: 正規化」の拡張、またはコピーし直し）。',
    });
  }
  return out;
}

/** Every rule over the string values of one file. */
export function lintScalars(scalars: readonly Scalar[], options: LintOptions = {}): Finding[] {
  return [...asciiSpace(scalars), ...mixedDigits(scalars, options), ...dashes(scalars), ...nfd(scalars)].sort((x, y) => x.at - y.at || x.code.localeCompare(y.code));
}

/** A Finding as a Problem, placed by the caller's position function. */
export function toProblem(f: Finding, file: string, source: string, place: (offset: number) => { line: number; col: number }): Problem {
  const start = place(f.at);
  const end = place(f.end);
  return {
    severity: 'warning', code: f.code, message: f.message, file, source,
    place: { line: start.line, column: start.col, endLine: end.line, endColumn: end.col },
    ...(f.expected ? { expected: f.expected } : {}),
    ...(f.found ? { found: f.found } : {}),
    ...(f.hint ? { hint: f.hint } : {}),
  };
}
