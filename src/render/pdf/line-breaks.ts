import { breakAllowed, graphemes, LONG_RUN } from '../../text/kinsoku.js';
import { wrapPdfmake } from '../../layout/pdfmake/hook.js';

// 禁則処理 for pdfmake, in the one place where it decides break opportunities.
//
// pdfmake lays text out in three steps: TextBreaker.getBreaks cuts each paragraph into "words"
// (the pieces between two UAX #14 break opportunities, from the `linebreak` package), TextInlines
// measures them, and LayoutBuilder.buildNextLine fills each line with whole words. A line can
// therefore only end between two words; a word flagged `noNewLine` is kept on one line with the
// word after it (pdfmake uses this for runs of different styles, such as a bold word in a sentence).
//
// We wrap getBreaks and take away the opportunities that src/text/kinsoku.ts forbids: two words
// of the same style are joined into one; two of different styles (a bold run next to a plain one)
// keep their styles and are chained with `noNewLine`. Nothing else in pdfmake changes.
//
// A word longer than LONG_RUN characters (an ID, a URL without slashes) is cut into single
// characters, each a break opportunity: an unbreakable word would set the minimum width of its
// table cell and push the table past the page (pdfmake sizes `*` columns by their longest word),
// and pdfmake's own hard wrap of a too-wide word cuts UTF-16 units, not characters.

export interface Word {
  text: string;
  /** A hard line break after this word. */
  lineEnd?: boolean;
  /** Keep on one line with the next word. */
  noNewLine?: boolean;
  [style: string]: unknown;
}

const LAYOUT_KEYS = new Set(['text', 'lineEnd', 'noNewLine']);

function sameStyle(a: Word, b: Word): boolean {
  const keys = (w: Word) => Object.keys(w).filter((k) => !LAYOUT_KEYS.has(k));
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k) => Object.is(a[k], b[k]));
}

/**
 * Take away the break opportunities between words that the kinsoku rules forbid. Pure: a word
 * that changes is copied, and the others are passed on as they are. (Copying every word made
 * pdfmake's measuring of words so slow that the full set of 136 files took 4.4 s instead of 2.6 s.)
 */
export function applyKinsoku(words: Word[]): Word[] {
  // The text as laid out, with a newline at each hard break, and where each word ends in it.
  let text = '';
  const ends: number[] = [];
  for (const w of words) {
    text += w.text;
    ends.push(text.length);
    if (w.lineEnd) text += '\n';
  }
  const out: Word[] = [];
  let copied: Word | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    let prev = out[out.length - 1];
    if (prev && !prev.lineEnd && !prev.noNewLine && !breakAllowed(text, ends[i - 1])) {
      if (prev !== copied) out[out.length - 1] = prev = copied = { ...prev };
      if (sameStyle(prev, w)) {
        prev.text += w.text;
        if (w.lineEnd) prev.lineEnd = true;
        if (w.noNewLine) prev.noNewLine = true;
        continue;
      }
      prev.noNewLine = true;
    }
    out.push(w);
  }
  return out;
}

/** Words of more than LONG_RUN characters become one word per character (a grapheme: with its marks). */
export function breakLongRuns(words: Word[]): Word[] {
  if (!words.some((w) => w.text.length > LONG_RUN)) return words;
  return words.flatMap((w) => {
    if (w.text.length <= LONG_RUN) return [w];
    const chars = graphemes(w.text);
    if (chars.length <= LONG_RUN) return [w];
    return chars.map((text, i) => {
      const piece: Word = { ...w, text };
      // The word's own line end and its bond to the next word belong to its last character.
      if (i < chars.length - 1) {
        delete piece.lineEnd;
        delete piece.noNewLine;
      }
      return piece;
    });
  });
}

type GetBreaks = (this: unknown, texts: unknown, styleContextStack: unknown) => Word[];

/** Wrap pdfmake's TextBreaker once per process; later calls do nothing. */
export function installKinsoku(): void {
  wrapPdfmake<GetBreaks>('TextBreaker', 'getBreaks', (getBreaks) => function (texts, styleContextStack) {
    return breakLongRuns(applyKinsoku(getBreaks.call(this, texts, styleContextStack)));
  });
}
