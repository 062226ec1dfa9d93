// Where Japanese meets Latin letters (「PDCAサイクル」), a reader's eye wants a little room: JLReq
// 3.2.5 gives a quarter em between kana or kanji and a Western word, and none beside digits or
// punctuation. Word does the same when its autoSpaceDE is on, and LibreOffice does it whatever a
// Word file says (it ignores autoSpaceDE), so the one choice that every format and every program
// can keep alike is this one. The writers take the amount from layout/metrics.ts.

const JAPANESE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー々〆〇]/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/** Whether the room belongs between the character `before` and the character `after`. */
export function spacedBetween(before: string, after: string): boolean {
  return (JAPANESE.test(before) && LATIN_LETTER.test(after)) || (LATIN_LETTER.test(before) && JAPANESE.test(after));
}
