import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { exitCodeOf, Failure } from '../src/core/problem.js';
import { diffPlans } from '../src/pipeline/compare.js';
import { startPreview, type Preview } from '../src/preview/server.js';
import { context, expectSeedInReadingOrder, launchChromium, lookAt, problemLine, run, squash, tempDir } from './helpers.js';

// The HTML edition and the live preview in a real browser: Debian's chromium, driven by
// playwright-core, started once for every check of this file (it is the slow part).

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WIDE = 1280;
const PHONE = 375;

let browser: BrowserContext;
/** `shien preview` as a user runs it: the bin, in a process of its own. */
let preview: { url: string; output: () => string; stop: () => Promise<number | null> };
let planDir: string;
let outDir: string;
let comparison: string;
/** Where the QR codes' images and the printed PDFs go. */
const shots = tempDir('shien-browser-');

beforeAll(async () => {
  // axe is put into the pages as a script, which their policy (no script) would refuse.
  browser = await launchChromium({ bypassCSP: true });
  // A copy of the plans, with three 都道府県等 in the list (one of each kind of handout) so that the
  // preview's first build is short: 東京都 and 札幌市 have sample data with QR codes, 北海道 none.
  const dir = tempDir();
  cpSync('plans', join(dir, 'plans'), { recursive: true });
  const registry = join(dir, 'plans', 'jurisdictions.yaml');
  const list = parse(readFileSync(registry, 'utf8')) as { jurisdictions: { code: string }[] };
  writeFileSync(registry, stringify({ jurisdictions: list.jurisdictions.filter((j) => ['01', '13', '011002'].includes(j.code)) }));
  planDir = join(dir, 'plans', 'r5');
  outDir = join(dir, 'out');
  preview = await runPreview(['preview', planDir, '--port', '0', '--out', outDir]);
  // A 新旧対照表 as HTML, from the fixtures of test/diff.test.ts.
  comparison = join(tempDir(), 'comparison');
  const fixtures = join(import.meta.dirname, 'fixtures', 'diff');
  const r = await diffPlans({ old: join(fixtures, 'base'), new: join(fixtures, 'all-edits'), outDir: comparison, formats: ['html'], defaultDir: 'plans/r5', cwd: process.cwd() }, context);
  expect(r.problems).toEqual([]);
});

afterAll(async () => {
  await preview?.stop();
  await browser?.close();
});

/** Starts `node bin/shien.mjs preview …` and waits until its first build is done and it watches. */
async function runPreview(args: string[], bin = 'bin/shien.mjs'): Promise<typeof preview> {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, CI: '1' } });
  let output = '';
  await new Promise<void>((ok, fail) => {
    const read = (c: Buffer) => {
      output += c.toString('utf8');
      if (output.includes('保存を待っています')) ok();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', () => fail(new Error(`preview ended:\n${output}`)));
  });
  const ended = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
  return {
    url: /プレビュー: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)![1],
    output: () => output,
    stop: () => {
      child.kill('SIGINT');
      return ended;
    },
  };
}

/**
 * A page of the HTML edition as a site would serve it, at one width. Every request the page makes is
 * recorded; none but the page itself is answered.
 */
async function openFile(file: string, width: number): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 900 });
  const url = `http://document.invalid/${file.split('/').pop()}`;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.route('**/*', (route) =>
    route.request().url() === url
      ? route.fulfill({ body: readFileSync(file), contentType: 'text/html; charset=utf-8' })
      : route.abort());
  await page.goto(url, { waitUntil: 'load' });
  return { page, requests: requests.filter((r) => !r.startsWith('data:')).map((r) => (r === url ? 'the page' : r)) };
}

async function axeViolations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  // Code that runs in the page is given as text: this project's types describe Node, not the DOM.
  return page.evaluate(`(async () => {
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  })()`);
}

const PAGES = () => [
  { name: 'summary', file: join(outDir, 'summary.html') },
  { name: 'tokyo', file: join(outDir, 'handouts', '13-tokyo.html') },
  { name: 'sapporo', file: join(outDir, 'handouts', '011002-sapporo.html') },
  { name: 'hokkaido', file: join(outDir, 'handouts', '01-hokkaido.html') },
  { name: 'comparison', file: join(comparison, 'comparison.html') },
];

describe('the HTML edition in Chromium', () => {
  it('has no axe-core violations (WCAG 2 A and AA, best practice), asks for nothing outside itself, and reflows at 375 px', async () => {
    for (const { name, file } of PAGES()) {
      for (const width of [WIDE, PHONE]) {
        const { page, requests } = await openFile(file, width);
        expect(requests, `${name} at ${width}`).toEqual(['the page']);
        await lookAt(page, `${name}-${width}`);
        // No sideways scrolling on a phone; the columns sit side by side only on a wide screen.
        const scrollWidth = await page.evaluate<number>('document.documentElement.scrollWidth');
        expect(scrollWidth, `${name} at ${width}`).toBeLessThanOrEqual(width);
        expect(await axeViolations(page), `${name} at ${width}`).toEqual([]);
        await page.close();
      }
    }
  });

  it('lays the three columns side by side at 1280 px and one under another at 375 px', async () => {
    const file = join(outDir, 'summary.html');
    const tops = async (width: number) => {
      const { page } = await openFile(file, width);
      const boxes = await page.$$eval('.column', (cs) => cs.map((c) => c.getBoundingClientRect()).map((r) => ({ top: Math.round(r.top), left: Math.round(r.left) })));
      await page.close();
      return boxes;
    };
    const wide = await tops(WIDE);
    expect(wide).toHaveLength(3);
    expect(new Set(wide.map((b) => b.top)).size).toBe(1);
    expect(wide[0].left).toBeLessThan(wide[1].left);
    const narrow = await tops(PHONE);
    expect(new Set(narrow.map((b) => b.left)).size).toBe(1);
    expect(narrow[0].top).toBeLessThan(narrow[1].top);
  });

  it('reads, as document.body.innerText, every sentence of the seed in reading order', async () => {
    const { page } = await openFile(join(outDir, 'summary.html'), WIDE);
    expectSeedInReadingOrder(squash(await page.evaluate<string>('document.body.innerText')));
    await page.close();
  });

  it('draws QR codes that read back as their URLs (zbarimg)', async () => {
    const { page } = await openFile(join(outDir, 'handouts', '011002-sapporo.html'), WIDE);
    const codes = await page.$$('svg.qr');
    expect(codes.length).toBeGreaterThan(0);
    for (const [i, code] of codes.entries()) {
      const png = join(shots, `sapporo-qr-${i}.png`);
      await code.screenshot({ path: png });
      // The code's name says the address it holds: 「…のホームページ（URL）の QRコード」.
      expect(run('zbarimg', ['-q', '--raw', png]).trim()).toBe(await code.getAttribute('aria-label').then((l) => /（(https?:\/\/[^）]+)）の QRコード$/.exec(l!)![1]));
    }
    await page.close();
  });

  it('prints the summary on one A4 landscape page and a handout on A4 portrait pages', async () => {
    for (const [file, size, maxPages] of [[join(outDir, 'summary.html'), '841.92 x 594.96', 1], [join(outDir, 'handouts', '13-tokyo.html'), '594.96 x 841.92', 2]] as const) {
      const { page } = await openFile(file, WIDE);
      const pdf = join(shots, `${file.split('/').pop()}.pdf`);
      await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
      await page.close();
      const info = run('pdfinfo', [pdf]);
      expect(Number(/^Pages:\s+(\d+)$/m.exec(info)![1]), file).toBeLessThanOrEqual(maxPages);
      expect(info).toMatch(new RegExp(`^Page size:\\s+${size} pts`, 'm'));
    }
  });
});

/** A request as a person could type it, the path sent as it is (no client tidies `..` away). */
function get(path: string, method = 'GET'): Promise<{ status: number; body: string; type?: string }> {
  const { port } = new URL(preview.url);
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c) => (body += c));
      res.on('end', () => ok({ status: res.statusCode!, body, type: res.headers['content-type'] }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** The state column of the list of documents. */
const states = (html: string) => [...html.matchAll(/<td class="state-[a-z]+">([^<]*)<\/td>/g)].map((m) => m[1]);

describe('shien preview', () => {
  it('lists every document with its state and links to its HTML, PDF and Word files', async () => {
    const page = await browser.newPage();
    await page.goto(preview.url);
    const rows = await page.$$eval('tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)));
    // The summary, three handouts, and the open data (its programmes and contacts).
    expect(rows.map((r) => r[1])).toEqual(['作成', '作成', '作成', '作成', '作成', '作成']);
    expect(rows[0]).toEqual(['令和５年度中小企業支援計画の概要（案）', '作成', 'PDF', 'Word', 'HTML', '—', '—']);
    expect(rows[4]).toEqual(['令和５年度中小企業支援計画 事業一覧', '作成', '—', '—', '—', 'CSV', 'JSON']);
    const links = await page.$$eval('a', (as) => as.map((a) => a.getAttribute('href')));
    expect(links).toContain('/handouts/13-tokyo.html');
    expect(links).toContain('/handouts/011002-sapporo.pdf');
    expect(links).toContain('/data/contacts.csv');
    // Served as the writers table says.
    expect((await get('/data/contacts.csv')).type).toBe('text/csv; charset=utf-8');
    await page.close();
  });

  it('opens the summary, a handout with data and one without, each with the preview script running', async () => {
    for (const [path, text] of [['summary.html', '令和５年度中小企業支援計画の概要'], ['handouts/13-tokyo.html', '東京都'], ['handouts/01-hokkaido.html', 'まだ提供されていません']]) {
      const page = await browser.newPage();
      const res = await page.goto(`${preview.url}${path}`);
      expect(res?.status(), path).toBe(200);
      await page.waitForFunction('document.querySelector("script[data-written]") !== null');
      expect(await page.evaluate<string>('document.body.innerText'), path).toContain(text);
      await page.close();
    }
  });

  it('shows an edit on the open page, a broken file’s problem with its line over the last good version and on the list, and takes them away when fixed', async () => {
    const page = await browser.newPage();
    await page.goto(`${preview.url}summary.html`);
    await page.waitForFunction('document.querySelector("script[data-written]") !== null');
    const index = await browser.newPage();
    await index.goto(preview.url);
    const file = join(planDir, 'plan.yaml');
    const good = readFileSync(file, 'utf8');
    const edited = good.replace('全国的な中小企業支援体制を整備する。', '全国的な中小企業支援体制を一層整備する。');
    expect(edited).not.toBe(good);

    // Waits are for what the page shows, never for a time: a loaded machine takes longer, not differently.
    writeFileSync(file, edited);
    await page.waitForFunction('document.body.innerText.includes("全国的な中小企業支援体制を一層整備する。")');

    const broken = edited.replace('status: draft', 'status: [draft');
    writeFileSync(file, broken);
    const panel = page.locator('#shien-preview');
    await panel.waitFor();
    const where = await panel.locator('.where').first().textContent();
    const m = /plan\.yaml:(\d+):(\d+)/.exec(where ?? '');
    expect(m, where ?? '').not.toBeNull();
    // The source line the problem is on is shown as it is in the file.
    const line = broken.split('\n')[Number(m![1]) - 1];
    expect(await panel.locator('pre').first().textContent()).toContain(line.trim());
    expect(await panel.textContent()).toMatch(/エラー\[yaml\/[a-z-]+\]/);
    // Under it, the last good version; the list says that nothing could be made, and why, above its rows.
    expect(await page.evaluate<string>('document.body.innerText')).toContain('一層整備する。');
    const all = index.locator('section.problems-all');
    await all.waitFor();
    expect(await all.textContent()).toContain(where!.trim());
    expect(await all.locator('pre').first().textContent()).toContain(line.trim());
    expect(await all.textContent()).toContain('すべての文書に関わります');
    expect(states((await get('/')).body)).toEqual(['失敗', '失敗', '失敗', '失敗', '失敗', '失敗']);

    writeFileSync(file, good);
    await panel.waitFor({ state: 'detached' });
    await all.waitFor({ state: 'detached' });
    await page.waitForFunction('!document.body.innerText.includes("一層整備する。")');
    // The 国 column is in the summary alone: the handouts were found unchanged.
    expect(states((await get('/')).body)).toEqual(['作成', '変更なし', '変更なし', '変更なし', '変更なし', '変更なし']);

    // A mistake in one 都道府県等's file: on the list, under the rows of the documents that use it.
    const tokyo = join(planDir, 'jurisdictions', '13-tokyo.yaml');
    const tokyoGood = readFileSync(tokyo, 'utf8');
    writeFileSync(tokyo, tokyoGood.replace(/^(\w+):/m, '$1: ['));
    const mine = index.locator('tr.problems-of');
    await mine.first().waitFor();
    const affected = await mine.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-document')));
    expect(affected).toContain('handouts/13-tokyo');
    expect(affected).not.toContain('handouts/01-hokkaido');
    expect(affected).not.toContain('handouts/011002-sapporo');
    for (const text of await mine.allTextContents()) expect(text).toMatch(/13-tokyo\.yaml:\d+:\d+/);
    expect(await index.locator('section.problems-all').count()).toBe(0);
    writeFileSync(tokyo, tokyoGood);
    await mine.first().waitFor({ state: 'detached' });
    await page.close();
    await index.close();
  });

  it('serves files of the output folder only, to GET and HEAD, and refuses .. however it is written', async () => {
    expect((await get('/summary.html')).status).toBe(200);
    expect((await get('/summary.html', 'HEAD')).status).toBe(200);
    expect((await get('/handouts/13-tokyo.pdf')).status).toBe(200);
    for (const path of ['/../plans/r5/plan.yaml', '/%2e%2e/plans/r5/plan.yaml', '/..%2fplans%2fr5%2fplan.yaml', '/handouts/..%2f..%2fplans/r5/plan.yaml', '/handouts/%2E%2E/%2E%2E/plans/r5/plan.yaml', '/%5c..%5cplans']) {
      const r = await get(path);
      expect(r.status, path).toBe(403);
      expect(r.body).toContain('出力先のフォルダの外は表示できません');
    }
    expect((await get('/.shien-manifest.json')).status).toBe(404);
    for (const method of ['POST', 'PUT', 'DELETE']) {
      const r = await get('/summary.html', method);
      expect(r.status, method).toBe(405);
      expect(r.body).toContain('表示（GET・HEAD）だけ');
    }
    // The built file itself never got the preview's script.
    expect(readFileSync(join(outDir, 'summary.html'), 'utf8')).not.toContain('<script');
    expect((await get('/summary.html')).body).toContain('<script src="/_preview/client.js"');
  });

  it('answers a request it cannot serve with a 500 in Japanese, says why once, and goes on (an installation missing its client script)', async () => {
    // A copy of the installation whose compiled folder lacks client.js, as a broken copy or a
    // compile step that forgot it would: the command as shipped, run from that copy.
    const copy = tempDir('shien-install-');
    for (const f of spawnSync('git', ['ls-files'], { encoding: 'utf8' }).stdout.split('\n').filter((f) => f && !f.startsWith('test/') && !f.startsWith('plans/'))) {
      cpSync(f, join(copy, f), { recursive: true });
    }
    symlinkSync(join(process.cwd(), 'node_modules'), join(copy, 'node_modules'));
    const bin = join(copy, 'bin', 'shien.mjs');
    expect(spawnSync(process.execPath, [bin, '--help']).status).toBe(0);
    const compiled = readdirSync(join(copy, 'dist')).map((d) => join(copy, 'dist', d, 'client.js')).filter((f) => existsSync(f));
    expect(compiled).toHaveLength(1);
    rmSync(compiled[0]);
    const broken = await runPreview(['preview', planDir, '--port', '0', '--out', join(tempDir(), 'out')], bin);
    try {
      for (let i = 0; i < 2; i++) {
        const r = await fetch(`${broken.url}_preview/client.js`);
        expect(r.status).toBe(500);
        expect(await r.text()).toContain('プレビューの内部の誤り');
      }
      // The server goes on: the list of documents is served.
      const index = await fetch(broken.url);
      expect(index.status).toBe(200);
      expect(await index.text()).toContain('13-tokyo');
      // Said once in the terminal, in Japanese, without a stack trace.
      const said = broken.output().split('\n').filter((l) => l.includes('client.js'));
      expect(said).toHaveLength(1);
      expect(broken.output()).not.toMatch(/\n\s+at /);
    } finally {
      expect(await broken.stop()).toBe(0);
    }
  });

  it('says when its port is in use (env/port-in-use, exit 2), and the command ends cleanly on Ctrl+C', async () => {
    const busy = createServer();
    await new Promise<void>((ok) => busy.listen(0, '127.0.0.1', ok));
    const { port } = busy.address() as AddressInfo;
    try {
      const failed = await startPreview({ planDir, outDir: join(tempDir(), 'out'), port, cwd: process.cwd() }).then(() => undefined, (e: unknown) => e);
      expect(failed).toBeInstanceOf(Failure);
      expect((failed as Failure).problems.map((p) => p.code)).toEqual(['env/port-in-use']);
      expect(exitCodeOf((failed as Failure).problems)).toBe(2);
      const cli = spawnSync(process.execPath, ['bin/shien.mjs', 'preview', planDir, '--port', String(port), '--out', join(tempDir(), 'out')], { encoding: 'utf8' });
      expect(cli.status).toBe(2);
      expect(cli.stderr).toMatch(problemLine('error', 'env/port-in-use'));
      expect(cli.stderr).toContain(`ポート ${port} はほかのプログラムが使っています。`);
      expect(cli.stderr).not.toMatch(/\n\s+at /);
    } finally {
      busy.close();
    }

    // A plan of one document, so that the command is up quickly.
    const dir = tempDir();
    mkdirSync(join(dir, 'plans'));
    cpSync('test/fixtures/plans/minimal', join(dir, 'plans', 'minimal'), { recursive: true });
    const child = spawn(process.execPath, ['bin/shien.mjs', 'preview', join(dir, 'plans', 'minimal'), '--port', '0', '--out', join(dir, 'out')]);
    let stdout = '';
    child.stdout.setEncoding('utf8');
    await new Promise<void>((ok) => child.stdout.on('data', (c: string) => {
      stdout += c;
      if (stdout.includes('保存を待っています')) ok();
    }));
    expect(stdout).toMatch(/プレビュー: http:\/\/127\.0\.0\.1:\d+\/（Ctrl\+C で終了）/);
    const ended = new Promise<number | null>((ok) => child.on('exit', (code) => ok(code)));
    child.kill('SIGINT');
    expect(await ended).toBe(0);
    expect(stdout).toContain('プレビューを終了しました。');
    expect(existsSync(join(dir, 'out', 'summary.html'))).toBe(true);
  });
});
