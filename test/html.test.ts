import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SaxesParser } from 'saxes';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Document } from '../src/document/ir.js';
import { GENERATOR } from '../src/core/version.js';
import { build } from '../src/pipeline/build.js';
import { MANIFEST } from '../src/pipeline/cache.js';
import { writerOptions } from '../src/pipeline/render.js';
import { writeHtml } from '../src/render/html/index.js';
import { unfitted } from '../src/layout/decisions.js';
import { context, expectSeedInReadingOrder, seedSentences, squash, tempDir } from './helpers.js';

// The HTML edition as files: its elements, its escaping, its bytes, and its place in the build.
// How a browser shows and reads it is test/browser.test.ts.

interface Node {
  name: string;
  attrs: Record<string, string>;
  children: (Node | string)[];
}

/** The page read as XML: it is written well-formed (void elements closed) so that this can check its tree. */
function parse(html: string): Node {
  const parser = new SaxesParser();
  const root: Node = { name: '#root', attrs: {}, children: [] };
  const stack = [root];
  parser.on('error', (e) => {
    throw e;
  });
  parser.on('opentag', (t) => {
    const n: Node = { name: t.name, attrs: t.attributes as Record<string, string>, children: [] };
    stack[stack.length - 1].children.push(n);
    stack.push(n);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (t) => stack[stack.length - 1].children.push(t));
  parser.write(html).close();
  return root.children.find((c): c is Node => typeof c !== 'string')!;
}

function* elements(n: Node): Generator<Node> {
  yield n;
  for (const c of n.children) if (typeof c !== 'string') yield* elements(c);
}
const all = (n: Node, name: string) => [...elements(n)].filter((e) => e.name === name);
const text = (n: Node): string => n.children.map((c) => (typeof c === 'string' ? c : text(c))).join('');
const bodyOf = (root: Node) => all(root, 'body')[0];

const PLAN = 'plans/r5';
let out: string;
const read = (file: string) => readFileSync(join(out, file), 'utf8');

beforeAll(async () => {
  out = tempDir();
  const r = await build({ planDir: PLAN, outDir: out, jurisdictions: ['13', '011002', '01'], formats: ['html'], workers: 1 }, context);
  expect(r.documents.flatMap((d) => d.problems)).toEqual([]);
  await build({ planDir: PLAN, outDir: out, only: 'summary', formats: ['html'], workers: 1 }, context);
});

describe('the HTML summary', () => {
  it('is one page in Japanese with its title, author, date, fiscal year and status', () => {
    const html = read('summary.html');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="ja">\n')).toBe(true);
    const root = parse(html);
    expect(text(all(root, 'title')[0])).toBe('令和５年度中小企業支援計画の概要（案）');
    const meta = Object.fromEntries(all(root, 'meta').filter((m) => m.attrs.name).map((m) => [m.attrs.name, m.attrs.content]));
    expect(meta).toMatchObject({ author: '中小企業庁', description: '令和５年度中小企業支援計画の概要', 'fiscal-year': '2023', status: 'draft' });
    expect(all(root, 'meta').some((m) => m.attrs.charset === 'utf-8')).toBe(true);
    // The date in the metadata only: the PDF shows none, so neither does the page.
    expect(meta['dcterms.date']).toBe('2023-03-31');
    expect(all(root, 'time')).toEqual([]);
  });

  it('has one h1 and headings that never skip a level', () => {
    const root = parse(read('summary.html'));
    const levels = [...elements(bodyOf(root))].filter((e) => /^h[1-6]$/.test(e.name)).map((e) => Number(e.name[1]));
    expect(levels.filter((l) => l === 1)).toHaveLength(1);
    expect(levels[0]).toBe(1);
    for (let i = 1; i < levels.length; i++) expect(levels[i], `heading ${i}`).toBeLessThanOrEqual(levels[i - 1] + 1);
    const named = [...elements(bodyOf(root))].filter((e) => /^h[1-6]$/.test(e.name)).map((e) => `${e.name} ${text(e)}`);
    expect(named).toEqual([
      'h1 令和５年度中小企業支援計画の概要（案）',
      'h2 ＜中小企業支援計画の位置づけ＞',
      'h2 １．支援に関する基本方針',
      'h2 ２．中小企業支援事業',
      'h3 《国の事業》',
      'h3 【中小企業支援法第３条第１項に定義する中小企業支援事業】',
      'h3 【令和５年度予算等に基づく中小企業支援事業】',
      'h3 《都道府県等の事業》',
      'h3 《独立行政法人中小企業基盤整備機構の事業》',
    ]);
  });

  it('writes bullets as <ul> and （1）–（5） as <ol> whose labels are text of the items', () => {
    const root = parse(read('summary.html'));
    const ols = all(root, 'ol');
    // 国 has two numbered lists, 都道府県等 and 中小機構 one each.
    expect(ols).toHaveLength(4);
    for (const ol of ols) {
      const items = ol.children.filter((c): c is Node => typeof c !== 'string');
      expect(items.map((li) => li.name).every((n) => n === 'li')).toBe(true);
      expect(items.map((li) => text(all(li, 'span')[0]))).toEqual(['（1）', '（2）', '（3）', '（4）', '（5）']);
    }
    expect(all(root, 'ul').length).toBeGreaterThanOrEqual(5);
    // The 案 mark is seen, not read: the title says （案）.
    const mark = [...elements(root)].find((e) => e.attrs.class === 'draft-mark')!;
    expect(mark.attrs['aria-hidden']).toBe('true');
    expect(text(mark)).toBe('案');
  });

  it('holds every sentence of the seed, in reading order', () => {
    expect(seedSentences().length).toBeGreaterThan(40);
    expectSeedInReadingOrder(squash(text(bodyOf(parse(read('summary.html'))))));
  });

  it('asks for nothing outside itself: no script, no external style, font or image', () => {
    for (const file of ['summary.html', 'handouts/13-tokyo.html', 'handouts/011002-sapporo.html']) {
      const html = read(file);
      const root = parse(html);
      expect(all(root, 'script'), file).toEqual([]);
      expect(all(root, 'link'), file).toEqual([]);
      expect([...elements(root)].filter((e) => e.attrs.src !== undefined || /^on/i.test(Object.keys(e.attrs).join(' '))), file).toEqual([]);
      const css = all(root, 'style').map(text).join('\n');
      expect(css, file).not.toMatch(/url\(|@import|@font-face/);
      const csp = all(root, 'meta').find((m) => m.attrs['http-equiv'] === 'Content-Security-Policy');
      expect(csp?.attrs.content, file).toBe("default-src 'none'; style-src 'unsafe-inline'");
    }
  });

  it('prints on A4 landscape, the columns sharing the page\'s text width', () => {
    const css = text(all(parse(read('summary.html')), 'style')[0]);
    expect(css).toMatch(/@media print \{\s*@page \{\s*size: 841\.89pt 595\.28pt;/);
    expect(css).toContain('line-break: strict');
    expect(css).toMatch(/font-family: "BIZ UDPGothic", "BIZ UDPゴシック", "Hiragino Kaku Gothic ProN"/);
    // On paper, frames (in ems of the printed body size) that share the page's text width, less the gaps.
    const frames = /--print-columns: minmax\(0, ([\d.]+)fr\) minmax\(0, ([\d.]+)fr\) minmax\(0, ([\d.]+)fr\)"/.exec(read('summary.html'))!.slice(1).map(Number);
    const size = Number(/@media print \{[\s\S]*html \{ font-size: ([\d.]+)pt; \}/.exec(css)![1]);
    const theme = context().theme;
    const usable = 841.89 - theme.page.margins[1] - theme.page.margins[3];
    expect(frames.reduce((a, w) => a + w, 0) * size + 2 * theme.columnGap).toBeCloseTo(usable, 0);
    expect(text(all(parse(read('handouts/13-tokyo.html')), 'style')[0])).toMatch(/size: 595\.28pt 841\.89pt;[\s\S]*@bottom-center \{ content: "- " counter\(page\) " -"/);
  });
});

describe('the HTML handouts', () => {
  it('give the contact table column headers, links and QR codes that name their address', () => {
    const root = parse(read('handouts/13-tokyo.html'));
    const table = all(root, 'table')[0];
    expect(all(table, 'th').map((th) => [th.attrs.scope, text(th)])).toEqual([['col', '窓口'], ['col', '所在地・電話・ホームページ'], ['col', 'QRコード']]);
    const links = all(root, 'a').map((a) => [a.attrs.href, text(a)]);
    expect(links).toEqual([['https://example.jp/center', 'https://example.jp/center'], ['https://example.jp/yorozu', 'https://example.jp/yorozu']]);
    // Each code is named as the model names it: whose home page, at which address.
    const svgs = all(root, 'svg');
    const names = ['見本中小企業振興公社（架空）', '見本よろず支援拠点（架空）'];
    expect(svgs.map((s) => [s.attrs.role, s.attrs['aria-label'], text(all(s, 'title')[0])]))
      .toEqual(links.map(([url], i) => ['img', `${names[i]}のホームページ（${url}）の QRコード`, `${names[i]}のホームページ（${url}）の QRコード`]));
  });

  it('mark sample data with 見本: a watermark that is not read, and the word once in text', () => {
    const root = parse(read('handouts/13-tokyo.html'));
    const watermark = [...elements(root)].find((e) => e.attrs.class === 'watermark')!;
    expect(watermark.attrs['aria-hidden']).toBe('true');
    expect(all(watermark, 'span')[0].attrs['data-mark']).toBe('見本');
    expect([...elements(root)].filter((e) => e.attrs.class === 'visually-hidden').map(text)).toEqual(['見本']);
    expect(all(root, 'meta').find((m) => m.attrs.name === 'sample')?.attrs.content).toBe('true');
    const hokkaido = read('handouts/01-hokkaido.html');
    expect(hokkaido).not.toContain('watermark"');
    expect(hokkaido).toContain('北海道の事業と相談窓口の情報は、まだ提供されていません。');
  });
});

describe('escaping', () => {
  const nasty = '<script>alert("x")</script> & \'q\' </style>';
  const doc = (): Document => ({
    meta: { title: nasty, author: `著者 "${nasty}"`, subject: nasty, language: 'ja', date: '2023-03-31', fiscalYear: 2023 },
    page: { orientation: 'portrait', pageNumbers: true },
    draft: true,
    sample: true,
    title: [{ text: nasty }],
    body: [
      { kind: 'heading', level: 1, runs: [{ text: nasty, bold: true }] },
      { kind: 'paragraph', runs: [{ text: nasty, underline: true }] },
      { kind: 'list', marker: { kind: 'numbered', pattern: '<%1>', start: 1 }, items: [{ runs: [{ text: nasty }], children: [] }] },
      { kind: 'box', title: [{ text: nasty }], children: [{ kind: 'paragraph', runs: [{ text: 'https://example.jp/?a=1&b="2"<x>', link: 'https://example.jp/?a=1&b="2"<x>' }] }] },
      { kind: 'paragraph', runs: [{ text: 'javascript:alert(1)' }] },
      { kind: 'columns', columns: [{ title: [{ text: nasty }], weight: 1, children: [] }] },
      {
        kind: 'table', widths: [1], header: [{ children: [{ kind: 'paragraph', runs: [{ text: nasty }] }] }],
        rows: [[{ children: [{ kind: 'qr', value: 'https://example.jp/?q="<&>"', alt: `${nasty} の QRコード` }] }]],
      },
    ],
  });

  it('keeps text from the data as text, in elements, attributes, links and the stylesheet', async () => {
    const theme = { ...context().theme, marks: { draft: '<案>', sample: '"見本"', pageNumber: '</style><script>%1' } };
    const html = Buffer.from(await writeHtml(doc(), unfitted(theme), writerOptions(doc(), { theme, fonts: context().fonts }))).toString('utf8');
    expect(html).not.toMatch(/<script|<\/style><|<x>/);
    const root = parse(html);
    expect(text(all(root, 'title')[0])).toBe(nasty);
    expect(all(root, 'meta').find((m) => m.attrs.name === 'author')?.attrs.content).toBe(`著者 "${nasty}"`);
    const body = bodyOf(root);
    expect(text(all(body, 'h1')[0])).toBe(nasty);
    expect(text(all(body, 'h2')[0])).toBe(nasty);
    expect(text(all(body, 'mark')[0])).toBe(nasty);
    expect(text(all(body, 'ol')[0])).toBe(`<1>${nasty}`);
    expect(all(body, 'a').map((a) => a.attrs.href)).toEqual(['https://example.jp/?a=1&b="2"<x>']);
    expect(text(all(body, 'th')[0])).toBe(nasty);
    expect(all(body, 'svg')[0].attrs['aria-label']).toBe(`${nasty} の QRコード`);
    expect([...elements(body)].find((e) => e.attrs.class === 'draft-mark') && text([...elements(body)].find((e) => e.attrs.class === 'draft-mark')!)).toBe('<案>');
    expect(all(body, 'span').find((s) => s.attrs['data-mark'])?.attrs['data-mark']).toBe('"見本"');
    // The page number's words are a CSS string that cannot end the string or the element.
    expect(text(all(root, 'style')[0])).toContain('content: "\\3c /style\\3e \\3c script\\3e " counter(page) ""');
  });
});

describe('reproducible HTML', () => {
  afterEach(() => vi.useRealTimers());

  it('is the same bytes on another day, and with SOURCE_DATE_EPOCH: the only date in it is the document’s own', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-12-31T23:59:59Z'));
    const again = tempDir();
    await build({ planDir: PLAN, outDir: again, only: 'summary', formats: ['html'], workers: 1, fixedTime: new Date('2001-02-03T04:05:06Z') }, context);
    vi.useRealTimers();
    expect(readFileSync(join(again, 'summary.html')).equals(readFileSync(join(out, 'summary.html')))).toBe(true);
  });
});

describe('the HTML in the build', () => {
  const shien = (...args: string[]) => spawnSync(process.execPath, ['bin/shien.mjs', ...args], { encoding: 'utf8', env: { ...process.env, CI: '1' } });

  it('--format html makes the HTML alone, the same bytes as a build of every format', async () => {
    const alone = tempDir();
    const r = shien('build', PLAN, '--only', 'summary', '--format', 'html', '--out', alone);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('1文書を作成（1ファイル）');
    expect(readdirSync(alone).filter((f) => !f.startsWith('.'))).toEqual(['summary.html']);
    // The program and its version, as the PDF's Creator and the Word file's Application say them.
    expect(readFileSync(join(alone, 'summary.html'), 'utf8')).toContain(`<meta name="generator" content="${GENERATOR}" />`);
    expect(shien('--version').stdout.trim()).toBe(GENERATOR);
    const every = tempDir();
    await build({ planDir: PLAN, outDir: every, only: 'summary', workers: 1 }, context);
    expect(readdirSync(every).filter((f) => !f.startsWith('.')).sort()).toEqual(['summary.docx', 'summary.html', 'summary.pdf']);
    expect(readFileSync(join(alone, 'summary.html')).equals(readFileSync(join(every, 'summary.html')))).toBe(true);
  });

  it('is recorded in the manifest and made again only when it is missing, changed on disk, or its inputs change', async () => {
    const dir = tempDir();
    cpSync('plans', join(dir, 'plans'), { recursive: true });
    const planDir = join(dir, 'plans', 'r5');
    const outDir = join(dir, 'out');
    const run = async (formats?: string[]) => {
      const r = await build({ planDir, outDir, only: 'summary', formats, workers: 1 }, context);
      expect(r.documents.flatMap((d) => d.problems)).toEqual([]);
      return r.documents.flatMap((d) => d.files).map((f) => f.slice(f.lastIndexOf('/') + 1)).sort();
    };
    expect(await run(['html'])).toEqual(['summary.html']);
    const manifest = JSON.parse(readFileSync(join(outDir, MANIFEST), 'utf8'));
    expect(Object.keys(manifest.entries.summary.files)).toEqual(['summary.html']);
    expect(manifest.entries.summary.files['summary.html'].size).toBe(readFileSync(join(outDir, 'summary.html')).length);
    // The other formats join it; the HTML, made from the same inputs, is kept.
    expect(await run()).toEqual(['summary.docx', 'summary.pdf']);
    expect(await run()).toEqual([]);
    rmSync(join(outDir, 'summary.html'));
    expect(await run()).toEqual(['summary.html']);
    writeFileSync(join(outDir, 'summary.html'), 'edited by hand');
    expect(await run()).toEqual(['summary.html']);
    const plan = join(planDir, 'plan.yaml');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('全国的な中小企業支援体制を整備する。', '全国的な中小企業支援体制を一層整備する。'));
    expect(await run()).toEqual(['summary.docx', 'summary.html', 'summary.pdf']);
    expect(readFileSync(join(outDir, 'summary.html'), 'utf8').replace(/<[^>]*>/g, '')).toContain('全国的な中小企業支援体制を一層整備する。');
  });
});
