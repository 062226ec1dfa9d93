import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { build } from '../src/build/build.js';
import { context, tempDir } from './helpers.js';

const SOME = ['13', '011002', '01'];

function files(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && /\.(pdf|docx)$/.test(e.name)) {
      const p = join(e.parentPath, e.name);
      out.set(p.slice(dir.length), readFileSync(p));
    }
  }
  return out;
}

describe('reproducible output', () => {
  afterEach(() => vi.useRealTimers());

  it('is byte-identical when built on another day, in another time zone, in another process', async () => {
    const a = tempDir();
    expect((await build({ planDir: 'plans/r5', outDir: a, jurisdictions: SOME, only: undefined, workers: 1 }, context)).documents.every((d) => !d.problems.length)).toBe(true);
    await build({ planDir: 'plans/r5', outDir: a, only: 'summary', workers: 1 }, context);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-12-31T23:59:59Z'));
    const b = tempDir();
    await build({ planDir: 'plans/r5', outDir: b, jurisdictions: SOME, workers: 1 }, context);
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

    const [fa, fb, fc] = [files(a), files(b), files(c)];
    expect([...fa.keys()].sort()).toHaveLength(8);
    for (const [name, bytes] of fa) {
      expect(fb.get(name)?.equals(bytes), `${name} on another day`).toBe(true);
      expect(fc.get(name)?.equals(bytes), `${name} in another process and zone`).toBe(true);
    }
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

    const plan = join(planDir, 'plan.yaml');
    writeFileSync(plan, readFileSync(plan, 'utf8').replace('地域の稼ぐ力の強化', '地域の稼ぐ力の一層の強化'));
    expect(await run()).toEqual(all);

    rmSync(join(out, 'handouts', '01-hokkaido.docx'));
    writeFileSync(join(out, 'handouts', '011002-sapporo.pdf'), 'not a pdf');
    expect(await run()).toEqual(['handouts/01-hokkaido', 'handouts/011002-sapporo']);

    expect(await run(true)).toEqual(all);
  });
});
