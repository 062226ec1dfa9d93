import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build } from '../src/pipeline/build.js';
import { BuildCache, MANIFEST } from '../src/pipeline/cache.js';
import { PAGE_FORMATS } from '../src/render/writers.js';
import { context, problemLine, tempDir } from './helpers.js';

const SOME = ['13', '011002', '01'];

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && /\.(pdf|docx|html)$/.test(e.name)) {
      const p = join(e.parentPath, e.name);
      out.set(p.slice(dir.length), readFileSync(p));
    }
  }
  return out;
}

describe('reproducible output', () => {
  afterEach(() => vi.useRealTimers());

  it('is byte-identical when built on another day, in another time zone, in another process', async () => {
    // One build here, years from now; one by the command, today, on the other side of the date line.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-12-31T23:59:59Z'));
    const b = tempDir();
    expect((await build({ planDir: 'plans/r5', outDir: b, jurisdictions: SOME, workers: 1 }, context)).documents.every((d) => !d.problems.length)).toBe(true);
    await build({ planDir: 'plans/r5', outDir: b, only: 'summary', workers: 1 }, context);
    vi.useRealTimers();

    const c = tempDir();
    for (const args of [['--jurisdiction', '13', '--jurisdiction', '011002', '--jurisdiction', '01'], ['--only', 'summary']]) {
      const r = spawnSync(process.execPath, ['bin/shien.mjs', 'build', 'plans/r5', '--out', c, ...args], {
        encoding: 'utf8',
        env: { ...process.env, TZ: 'Pacific/Kiritimati', LANG: 'C' },
      });
      expect(r.status, r.stderr).toBe(0);
    }

    const [fb, fc] = [files(b), files(c)];
    expect([...fc.keys()].sort()).toHaveLength(12);
    for (const [name, bytes] of fc) expect(fb.get(name)?.equals(bytes), `${name} on another day, in another process and zone`).toBe(true);
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  const shien = (out: string, env: Record<string, string | undefined>) =>
    spawnSync(process.execPath, ['bin/shien.mjs', 'build', 'plans/r5', '--only', 'summary', '--out', out], {
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
  const EPOCH = '1700000000'; // 2023-11-14T22:13:20Z
  /** The summary built with SOURCE_DATE_EPOCH empty, that is with the plan's date: the next test builds on it. */
  let plain: string;

  it('is the time inside the files when set, the same on every run; the plan’s date otherwise', async () => {
    const [a, b, c] = [tempDir(), tempDir(), tempDir()];
    expect(shien(a, { SOURCE_DATE_EPOCH: EPOCH }).status).toBe(0);
    expect(shien(b, { SOURCE_DATE_EPOCH: EPOCH, TZ: 'America/Los_Angeles' }).status).toBe(0);
    const made = shien(c, { SOURCE_DATE_EPOCH: '' });
    expect(made.status).toBe(0);
    expect(made.stdout).toContain(`1文書を作成（${PAGE_FORMATS.length}ファイル）`);
    plain = c;
    const [fa, fb, fc] = [files(a), files(b), files(c)];
    expect(fa.has('/summary.html')).toBe(true);
    for (const [name, bytes] of fa) {
      expect(fb.get(name)?.equals(bytes), name).toBe(true);
      // The HTML holds no moment, only the document's own date: SOURCE_DATE_EPOCH does not change it.
      expect(fc.get(name)?.equals(bytes), name).toBe(name.endsWith('.html'));
    }
    const info = (dir: string) => spawnSync('pdfinfo', ['-isodates', join(dir, 'summary.pdf')], { encoding: 'utf8' }).stdout;
    expect(info(a)).toMatch(/CreationDate:\s+2023-11-14T22:13:20Z/);
    expect(info(a)).toMatch(/ModDate:\s+2023-11-14T22:13:20Z/);
    // published: 2023-03-31, midnight in Japan.
    expect(info(c)).toMatch(/CreationDate:\s+2023-03-30T15:00:00Z/);
    const core = (await (await import('jszip')).default.loadAsync(fa.get('/summary.docx')!)).file('docProps/core.xml')!;
    expect(await core.async('string')).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2023-11-14T22:13:20Z</dcterms:created>');
  });

  it('makes every document again when it changes', () => {
    // The folder the test above made without it (a summary build is most of this file's CPU): unset
    // is as empty, nothing to make; set, everything.
    expect(plain).toBeDefined();
    // Unset here whatever the runner's own environment holds.
    expect(shien(plain, { SOURCE_DATE_EPOCH: undefined }).stdout).toContain('1文書は変更なし');
    expect(shien(plain, { SOURCE_DATE_EPOCH: EPOCH }).stdout).toContain(`1文書を作成（${PAGE_FORMATS.length}ファイル）`);
  });

  it('is refused, with exit code 2 and nothing written, when it is not whole seconds', () => {
    const out = tempDir();
    const r = shien(out, { SOURCE_DATE_EPOCH: '2023-03-31' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(problemLine('error', 'env/source-date-epoch'));
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(out)).toEqual([]);
  });
});

describe('incremental builds', () => {
  it('remakes only what an edit touches, and what was deleted or changed on disk', async () => {
    const dir = tempDir();
    cpSync('plans', join(dir, 'plans'), { recursive: true });
    const planDir = join(dir, 'plans', 'r5');
    const out = join(dir, 'out');
    const run = async (force = false) => {
      const r = await build({ planDir, outDir: out, jurisdictions: SOME, workers: 1, force }, context);
      expect(r.documents.flatMap((d) => d.problems)).toEqual([]);
      return r.documents.filter((d) => !d.skipped).map((d) => d.name).sort();
    };
    const all = ['handouts/01-hokkaido', 'handouts/011002-sapporo', 'handouts/13-tokyo'];
    expect(await run()).toEqual(all);
    expect(await run()).toEqual([]);

    const tokyo = join(planDir, 'jurisdictions', '13-tokyo.yaml');
    writeFileSync(tokyo, readFileSync(tokyo, 'utf8').replace('見本技術支援事業', '見本技術開発支援事業'));
    expect(await run()).toEqual(['handouts/13-tokyo']);

    // A document is made again when what it prints changes: the 国 column is not in the handouts…
    const plan = join(planDir, 'plan.yaml');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('地域の稼ぐ力の強化', '地域の稼ぐ力の一層の強化'));
    expect(await run()).toEqual([]);
    // …the basic policy is in every one of them.
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('「自己変革力」を高める必要がある', '「自己変革力」を一層高める必要がある'));
    expect(await run()).toEqual(all);

    rmSync(join(out, 'handouts', '01-hokkaido.docx'));
    writeFileSync(join(out, 'handouts', '011002-sapporo.pdf'), 'not a pdf');
    expect(await run()).toEqual(['handouts/01-hokkaido', 'handouts/011002-sapporo']);

    expect(await run(true)).toEqual(all);
  });
});

describe('digests of large inputs', () => {
  it('are read again when a file’s size or modification time changes, and kept across runs', () => {
    const dir = tempDir();
    const font = join(dir, 'big.ttf');
    writeFileSync(font, Buffer.alloc(2 << 20, 1));
    const first = new BuildCache(dir);
    const d1 = first.digest(font);
    first.save();
    // Same bytes' length, other bytes, a later time: read again.
    writeFileSync(font, Buffer.alloc(2 << 20, 2));
    utimesSync(font, new Date('2030-01-01'), new Date('2030-01-01'));
    const second = new BuildCache(dir);
    const d2 = second.digest(font);
    expect(d2).not.toBe(d1);
    second.save();
    // Other bytes of the same length, and the same time again: trusted, not read (as git trusts its
    // index). Fonts are replaced, not edited within a second; small files are always read.
    writeFileSync(font, Buffer.alloc(2 << 20, 3));
    utimesSync(font, new Date('2030-01-01'), new Date('2030-01-01'));
    expect(new BuildCache(dir).digest(font)).toBe(d2);
    const small = join(dir, 'theme.yaml');
    writeFileSync(small, 'a');
    utimesSync(small, new Date('2030-01-01'), new Date('2030-01-01'));
    const s1 = second.digest(small);
    writeFileSync(small, 'b');
    utimesSync(small, new Date('2030-01-01'), new Date('2030-01-01'));
    expect(second.digest(small)).not.toBe(s1);
    expect(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')).digests).toBeDefined();
  });
});
