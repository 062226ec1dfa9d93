// 禁則処理: the one place where the rules of Japanese line breaking live (after JIS X 4051,
// 「日本語組版処理の要件」 JLReq §3.1.7–3.1.10). Renderers ask `breakAllowed` whether a line may end
// at a point; they never keep lists of their own. UAX #14 (the `linebreak` package pdfmake uses)
// already keeps most of these, but not all: full-width digits are "ideographic" to it, so it
// breaks １２ into １|２, and it lets ～ (U+FF5E) start a line. These lists close such gaps.

const set = (...groups: string[]): ReadonlySet<string> => new Set(groups.flatMap((g) => [...g]));

/** Characters that must not start a line (行頭禁則). */
export const NO_LINE_START: ReadonlySet<string> = set(
  // cl-02 終わり括弧 (closing brackets and quotes), full-width, half-width and ASCII
  '）〕］｝〉》」』】〙〗〟｠’”»›)]}｣',
  // cl-03 ハイフン類 (hyphens and wave dashes: a range 4月～6月 must not leave ～ at a line's start)
  '‐–〜゠～',
  // cl-04 区切り約物 (exclamation and question marks)
  '！？‼⁇⁈⁉!?',
  // cl-05 中点類 (middle dots, colons, semicolons)
  '・：；:;･',
  // cl-06 句点類, cl-07 読点類 (full stops and commas)
  '。．、，.,｡､',
  // cl-09 繰返し記号 (iteration marks)
  'ヽヾゝゞ々〻',
  // cl-10 長音記号 (prolonged sound marks), full- and half-width
  'ーｰ',
  // cl-11 小書きの仮名 (small kana), hiragana, katakana, katakana extensions, half-width
  'ぁぃぅぇぉっゃゅょゎゕゖ',
  'ァィゥェォッャュョヮヵヶ',
  'ㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ',
  'ｧｨｩｪｫｬｭｮｯ',
  // (semi-)voiced sound marks written as separate characters
  '゛゜ﾞﾟ',
  // cl-20 後置省略記号 (postfix units after a number: 12.5%, 30℃)
  '％‰℃°′″¢￠%',
);

/**
 * Full stops and commas that may hang past the end of a line (ぶら下げ, JLReq 3.8.2) when they would
 * not fit inside it: what Word does by default in Japanese documents, and LibreOffice too.
 */
export const HANGING: ReadonlySet<string> = set('、。，．');

/** Characters that must not end a line (行末禁則). */
export const NO_LINE_END: ReadonlySet<string> = set(
  // cl-01 始め括弧 (opening brackets and quotes)
  '（〔［｛〈《「『【〘〖〝｟‘“«‹([{｢',
  // cl-19 前置省略記号 (prefix signs before a number: ￥1,000, ＄5)
  '￥＄￡＃№¥$£#',
);

/**
 * 分離禁止文字 (cl-08): a run of these is one unit, never broken inside (…… and ——).
 * A run of one character counts; so do the two dashes mixed (—― is a typing slip for ——) and
 * 〳〵 / 〴〵, the two halves of the vertical repeat mark.
 */
export const INSEPARABLE: ReadonlySet<string> = set('…‥—―〳〴〵');

function inseparable(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined || !INSEPARABLE.has(a) || !INSEPARABLE.has(b)) return false;
  if (a === b) return true;
  if ('—―'.includes(a) && '—―'.includes(b)) return true;
  return '〳〴'.includes(a) && b === '〵';
}

const DIGIT = /^[0-9０-９]$/;
/** Separators inside a number (1,000 / 12.5 / １，０００ / １２．５). */
const NUMBER_SEPARATOR: ReadonlySet<string> = set(',.，．');

/** Marks that belong to the character before them (variation selectors, combining marks, ZWJ). */
function attaches(c: string): boolean {
  const cp = c.codePointAt(0)!;
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x3099 && cp <= 0x309a) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    cp === 0x200d ||
    cp === 0x20e3
  );
}

const isDigit = (c: string | undefined) => c !== undefined && DIGIT.test(c);
/** Spaces the layout trims at a line's end or start (JavaScript's \s, as pdfmake's); not a newline. */
const isSpace = (c: string | undefined) => c !== undefined && c !== '\n' && /^\s$/u.test(c);

/** The code point that ends just before `i`, and where it starts. */
function prevChar(text: string, i: number): [string, number] | undefined {
  if (i <= 0) return undefined;
  const lo = text.charCodeAt(i - 1);
  const hi = i >= 2 ? text.charCodeAt(i - 2) : 0;
  const start = lo >= 0xdc00 && lo <= 0xdfff && hi >= 0xd800 && hi <= 0xdbff ? i - 2 : i - 1;
  return [text.slice(start, i), start];
}

/** The code point that starts at `i`, and where the next one starts. */
function nextChar(text: string, i: number): [string, number] | undefined {
  if (i >= text.length) return undefined;
  const c = String.fromCodePoint(text.codePointAt(i)!);
  return [c, i + c.length];
}

/** Why a line may not break at a point, or undefined when it may. */
export type BreakRule = 'no-line-start' | 'no-line-end' | 'inseparable' | 'number' | 'combining';

/**
 * Whether `text` may break into two lines at `at` (a UTF-16 offset: the first line is
 * `text.slice(0, at)`). Spaces at the break are trimmed by the layout and so do not hide a rule:
 * 「（ 」 still ends the line with （.
 */
export function breakRule(text: string, at: number): BreakRule | undefined {
  if (at <= 0 || at >= text.length) return undefined;
  const [a, ia] = prevChar(text, at)!;
  const a2 = prevChar(text, ia)?.[0];
  const [b, ib] = nextChar(text, at)!;
  const b2 = nextChar(text, ib)?.[0];
  if (a === '\n' || b === '\n') return undefined; // a hard line break is always a break
  if (attaches(b)) return 'combining';
  // Spaces at a break are trimmed by the layout: look past them.
  let lastShown: string | undefined = a;
  for (let i = ia; lastShown !== undefined && isSpace(lastShown); ) [lastShown, i] = prevChar(text, i) ?? [undefined, 0];
  let firstShown: string | undefined = b;
  for (let i = ib; firstShown !== undefined && isSpace(firstShown); ) [firstShown, i] = nextChar(text, i) ?? [undefined, 0];
  if (lastShown === '\n' || firstShown === '\n') return undefined;
  if (firstShown !== undefined && NO_LINE_START.has(firstShown)) return 'no-line-start';
  if (lastShown !== undefined && NO_LINE_END.has(lastShown)) return 'no-line-end';
  if (inseparable(a, b)) return 'inseparable';
  if (isDigit(a) && isDigit(b)) return 'number';
  if (isDigit(a) && NUMBER_SEPARATOR.has(b) && isDigit(b2)) return 'number';
  if (NUMBER_SEPARATOR.has(a) && isDigit(a2) && isDigit(b)) return 'number';
  return undefined;
}

export function breakAllowed(text: string, at: number): boolean {
  return breakRule(text, at) === undefined;
}

/**
 * The rule a line break between two laid-out lines breaks, if any: for checking output
 * (the lines as a PDF reader extracts them).
 */
export function lineBreakRule(line: string, next: string): BreakRule | undefined {
  return breakRule(line + next, line.length);
}

/**
 * A run longer than this with no break opportunity at all (an ID, a long number, a URL without
 * slashes) may break between any two characters, as CSS `overflow-wrap: anywhere` lets it: it
 * could not fit a column's line anyway, and an unbreakable run would widen its box past the page.
 * Runs of ordinary text (numbers with commas, phone numbers, addresses, short URLs) are shorter.
 */
export const LONG_RUN = 30;

const GRAPHEMES = new Intl.Segmenter('ja', { granularity: 'grapheme' });

/**
 * What can join a code unit to its neighbour in one character: marks (combining, variation
 * selectors), joiners, surrogates (characters beyond the BMP and their selectors), Hangul jamo and
 * CR LF. Text without any of them (nearly all of a plan) is one character per code unit, and the
 * segmenter, slow on long runs of text, is not asked.
 */
const JOINS = /[\p{M}\u200c\u200d\ufe00-\ufe0f\ud800-\udfff\u1100-\u11ff\ua960-\ua97f\ud7b0-\ud7ff\r]/u;

/** What a reader sees as one character: a base with its combining marks or variation selector. */
export function graphemes(text: string): string[] {
  if (!JOINS.test(text)) return text.split('');
  return Array.from(GRAPHEMES.segment(text), (s) => s.segment);
}

/** How many characters a reader sees (graphemes(text).length, without making them). */
export function graphemeCount(text: string): number {
  return JOINS.test(text) ? graphemes(text).length : text.length;
}
