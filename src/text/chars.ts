// Character classes, by code point ranges [first, last], for the lint rules and the printer.

type Ranges = readonly (readonly [number, number])[];

const inRanges = (cp: number, ranges: Ranges) => ranges.some(([a, b]) => cp >= a && cp <= b);
const cp = (c: string) => c.codePointAt(0) ?? 0;

// Hiragana and katakana (but the middle dot ・), katakana extensions, CJK ideographs (Extension A,
// the main block, compatibility ideographs, the supplementary planes), half-width katakana.
const KANA_KANJI: Ranges = [[0x3041, 0x30fa], [0x30fc, 0x30ff], [0x31f0, 0x31ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff], [0xff66, 0xff9f], [0x20000, 0x3ffff]];

// Japanese punctuation and symbols (without the ideographic space), and full-width ASCII forms.
const JAPANESE_PUNCTUATION: Ranges = [[0x3001, 0x303f], [0xff01, 0xff60]];

// What a terminal draws two cells wide (East Asian Wide and Fullwidth, after UAX #11).
const WIDE: Ranges = [[0x1100, 0x115f], [0x2e80, 0xa4cf], [0xac00, 0xd7a3], [0xf900, 0xfaff], [0xfe30, 0xfe4f], [0xff00, 0xff60], [0xffe0, 0xffe6], [0x20000, 0x10ffff]];

/** Kana or kanji: text that is Japanese writing, not a code, a date or a URL. */
export function isKanaKanji(c: string): boolean {
  return inRanges(cp(c), KANA_KANJI) || c === '々' || c === '〆' || c === 'ヶ';
}

/** A character set in the Japanese way: kana, kanji, full-width forms and Japanese punctuation. */
export function isJapanese(c: string): boolean {
  return isKanaKanji(c) || inRanges(cp(c), JAPANESE_PUNCTUATION) || '・…‥―'.includes(c);
}

/** Two cells wide in a terminal. */
export const isWide = (c: string) => inRanges(cp(c), WIDE);
