import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LAST_LINE_MIN } from '../src/layout/metrics.js';
import { context, launchBrowser, r5Sample, run, squash, tempDir } from './helpers.js';

// How Chromium sets the HTML edition, read back from its layout (the
// rectangles of each character, by Range) at a phone's width and a desktop's, and from its print.

const WIDE = 1280;
const PHONE = 375;
/** A phone whose reader has enlarged the text: as narrow as a line gets. */
const NARROWEST = 240;

let browser: Browser;
let out: string;
/** Where Chromium's prints go. */
const shots = tempDir('shien-layout-prints-');

beforeAll(async () => {
  // The summary, and one handout of each kind: 東京都 (the longest table), 札幌市 (a 政令市 with a QR code),
  // 北海道 (no data), as `build` makes them, made once per fork (helpers.ts): what is looked at here is
  // Chromium's setting of the HTML, not the command (test/html.test.ts holds the compiled bin's HTML
  // to the bytes of a build in this process).
  const [launched, sample] = await Promise.all([launchBrowser(), r5Sample()]);
  browser = launched;
  expect(sample.problems).toEqual([]);
  out = sample.dir;
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const DOCUMENTS = () => [join(out, 'summary.html'), ...['13-tokyo', '011002-sapporo', '01-hokkaido'].map((h) => join(out, 'handouts', `${h}.html`))];

/** One page per width, kept open: a new page is a new context and renderer, some 300 ms of CPU each. */
const pageOfWidth = new Map<number, Promise<Page>>();

/** The page of this width, showing `file`: the next `open` of the width replaces its document. */
async function open(file: string, width: number): Promise<Page> {
  if (!pageOfWidth.has(width)) pageOfWidth.set(width, browser.newPage({ viewport: { width, height: 900 } }));
  const page = await pageOfWidth.get(width)!;
  await page.setContent(readFileSync(file, 'utf8'), { waitUntil: 'load' });
  return page;
}

/**
 * The lines of every block of text of the page (an element laid out as a block whose own text is
 * not in a block inside it), each line the characters whose boxes share it, spaces left out, with
 * its extent (left, right). Given as text: it runs in the page, and this project's types describe
 * Node, not the DOM. `BLOCKS(body)` runs `body` with `blocks` (those elements) and `lineBoxes(el)`.
 */
const BLOCKS = (body: string) => `(() => {
  const inline = (e) => getComputedStyle(e).display.startsWith('inline');
  const blocks = [...document.querySelectorAll('main *')].filter((el) => !inline(el) && !el.closest('svg, .visually-hidden, .label, thead'));
  const lineBoxes = (el) => {
    const texts = [];
    const walk = (n) => { for (const c of n.childNodes) { if (c.nodeType === 3) texts.push(c); else if (c.nodeType === 1 && inline(c)) walk(c); } };
    walk(el);
    const lines = [];
    for (const t of texts) for (let i = 0; i < t.data.length; i++) {
      if (/\\s/.test(t.data[i])) continue;
      const r = document.createRange(); r.setStart(t, i); r.setEnd(t, i + 1);
      const b = r.getBoundingClientRect();
      const line = lines[lines.length - 1];
      if (line && b.top < line.bottom - 2) { line.text += t.data[i]; line.bottom = Math.max(line.bottom, b.bottom); line.left = Math.min(line.left, b.left); line.right = Math.max(line.right, b.right); }
      else lines.push({ text: t.data[i], bottom: b.bottom, left: b.left, right: b.right });
    }
    return lines;
  };
  ${body}
})()`;

const LINES = BLOCKS(`const out = [];
  for (const el of blocks) {
    const lines = lineBoxes(el);
    if (lines.length) out.push({ tag: el.tagName.toLowerCase(), lines: lines.map((l) => l.text) });
  }
  return out;`);

const linesOf = (page: Page) => page.evaluate<{ tag: string; lines: string[] }[]>(LINES);

describe('the HTML edition in Chromium, set by the browser', () => {
  it(`ends no paragraph on a line of fewer than ${LAST_LINE_MIN} characters, at ${PHONE} and ${WIDE} px`, async () => {
    for (const file of DOCUMENTS()) {
      for (const width of [PHONE, WIDE]) {
        const page = await open(file, width);
        const blocks = await linesOf(page);
        expect(blocks.length).toBeGreaterThan(20);
        const short = blocks.filter((b) => b.lines.length > 1 && [...b.lines.at(-1)!].length < LAST_LINE_MIN).map((b) => b.lines.slice(-2).join(' / '));
        expect(short, `${file} at ${width}`).toEqual([]);
      }
    }
  });

  /**
   * How far Chromium spreads each justified line (text-align: justify), in ems of its text between two
   * characters: the line's extent as justified less its extent set to start, shared among its gaps.
   * Justifying moves no break, so the two settings have the same lines. The last line is not justified.
   */
  const SPREADS = BLOCKS(`const out = [];
    for (const el of blocks) {
      if (getComputedStyle(el).textAlign !== 'justify') continue;
      const justified = lineBoxes(el);
      el.style.textAlign = 'start';
      const set = lineBoxes(el);
      el.style.textAlign = '';
      const size = parseFloat(getComputedStyle(el).fontSize);
      for (let i = 0; i < justified.length - 1; i++) {
        const [j, s] = [justified[i], set[i]];
        if (s?.text !== j.text) throw new Error('lines moved: ' + j.text);
        out.push({ text: j.text, next: justified[i + 1].text, spread: (j.right - j.left - (s.right - s.left)) / Math.max(1, [...j.text].length - 1) / size });
      }
    }
    return out;`);

  it(`spreads no justified line wider than the theme's bound, at ${PHONE} and ${WIDE} px`, async () => {
    const { maxSpread } = context().theme;
    for (const file of DOCUMENTS()) {
      for (const width of [PHONE, WIDE]) {
        const page = await open(file, width);
        const lines = await page.evaluate<{ text: string; next: string; spread: number }[]>(SPREADS);
        expect(lines.length, `${file} at ${width}`).toBeGreaterThan(5);
        const wide = lines.filter((l) => l.spread > maxSpread + 0.005).map((l) => `${l.text} / ${l.next}: ${l.spread.toFixed(3)} em`);
        expect(wide, `${file} at ${width}`).toEqual([]);
      }
    }
  });

  it(`at ${PHONE} px sets each contact as one block, keeps phone numbers and bracketed words whole, breaks URLs only after / or .`, async () => {
    const page = await open(join(out, 'handouts', '13-tokyo.html'), PHONE);
    // One block per row, its cells one under another.
    const rows = await page.evaluate<{ display: string; lefts: number[] }[]>(`[...document.querySelectorAll('tbody tr')].map((tr) => ({
      display: getComputedStyle(tr).display, lefts: [...tr.querySelectorAll('td')].map((td) => Math.round(td.getBoundingClientRect().left)) }))`);
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(r.display).toBe('block');
      expect(new Set(r.lefts).size).toBe(1);
    }
    // And at a narrower width still (a phone with its text enlarged), where the addresses must wrap.
    for (const width of [PHONE, NARROWEST]) {
      const tokyo = await open(join(out, 'handouts', '13-tokyo.html'), width);
      expectWholeTokens(await linesOf(tokyo), rows.length, width === NARROWEST);
    }
  });

  function expectWholeTokens(blocks: { lines: string[] }[], rows: number, wraps: boolean) {
    const text = blocks.map((b) => b.lines.join('')).join('\n');
    const phones = text.match(/\d{2,5}-\d{1,4}-\d{3,4}/g) ?? [];
    const bracketed = text.match(/（[^（）\n]{1,6}）/g) ?? [];
    const urls = text.match(/https?:\/\/[\x21-\x7e]+/g) ?? [];
    expect(phones.length).toBeGreaterThanOrEqual(rows);
    expect(bracketed).toContain('（架空）');
    expect(urls.length).toBeGreaterThanOrEqual(rows);
    for (const b of blocks) {
      // Whole on one line: no break inside.
      for (const token of [...phones, ...bracketed]) {
        for (let i = 1; i < b.lines.length; i++) {
          const joined = b.lines[i - 1] + b.lines[i];
          const at = joined.indexOf(token);
          expect(at === -1 || at >= b.lines[i - 1].length || at + token.length <= b.lines[i - 1].length, `${token} broken: ${b.lines[i - 1]} / ${b.lines[i]}`).toBe(true);
        }
      }
      // A line that ends inside a URL ends after / or .
      for (let i = 1; i < b.lines.length; i++) {
        const joined = b.lines.slice(0, i + 1).join('');
        const cut = b.lines.slice(0, i).join('').length;
        for (const m of joined.matchAll(/https?:\/\/[\x21-\x7e]+/g)) {
          if (m.index < cut && cut < m.index + m[0].length) expect(joined[cut - 1], `${b.lines[i - 1]} / ${b.lines[i]}`).toMatch(/[/.]/);
        }
      }
    }
    // Where a URL does wrap, the rule above was put to the test.
    if (wraps) expect(blocks.some((b) => b.lines.some((l, i) => i > 0 && /^[a-z0-9/.]/i.test(l) && /[/.]$/.test(b.lines[i - 1])))).toBe(true);
  }

  it(`at ${PHONE} px breaks the title between phrases, never inside 計画`, async () => {
    for (const file of DOCUMENTS()) {
      const page = await open(file, PHONE);
      const [title] = (await linesOf(page)).filter((b) => b.tag === 'h1');
      for (let i = 1; i < title.lines.length; i++) expect(title.lines[i - 1].at(-1) + title.lines[i][0], `${file}: ${title.lines.join(' / ')}`).not.toBe('計画');
      expect(squash(title.lines.join(''))).toContain('計画');
    }
  });

  it(`at ${WIDE} px ends the three columns within 24 px of each other`, async () => {
    const page = await open(join(out, 'summary.html'), WIDE);
    // Where the text of each column ends (its frame is as tall as the tallest's).
    const ends = await page.evaluate<number[]>(`[...document.querySelectorAll('.column')].map((c) => Math.max(...[...c.querySelectorAll('*')].map((e) => e.getBoundingClientRect().bottom)))`);
    expect(ends).toHaveLength(3);
    expect(Math.max(...ends) - Math.min(...ends), ends.join(', ')).toBeLessThanOrEqual(24);
    // Where it would end without the gaps shared out: no column is more than a line of text short.
    const natural = await page.evaluate<{ ends: number[]; line: number }>(`(() => {
      const columns = [...document.querySelectorAll('.column')];
      for (const c of columns) c.style.justifyContent = 'flex-start';
      const ends = columns.map((c) => Math.max(...[...c.querySelectorAll('*')].map((e) => e.getBoundingClientRect().bottom)));
      return { ends, line: parseFloat(getComputedStyle(document.body).lineHeight) };
    })()`);
    expect(Math.max(...natural.ends) - Math.min(...natural.ends), natural.ends.join(', ')).toBeLessThanOrEqual(natural.line * 1.2);
  });

  it('aligns the labels （1）–（5） on their closing bracket, and draws QR codes with a quiet zone of four modules', async () => {
    for (const file of DOCUMENTS()) {
      const page = await open(file, WIDE);
      // The right edge of each label's last character, from its list's left edge.
      const rights = await page.evaluate<number[][]>(`[...document.querySelectorAll('ol.numbered')].map((ol) => [...ol.querySelectorAll(':scope > li > .label')].map((l) => {
        const r = document.createRange();
        r.setStart(l.firstChild, l.textContent.length - 1);
        r.setEnd(l.firstChild, l.textContent.length);
        return r.getBoundingClientRect().right - ol.getBoundingClientRect().left;
      }))`);
      expect(rights.length).toBeGreaterThan(0);
      for (const list of rights) expect(Math.max(...list) - Math.min(...list), `${file}: ${list.join(', ')}`).toBeLessThan(0.5);
      // The dark modules' box within the code's own square, in modules (the SVG's units).
      // qrcode draws the dark modules as strokes one module wide along their rows' middles.
      const zones = await page.evaluate<number[][]>(`[...document.querySelectorAll('svg.qr')].map((svg) => {
        const size = svg.viewBox.baseVal.width;
        const dark = svg.querySelector('path[stroke]').getBBox();
        return [dark.x, dark.y - 0.5, size - dark.x - dark.width, size - dark.y - dark.height - 0.5];
      })`);
      for (const z of zones) expect(z, file).toEqual([4, 4, 4, 4]);
    }
  });

  it('shows the furniture the PDF shows and nothing more: no colophon with the issuer and a date', async () => {
    for (const file of DOCUMENTS()) {
      const page = await open(file, WIDE);
      const text = await page.evaluate<string>('document.body.innerText');
      expect(await page.$$('footer'), file).toHaveLength(0);
      expect(text, file).not.toMatch(/中小企業庁\s*令和/);
      expect(await page.evaluate<string>('document.body.lastElementChild.tagName'), file).not.toBe('FOOTER');
    }
  });

  it('prints each document on as many pages as its PDF, no table row split across two', async () => {
    for (const file of DOCUMENTS()) {
      const page = await open(file, WIDE);
      const printed = join(shots, `${file.split('/').pop()}.pdf`);
      await page.pdf({ path: printed, preferCSSPageSize: true, printBackground: true });
      const rows = await page.evaluate<string[][]>(`[...document.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.innerText.replace(/\\s+/g, '')).filter(Boolean))`);
      const pages = (pdf: string) => Number(/^Pages:\s+(\d+)$/m.exec(run('pdfinfo', [pdf]))![1]);
      expect(pages(printed), file).toBe(pages(file.replace(/\.html$/, '.pdf')));
      const texts = run('pdftotext', ['-layout', printed, '-']).split('\f').map(squash);
      for (const cells of rows) {
        const [first, last] = [cells[0].slice(0, 8), cells.at(-1)!.slice(-8)];
        expect(texts.findIndex((t) => t.includes(first)), `${file}: ${cells.join(' | ')}`).toBe(texts.findIndex((t) => t.includes(last)));
      }
    }
  });
});
