import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { itemLabel, runsText, type Block, type Document } from '../src/document/ir.js';
import { build, reportProblems } from '../src/pipeline/build.js';
import { checkPlanSet } from '../src/check/plan-set.js';
import { renderDocument } from '../src/pipeline/render.js';
import { loadResources, type Resources } from '../src/check/resources.js';
import type { Theme } from '../src/theme/theme.js';

let ctx: Resources | undefined;
/** Theme, fonts and templates, loaded once per test file, as once per process in a real run. */
export const context = () => (ctx ??= loadResources());

/** The plan set's check, as `validate` runs it. */
export const checkPlan = (dir: string) => checkPlanSet(dir, context);

/** The document model of one document of a plan (the summary unless another stem is named). */
export function documentOf(dir: string, stem = 'summary'): Document {
  const checked = checkPlan(dir);
  const d = checked.set?.documents.find((x) => x.instance.stem === stem);
  if (!d?.doc) throw new Error(`${dir}: no ${stem}: ${JSON.stringify(checked.problems.map((p) => p.code))}`);
  return d.doc;
}

/** `build --only summary` in this process: the problems it reports, its page count and scale. */
export async function buildSummary(planDir: string, outDir: string) {
  const r = await build({ planDir, outDir, only: 'summary', workers: 1 }, context);
  const summary = r.documents.find((d) => d.name === 'summary');
  return { problems: reportProblems(r), pages: summary?.pages, scale: summary?.scale, files: summary?.files ?? [] };
}

/** A document model as PDF and Word bytes, fitted as a build fits it. */
export async function renderBoth(doc: Document, theme: Theme = context().theme) {
  const r = await renderDocument(doc, ['pdf', 'docx'], 'test', { theme, fonts: context().fonts });
  if (r.problems.length) throw new Error(r.problems.map((p) => p.message).join('\n'));
  const bytes = (ext: string) => Buffer.from(r.outputs.find((o) => o.extension === ext)!.bytes);
  return { pdf: bytes('pdf'), docx: bytes('docx'), scale: r.scale ?? 1, problems: r.problems };
}

export const tempDir = (prefix = 'shien-test-') => mkdtempSync(join(tmpdir(), prefix));

/** Text of a PDF as pdf.js (the engine of Firefox and many viewers) extracts it, a line per line. */
export async function pdfText(bytes: Uint8Array): Promise<{ pages: number; text: string; size: [number, number] }> {
  const pdf = await (await import('./pdfjs.js')).openPdf(bytes);
  let text = '';
  let size: [number, number] = [0, 0];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    if (i === 1) size = [Math.round(page.view[2]), Math.round(page.view[3])];
    const content = await page.getTextContent();
    for (const item of content.items) {
      if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
    }
    text += '\n';
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return { pages, text, size };
}

/** A part of a Word file, pretty-printed one element per line so that a snapshot diff is readable. */
export async function docxPart(bytes: Uint8Array, part = 'word/document.xml'): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file(part)!.async('string');
  return prettyXml(xml);
}

export function prettyXml(xml: string): string {
  const lines: string[] = [];
  let depth = 0;
  for (const tok of xml.replace(/>\s*</g, '><').split(/(?=<)|(?<=>)/)) {
    if (!tok) continue;
    if (tok.startsWith('</')) {
      depth--;
      const last = lines[lines.length - 1];
      // Keep <w:t>text</w:t> on one line.
      if (last && !last.trimStart().startsWith('<') && lines.length >= 2) {
        lines.pop();
        lines[lines.length - 1] += last.trim() + tok;
        continue;
      }
      lines.push('  '.repeat(Math.max(depth, 0)) + tok);
    } else if (tok.startsWith('<')) {
      lines.push('  '.repeat(depth) + tok);
      if (!tok.endsWith('/>') && !tok.startsWith('<?')) depth++;
    } else {
      lines.push('  '.repeat(depth) + tok);
    }
  }
  return lines.join('\n');
}

export interface Ran { status: number | null; stdout: string; stderr: string }

/** The shipped command (the compiled bin) as a user runs it in a folder, asynchronously so that a test can run several at once. */
export const shienIn = (cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) =>
  new Promise<Ran>((resolve) => {
    const child = spawn(process.execPath, [join(import.meta.dirname, '..', 'bin', 'shien.mjs'), ...args], { cwd, env: { ...process.env, CI: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

export function run(cmd: string, args: string[], opts: { input?: string; cwd?: string } = {}): string {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...opts });
}

/** LibreOffice, the stand-in for Word: convert a .docx to PDF and return the PDF's bytes. */
export function libreOfficePdf(docx: Uint8Array): Buffer {
  const dir = tempDir('shien-lo-');
  const input = join(dir, 'in.docx');
  writeFileSync(input, docx);
  // A private profile: parallel runs and a user's own LibreOffice settings cannot interfere.
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input], {
    stdio: 'ignore',
    timeout: 120_000,
  });
  return readFileSync(join(dir, 'in.pdf'));
}

/**
 * LibreOffice once for several Word files: each converted with the same filter (e.g. `pdf`, a tagged
 * PDF export, `fodt`). Returns the converted files' paths, by the names given.
 */
export function libreOfficeConvert(files: Record<string, Uint8Array>, filter: string): Record<string, string> {
  const dir = tempDir('shien-lo-');
  const inputs = Object.entries(files).map(([name, bytes]) => {
    writeFileSync(join(dir, `${name}.docx`), bytes);
    return join(dir, `${name}.docx`);
  });
  execFileSync('soffice', [`-env:UserInstallation=file://${dir}/profile`, '--headless', '--convert-to', filter, '--outdir', dir, ...inputs], {
    stdio: 'ignore',
    timeout: 240_000,
  });
  const ext = filter.split(':')[0];
  return Object.fromEntries(Object.keys(files).map((name) => [name, join(dir, `${name}.${ext}`)]));
}

/** LibreOffice's PDF export with tags (its structure tree follows the Word file's). */
export const TAGGED_PDF = 'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":"boolean","value":"true"}}';

/**
 * The text of a document model in reading order, as its tagged PDF should give it: the title, then
 * each block's titles, list labels and runs (a QR code has no text, only its alternate text).
 */
export function modelText(doc: Document): string {
  const block = (b: Block): string => {
    switch (b.kind) {
      case 'heading':
      case 'paragraph':
        return runsText(b.runs);
      case 'list':
        return b.items.map((it, i) => (itemLabel(b.marker, i) ?? '') + runsText(it.runs) + it.children.map(block).join('')).join('');
      case 'box':
        return runsText(b.title) + b.children.map(block).join('');
      case 'columns':
        return b.columns.map((c) => runsText(c.title) + c.children.map(block).join('')).join('');
      case 'table':
        return [...b.header, ...b.rows.flat()].map((c) => c.children.map(block).join('')).join('');
      case 'qr':
        return '';
    }
  };
  return runsText(doc.title) + doc.body.map(block).join('');
}

/**
 * Which of `pieces` a text lacks, and which it holds out of the order they have in `reference`
 * (a piece found twice there, as a sentence repeated in each column, is expected once per place).
 */
export function orderOf(pieces: readonly string[], reference: string, text: string): { missing: string[]; outOfOrder: string[] } {
  const seen = new Map<string, number>();
  const placed = pieces.map((p) => {
    let at = -1;
    for (let k = 0; k <= (seen.get(p) ?? 0); k++) at = reference.indexOf(p, at + 1);
    seen.set(p, (seen.get(p) ?? 0) + 1);
    return { p, at };
  });
  const unplaced = placed.filter((x) => x.at < 0).map((x) => x.p);
  if (unplaced.length) throw new Error(`not in the reference text: ${unplaced.join(' / ')}`);
  placed.sort((a, b) => a.at - b.at);
  const missing: string[] = [];
  const outOfOrder: string[] = [];
  let cursor = 0;
  for (const { p } of placed) {
    const at = text.indexOf(p, cursor);
    if (at >= 0) cursor = at + p.length;
    else if (text.includes(p)) outOfOrder.push(p);
    else missing.push(p);
  }
  return { missing, outOfOrder };
}

/** Sentences of the seed: the published text, with its line breaks and bullet glyphs removed. */
export function seedSentences(): string[] {
  // A copy of shared/seed/000_2a2fbce64d0c326c.txt, the text taken out of the published PDF.
  const seed = readFileSync(new URL('./fixtures/seed-r5-summary.txt', import.meta.url), 'utf8');
  const out: string[] = [];
  for (const block of seed.split(/\n\s*\n/)) {
    const joined = block.replace(/⚫/g, '\n⚫').split('\n⚫');
    for (const piece of joined) {
      const flat = piece.replace(/\s+/g, '');
      if (!flat) continue;
      // The budget pillars stand two to a line in the extraction: one item each.
      for (const part of flat.split(/(?=（\d）)/)) if (part) out.push(part);
    }
  }
  return out;
}

export const squash = (s: string) => s.replace(/\s+/g, '');

/**
 * The summary's reading order, by passages that each part starts with: title, 位置づけ, 基本方針, then
 * the columns 国 → 都道府県等 → 中小機構. (The seed itself is out of order: see seed/STRUCTURE.md.)
 */
export const READING_ORDER = [
  '令和５年度中小企業支援計画の概要（案）',
  '＜中小企業支援計画の位置づけ＞',
  '中小企業支援法において',
  '１．支援に関する基本方針',
  '中小企業を取り巻く環境変化',
  '２．中小企業支援事業',
  '《国の事業》',
  'よろず支援拠点をはじめ',
  '中小企業・小規模事業者ワンストップ総合支援事業',
  '【令和５年度予算等に基づく中小企業支援事業】',
  '《都道府県等の事業》',
  '各支援機関との連携を通じ',
  '都道府県等中小企業支援センター事業',
  '《独立行政法人中小企業基盤整備機構の事業》',
  '広域的な中小企業支援の実施体制',
  '経営環境の変化への対応の円滑化',
];

/** Every sentence of the seed is in the text (whitespace removed), and the parts come in reading order. */
export function expectSeedInReadingOrder(flat: string): void {
  for (const s of seedSentences()) expect(flat, s).toContain(s);
  const at = READING_ORDER.map((a) => flat.indexOf(a));
  expect(READING_ORDER.filter((_, k) => at[k] < 0)).toEqual([]);
  expect([...at].sort((a, b) => a - b)).toEqual(at);
}

/** The first line of a printed problem, `file:line:col: error: message [code]`, of this severity and code. */
export const problemLine = (severity: 'error' | 'warning', code: string) =>
  new RegExp(`^\\S.*: ${severity}: .+ \\[${code.replace(/[/]/g, '\\/')}\\]$`, 'm');

/** A marked-content sequence pdf.js reports: its tag (a structure type, or Artifact) and its MCID. */
export interface Marked {
  tag: string;
  id: string | null;
}

/**
 * The text items of a page (pdf.js `getTextContent({ includeMarkedContent: true })`), each with the
 * marked-content sequences it stands in, innermost last; blank items are left out.
 */
export function* markedText(items: readonly unknown[]): Generator<{ str: string; stack: readonly Marked[]; item: Record<string, unknown> }> {
  const stack: Marked[] = [];
  for (const item of items as Record<string, unknown>[]) {
    if (item.type === 'beginMarkedContent' || item.type === 'beginMarkedContentProps') {
      stack.push({ tag: String(item.tag), id: (item.id as string | null) ?? null });
      continue;
    }
    if (item.type === 'endMarkedContent') {
      stack.pop();
      continue;
    }
    const str = String(item.str ?? '');
    if (str.trim()) yield { str, stack, item };
  }
}

/**
 * The text of a PDF as pdf.js reads it, and the pieces that stand outside their page (page: text).
 * `exact` keeps the characters as drawn (no compatibility normalization), to compare with the input.
 */
export async function pdfPlaced(bytes: Uint8Array, exact = false): Promise<{ text: string; outside: string[] }> {
  const pdf = await (await import('./pdfjs.js')).openPdf(bytes);
  let text = '';
  const outside: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const page = await pdf.getPage(i);
    const [, , width, height] = page.view;
    for (const item of (await page.getTextContent({ disableNormalization: exact })).items) {
      if (!('str' in item)) continue;
      text += item.str;
      const [x, y] = [item.transform[4], item.transform[5]];
      if (item.str.trim() && (x < -0.5 || x + item.width > width + 0.5 || y < -0.5 || y > height + 0.5)) outside.push(`${i}: ${item.str}`);
    }
  }
  await pdf.destroy();
  return { text, outside };
}

/** Debian's Chromium, the browser the HTML edition and the preview are checked in. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/**
 * Chromium, headless, with a private profile: one launch per test file (it is the slow part), shared
 * by its checks. `bypassCSP` lets a test put axe-core into pages whose policy allows no script.
 */
export async function launchChromium(opts: { bypassCSP?: boolean } = {}): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(tempDir('shien-chromium-'), {
    executablePath: CHROMIUM,
    headless: true,
    bypassCSP: opts.bypassCSP ?? false,
    args: CHROMIUM_ARGS,
  });
}

/**
 * A whole page as Chromium shows it, for a person to look at: into the folder SHIEN_SCREENSHOTS names
 * (`SHIEN_SCREENSHOTS=/tmp/shots npm test`), as <name>.png. A screenshot is no check, and a full
 * page costs Chromium some 200 ms: without the variable none is taken.
 */
export async function lookAt(page: Page, name: string): Promise<void> {
  const dir = process.env.SHIEN_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Chromium itself, for checks that open pages of their own sizes (viewports) in one browser. */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// ---- plans/r5's sample documents, made once per fork ------------------------------------------
// summary, typography, accessibility and handouts each read the summary and the same handouts, built
// and put through LibreOffice. Files in a fork share this module (isolate: false), so these are made
// at most once per fork, not once per file. Callers only read them (the objects are frozen; the
// folder is nobody's to write in), and each caller still asserts that the build had no problem.

const once = new Map<string, Promise<unknown>>();
const madeOnce = <T>(key: string, make: () => Promise<T>): Promise<T> => {
  if (!once.has(key)) once.set(key, make());
  return once.get(key) as Promise<T>;
};

/**
 * plans/r5's summary (`build --only summary`) and its handouts of Tokyo, Sapporo and Hokkaido
 * (`build --jurisdiction ...`), every format, in one folder `dir`: `stems` are the documents found
 * there (summary, handouts/<code>-<slug>, in that order); `problems`, every problem the two builds
 * reported (expected none).
 */
export const r5Sample = () =>
  madeOnce('r5-sample', async () => {
    const dir = tempDir('shien-r5-sample-');
    const reports = [
      await build({ planDir: 'plans/r5', outDir: dir, only: 'summary', workers: 1 }, context),
      await build({ planDir: 'plans/r5', outDir: dir, jurisdictions: ['13', '011002', '01'], workers: 1 }, context),
    ];
    const problems = reports.flatMap((r) => reportProblems(r));
    const stems = ['summary', ...readdirSync(join(dir, 'handouts')).filter((f) => f.endsWith('.pdf')).map((f) => `handouts/${f.replace(/\.pdf$/, '')}`)];
    return Object.freeze({ dir, problems, stems: Object.freeze(stems), file: (stem: string, ext: string) => join(dir, `${stem}.${ext}`) });
  });

/** LibreOffice's tagged PDF export (TAGGED_PDF) of the sample's Word files, one soffice run: the PDF's path by stem. */
export const r5SampleTagged = () =>
  madeOnce('r5-sample-tagged', async () => {
    const { file, stems } = await r5Sample();
    const key = (stem: string) => stem.replace('/', '--');
    const converted = libreOfficeConvert(Object.fromEntries(stems.map((s) => [key(s), readFileSync(file(s, 'docx'))])), TAGGED_PDF);
    return Object.freeze(Object.fromEntries(stems.map((s) => [s, converted[key(s)]])) as Record<string, string>);
  });
