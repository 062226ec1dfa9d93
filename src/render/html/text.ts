import { escapeMarkup } from '../markup.js';
import { LAST_LINE_MIN } from '../../layout/metrics.js';

// Where a line of the HTML edition may break inside a run's text. The browser wraps on its own, and
// Japanese may break between any two characters; a few tokens must not be read in halves on a phone:
// a telephone number (「03- / 0000-0000」 is dialled wrong), a bracketed word (「（架 / 空）」), and a
// URL anywhere but after a `/` or `.`, where a reader still sees where the address goes on.

/** A telephone number as Japanese numbers are written: area code, exchange and line, hyphenated. */
const PHONE = /[0-9０-９]{2,5}[-‐－ー][0-9０-９]{1,4}[-‐－ー][0-9０-９]{3,4}/u;
/** A short word in full-width brackets; a longer bracketed phrase may wrap like any sentence. */
const BRACKETED = /（[^（）\n]{1,6}）/u;
/** An address as written in the text (http, https, mailto: what the markup admits as a link). */
const URL = /(?:https?:\/\/|mailto:)[\x21-\x7e]+/u;
const TOKEN = new RegExp(`(${URL.source})|(${PHONE.source})|(${BRACKETED.source})`, 'gu');

/** A URL with a break opportunity after each `/` and `.` and none elsewhere (not after a hyphen either): pieces that do not wrap. */
const url = (s: string) => s.split(/(?<=[/.])/).map((piece) => `<span class="nowrap">${escapeMarkup(piece)}</span>`).join('<wbr />');

/**
 * A run's text as HTML, escaped, its phone numbers, bracketed words and URLs kept whole. The end of
 * a paragraph's last run (`last`) is kept together too, so that its last line is never shorter than
 * LAST_LINE_MIN characters: a token that the tail cuts into goes with it, but not a URL, which may
 * be longer than a phone's line and wraps by its own rule.
 */
export function setText(text: string, last = false): string {
  let tail = last ? tailStart(text) : text.length;
  for (const m of text.matchAll(TOKEN)) if (m.index < tail && tail < m.index + m[0].length) tail = m[1] ? text.length : m.index;
  const head = tokens(text.slice(0, tail));
  return tail < text.length ? `${head}<span class="nowrap">${tokens(text.slice(tail))}</span>` : head;
}

/** Where the last LAST_LINE_MIN characters begin, spaces not counted (a space is not seen); the end if the text is no longer. */
function tailStart(text: string): number {
  const chars = [...text];
  let seen = 0;
  let at = text.length;
  for (let i = chars.length - 1; i > 0 && seen < LAST_LINE_MIN; i--) {
    at -= chars[i].length;
    if (/\S/u.test(chars[i])) seen++;
  }
  return seen === LAST_LINE_MIN ? at : text.length;
}

function tokens(text: string): string {
  let out = '';
  let at = 0;
  for (const m of text.matchAll(TOKEN)) {
    out += escapeMarkup(text.slice(at, m.index));
    out += m[1] ? url(m[1]) : `<span class="nowrap">${escapeMarkup(m[0])}</span>`;
    at = m.index + m[0].length;
  }
  return out + escapeMarkup(text.slice(at));
}
