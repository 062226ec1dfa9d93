import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import { ROOT } from '../src/core/paths.js';
import { sizeText } from '../src/documents/site.js';
import { checkDigit, localGovernmentCode } from '../src/plan/jurisdiction.js';
import { checkPlan, launchChromium, lookAt, problemLine, shienIn, tempDir, type Ran } from './helpers.js';

// `shien publish` as users run it (the compiled bin), the folder opened in Chromium as a web server
// would serve it, and the open data read back by tools nobody here wrote: csv-parse, ajv.

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WIDTHS = [1280, 375];
const SITE_ORIGIN = 'http://site.invalid';

const shien = (args: string[], cwd: string) => shienIn(cwd, args);

/** Every file of a folder, by path relative to it, with its digest. */
function digests(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort()
    .map((f) => [f, createHash('sha256').update(readFileSync(join(dir, f))).digest('hex')]));
}

/** A copy of the plans keeping three 都道府県等 (see beforeAll). */
let PLAN: string;
let work: string;
let site: string;
let first: Ran;
let browser: BrowserContext;

/** The plans with three 都道府県等: Hokkaido (no data), Sapporo and Tokyo (data), the registry's order and regions kept. */
function threeJurisdictions(dir: string): void {
  cpSync(join(ROOT, 'plans'), join(dir, 'plans'), { recursive: true });
  const registry = join(dir, 'plans', 'jurisdictions.yaml');
  const list = parseYaml(readFileSync(registry, 'utf8')) as { jurisdictions: { code: string }[] };
  writeFileSync(registry, stringifyYaml({ jurisdictions: list.jurisdictions.filter((j) => ['01', '13', '011002'].includes(j.code)) }));
}

beforeAll(async () => {
  work = tempDir();
  // What publish writes is the same for each document and each 都道府県等, and the index lists them by
  // region: three of them (one without data) prove it as 67 would, at a fifth of the build's CPU.
  threeJurisdictions(work);
  PLAN = join(work, 'plans', 'r5');
  first = await shien(['publish', PLAN], work);
  site = join(work, 'output', 'r5', 'site');
  browser = await launchChromium({ bypassCSP: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

/** The site as a web server would serve it: a request for a file of the folder gets it, anything else is refused and recorded. */
async function openSite(width: number): Promise<{ page: Page; outside: string[] }> {
  const page = await browser.newPage();
  await page.setViewportSize({ width, height: 900 });
  const outside: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    const path = url.startsWith(`${SITE_ORIGIN}/`) ? decodeURIComponent(url.slice(SITE_ORIGIN.length + 1)) : undefined;
    if (path && existsSync(join(site, path)) && statSync(join(site, path)).isFile()) return route.fulfill({ body: readFileSync(join(site, path)), contentType: 'text/html; charset=utf-8' });
    if (!url.startsWith('data:')) outside.push(url);
    return route.abort();
  });
  await page.goto(`${SITE_ORIGIN}/index.html`, { waitUntil: 'load' });
  return { page, outside };
}

describe('shien publish', () => {
  it('writes the site: index, every document in every format, the data with its schemas and package, and the zip', () => {
    // A draft may be published: what the release check finds is said as warnings, at their lines.
    expect(first.status).toBe(0);
    expect(first.stderr).not.toMatch(/: error: /);
    expect(first.stderr).toMatch(problemLine('warning', 'release/sample'));
    expect(first.stdout).toMatch(/公表用のフォルダを作成: \d+ファイル/);
    expect(first.stdout.trim().split('\n').at(-1)).toBe(`出力先: ${join('output', 'r5', 'site')}`);
    const files = Object.keys(digests(site));
    const set = checkPlan(PLAN).set!;
    for (const d of set.documents) {
      const formats = d.instance.kind === 'data' ? ['csv', 'json'] : ['html', 'pdf', 'docx'];
      for (const f of formats) expect(files).toContain(`${d.instance.stem}.${f}`);
    }
    expect(files).toEqual(expect.arrayContaining(['index.html', 'site.zip', 'data/datapackage.json', 'data/programmes.schema.json', 'data/contacts.schema.json']));
    // The build's own records stay in the build's folder.
    expect(files.some((f) => f.startsWith('.'))).toBe(false);
  });

  it('publishing again gives the same folder, byte for byte, and site.zip holds exactly the rest of it', async () => {
    const before = digests(site);
    const again = await shien(['publish', PLAN, '-q'], work);
    expect(again).toMatchObject({ status: 0, stdout: '' });
    expect(again.stderr).not.toMatch(/: error: /);
    expect(digests(site)).toEqual(before);
    const zip = await JSZip.loadAsync(readFileSync(join(site, 'site.zip')));
    const entries = Object.values(zip.files).filter((f) => !f.dir);
    expect(entries.map((f) => f.name).sort()).toEqual(Object.keys(before).filter((f) => f !== 'site.zip'));
    for (const e of entries) expect(createHash('sha256').update(await e.async('uint8array')).digest('hex')).toBe(before[e.name]);
  }, 60_000);

  it('index.html in Chromium: one h1, every link to a file of the folder with its format and true size, axe clean at 1280 and 375 px, nothing fetched', async () => {
    const set = checkPlan(PLAN).set!;
    for (const width of WIDTHS) {
      const { page, outside } = await openSite(width);
      await lookAt(page, `index-${width}`);
      expect(await page.locator('h1').count()).toBe(1);
      expect(await page.locator('h1').innerText()).toContain('（案）');
      expect(await page.locator('script').count()).toBe(0);
      const links = await page.locator('a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href') ?? '', text: (a.textContent ?? '').trim() })));
      for (const l of links) {
        expect(l.href, l.text).not.toMatch(/^[a-z]+:|^\/|\.\./i);
        expect(existsSync(join(site, l.href)), l.href).toBe(true);
        const size = /^(PDF|Word|CSV|JSON)形式、(.+)$/.exec(l.text) ?? /（JSON形式、(.+)）$/.exec(l.text);
        if (/\.(pdf|docx)$/.test(l.href)) expect(l.text).toMatch(/^(PDF|Word)形式、\d+(\.\d)?(KB|MB)$/);
        if (size) expect(size.at(-1), l.href).toBe(sizeText(statSync(join(site, l.href)).size));
      }
      const hrefs = new Set(links.map((l) => l.href));
      for (const d of set.documents) {
        const formats = d.instance.kind === 'data' ? ['csv', 'json'] : ['html', 'pdf', 'docx'];
        for (const f of formats) expect(hrefs, `${d.instance.stem}.${f}`).toContain(`${d.instance.stem}.${f}`);
      }
      expect(hrefs).toContain('data/datapackage.json');
      // Jurisdictions without data are marked; those with it are not.
      const text = await page.locator('main, body').first().innerText();
      expect(text).toMatch(/北海道（データ未提供）/);
      expect(text).not.toMatch(/東京都（データ未提供）/);
      expect(text).toMatch(/北海道・東北[\s\S]*札幌市[\s\S]*関東[\s\S]*東京都/);
      expect(text).toContain('政府標準利用規約（第2.0版）');
      await page.addScriptTag({ path: AXE });
      const violations = await page.evaluate(`(async () => {
        const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'best-practice'] } });
        return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n) => n.target.join(' ')) }));
      })()`);
      expect(violations, `${width} px`).toEqual([]);
      expect(outside, `${width} px`).toEqual([]);
      await page.close();
    }
  }, 60_000);

  it('the draft says 案 on every page of the site', () => {
    for (const f of Object.keys(digests(site)).filter((x) => x.endsWith('.html'))) {
      expect(readFileSync(join(site, f), 'utf8'), f).toMatch(/<title>[^<]*（案）/);
    }
  });
});

describe('the open data', () => {
  const csv = (name: string) => parseCsv(readFileSync(join(site, 'data', `${name}.csv`)), { bom: true, columns: true, relax_quotes: false, relax_column_count: false, skip_empty_lines: false }) as Record<string, string>[];

  it('CSV by the 統一ルール: UTF-8 with BOM, CRLF, one header row, no line break in a cell', () => {
    for (const name of ['programmes', 'contacts']) {
      const bytes = readFileSync(join(site, 'data', `${name}.csv`));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8').slice(1);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.split('\r\n').slice(0, -1).every((line) => !line.includes('\n'))).toBe(true);
    }
  });

  it('reads back to exactly the plan’s programmes and contacts', () => {
    const { plan, registry, locals } = checkPlan(PLAN).set!;
    const categories = plan.act.categories.map((c) => c.id);
    const title = (id: string) => plan.act.categories.find((c) => c.id === id)!.title;
    const yes = (b: boolean) => (b ? 'あり' : 'なし');
    const expected: Record<string, string>[] = [];
    const rows = (imp: string, groups: { category: string; items: string[]; etc: boolean }[], code: string, name: string) => {
      for (const g of [...groups].sort((a, b) => categories.indexOf(a.category) - categories.indexOf(b.category))) {
        for (const item of g.items) {
          expected.push({ 年度: String(plan.fiscalYear), 全国地方公共団体コード: code, 地方公共団体名: name, 実施主体: imp, 事業区分番号: String(categories.indexOf(g.category) + 1), 事業区分: title(g.category), 事業名: item, 等: yes(g.etc) });
        }
      }
    };
    for (const imp of plan.implementers) {
      rows(imp.name, imp.programmes, '', '');
      if (imp.local) for (const j of registry) rows(imp.name, locals.get(j.code)?.plan.programmes ?? [], localGovernmentCode(j.code), j.name);
    }
    expect(csv('programmes')).toEqual(expected);
    expect(expected.length).toBe(plan.implementers.flatMap((i) => i.programmes.flatMap((g) => g.items)).length + [...locals.values()].flatMap((l) => l.plan.programmes.flatMap((g) => g.items)).length);

    const contacts = registry.flatMap((j) => {
      const own = locals.get(j.code)?.plan;
      if (!own) return [];
      const row = (kind: string, c: { name: string; address?: string; phone?: string; url?: string }) => ({
        全国地方公共団体コード: localGovernmentCode(j.code), 地方公共団体名: j.name, 種別: kind, 名称: c.name, 住所: c.address ?? '', 電話番号: c.phone ?? '', URL: c.url ?? '',
      });
      return [row('中小企業支援センター', own.center), ...own.contacts.map((c) => row('相談窓口', c))];
    });
    expect(contacts.length).toBe(3);
    expect(csv('contacts')).toEqual(contacts);
  });

  it('codes are six digits with their check digit, and those of the registry', () => {
    const { registry } = checkPlan(PLAN).set!;
    const byCode = new Map(registry.map((j) => [localGovernmentCode(j.code), j.name]));
    for (const r of [...csv('programmes'), ...csv('contacts')]) {
      const code = r['全国地方公共団体コード'];
      if (!code) continue;
      expect(code).toMatch(/^\d{6}$/);
      expect(checkDigit(code.slice(0, 5))).toBe(Number(code[5]));
      expect(byCode.get(code)).toBe(r['地方公共団体名']);
    }
  });

  it('the check digit and the 6-digit codes agree with the registry of 地方公共団体コード', () => {
    // Codes as 総務省 lists them.
    const known: [string, string][] = [['011002', '札幌市'], ['130001', '東京都'], ['010006', '北海道'], ['260002', '京都府'], ['271004', '大阪市'], ['141003', '横浜市'], ['401005', '北九州市']];
    for (const [code] of known) expect(checkDigit(code.slice(0, 5)), code).toBe(Number(code[5]));
    expect(localGovernmentCode('13')).toBe('130001');
    expect(localGovernmentCode('01')).toBe('010006');
    expect(localGovernmentCode('011002')).toBe('011002');
  });

  it('the JSON holds the same records and validates against its JSON Schema (ajv)', () => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    for (const name of ['programmes', 'contacts']) {
      const schema = JSON.parse(readFileSync(join(site, 'data', `${name}.schema.json`), 'utf8')) as object;
      const records = JSON.parse(readFileSync(join(site, 'data', `${name}.json`), 'utf8')) as Record<string, unknown>[];
      const validate = ajv.compile(schema);
      expect(validate(records), JSON.stringify(validate.errors)).toBe(true);
      // A record the schema must refuse: a code without its six digits.
      expect(validate([{ ...records.find((r) => r['全国地方公共団体コード']), 全国地方公共団体コード: '13' }])).toBe(false);
      const text = (v: unknown) => (v === null ? '' : v === true ? 'あり' : v === false ? 'なし' : String(v));
      expect(records.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, text(v)])))).toEqual(csv(name));
    }
  });

  it('datapackage.json names every CSV, with fields that match its header, and the size and digest of every file', () => {
    const pkg = JSON.parse(readFileSync(join(site, 'data', 'datapackage.json'), 'utf8')) as {
      name: string; licenses: { title: string }[];
      resources: { path: string; format: string; bytes: number; hash: string; schema?: { fields: { name: string }[] } }[];
    };
    expect(pkg.name).toMatch(/^[a-z0-9._-]+$/);
    expect(pkg.licenses[0].title).toBe('政府標準利用規約（第2.0版）');
    const csvs = readdirSync(join(site, 'data')).filter((f) => f.endsWith('.csv')).sort();
    expect(pkg.resources.filter((r) => r.format === 'csv').map((r) => r.path).sort()).toEqual(csvs);
    for (const r of pkg.resources) {
      const bytes = readFileSync(join(site, 'data', r.path));
      expect(r.bytes).toBe(bytes.length);
      expect(r.hash).toBe(`sha256:${createHash('sha256').update(bytes).digest('hex')}`);
      if (r.format !== 'csv') continue;
      const header = (parseCsv(bytes, { bom: true, to_line: 1 }) as string[][])[0];
      expect(r.schema!.fields.map((f) => f.name)).toEqual(header);
    }
  });
});

describe('what must not be published', () => {
  it('a final plan with 見本 data is refused with the release check’s message, and nothing is written', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'plans'), join(dir, 'plans'), { recursive: true });
    const planFile = join(dir, 'plans', 'r5', 'plan.yaml');
    writeFileSync(planFile, readFileSync(planFile, 'utf8').replace(/^status: draft/m, 'status: final'));
    const r = await shien(['publish', join('plans', 'r5')], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(problemLine('error', 'release/sample'));
    expect(r.stderr).toMatch(/plans\/r5\/jurisdictions\/13-tokyo\.yaml:\d+:\d+: error: この都道府県等のデータは見本/);
    expect(r.stderr).toContain('公表用のフォルダは作りませんでした');
    expect(existsSync(join(dir, 'output'))).toBe(false);
  });

  it('a jurisdiction file that cannot be used stops the publication: no site without its handout or with data short of it', async () => {
    const dir = tempDir();
    cpSync(join(ROOT, 'plans'), join(dir, 'plans'), { recursive: true });
    const tokyo = join(dir, 'plans', 'r5', 'jurisdictions', '13-tokyo.yaml');
    writeFileSync(tokyo, readFileSync(tokyo, 'utf8').replace('phone: 03-0000-0000', 'phone: 電話してください'));
    // Three 都道府県等 are enough to publish, and quicker to build than 67.
    const registry = join(dir, 'plans', 'jurisdictions.yaml');
    const list = parseYaml(readFileSync(registry, 'utf8')) as { jurisdictions: { code: string }[] };
    writeFileSync(registry, stringifyYaml({ jurisdictions: list.jurisdictions.filter((j) => ['01', '13', '011002'].includes(j.code)) }));
    const r = await shien(['publish', join('plans', 'r5'), '--workers', '1'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/plans\/r5\/jurisdictions\/13-tokyo\.yaml:\d+:\d+: error: 電話番号/);
    expect(r.stderr).toContain('公表用のフォルダは作りませんでした');
    expect(existsSync(join(dir, 'output', 'r5', 'site'))).toBe(false);
  }, 60_000);

  it('a folder publish did not make is not replaced', async () => {
    const out = tempDir();
    mkdirSync(join(out, 'mine'));
    writeFileSync(join(out, 'mine', 'notes.txt'), 'keep');
    const r = await shien(['publish', PLAN, '--out', join(out, 'mine')], work);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(problemLine('error', 'usage/not-a-site'));
    expect(readdirSync(join(out, 'mine'))).toEqual(['notes.txt']);
  });
});
