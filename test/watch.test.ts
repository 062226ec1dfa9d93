import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watch } from '../src/cli/watch.js';
import { build } from '../src/pipeline/build.js';
import { context, problemLine, tempDir } from './helpers.js';

describe('watch', () => {
  it('rebuilds what a save changed, reports errors without stopping, and keeps the last good outputs', async () => {
    const dir = tempDir();
    // A plan without jurisdictions keeps the test to one document.
    cpSync('test/fixtures/plans/minimal', join(dir, 'plans', 'minimal'), { recursive: true });
    const planDir = join(dir, 'plans', 'minimal');
    const out = join(dir, 'out');
    const lines: string[] = [];
    let built = 0;
    let waiter: (() => void) | undefined;
    const nextBuild = () => new Promise<void>((r) => (waiter = r));
    const ready = new Promise<void>((r) =>
      void watch({
        planDir,
        outDir: out,
        log: (s) => lines.push(s),
        logError: (s) => lines.push(`ERR ${s}`),
        onReady: r,
        onBuilt: () => {
          built++;
          waiter?.();
        },
      }),
    );
    await ready;
    expect(built).toBe(1);
    expect(lines.some((l) => l.startsWith('再作成: summary'))).toBe(true);
    const pdf = readFileSync(join(out, 'summary.pdf'));

    const file = join(planDir, 'plan.yaml');
    const good = readFileSync(file, 'utf8');
    lines.length = 0;
    let next = nextBuild();
    writeFileSync(file, good.replace('fiscalYear: 2024', 'fiscalYaer: 2024'));
    await next;
    expect(lines.join('\n')).toMatch(problemLine('error', 'plan/unknown-key'));
    expect(lines.join('\n')).toContain('作り直していません（前回の出力はそのまま）');
    expect(readFileSync(join(out, 'summary.pdf')).equals(pdf)).toBe(true);

    lines.length = 0;
    next = nextBuild();
    writeFileSync(file, good.replace('方針の一文。', '方針の別の一文。'));
    await next;
    expect(lines.find((l) => l.startsWith('再作成: summary'))).toMatch(/^再作成: summary（\d+ ms）$/);
    expect(readFileSync(join(out, 'summary.pdf')).equals(pdf)).toBe(false);
  });
});

describe('the pages open in a preview', () => {
  it('are made first, and the report still lists documents in the table’s order', async () => {
    const made: string[] = [];
    const r = await build(
      { planDir: 'plans/r5', outDir: tempDir(), jurisdictions: ['01', '13', '011002'], formats: ['html'], workers: 1, first: ['handouts/13-tokyo'], onDocument: (d) => made.push(d.name) },
      context,
    );
    expect(made).toEqual(['handouts/13-tokyo', 'handouts/01-hokkaido', 'handouts/011002-sapporo']);
    expect(r.documents.map((d) => [d.name, d.title])).toEqual([
      ['handouts/01-hokkaido', '令和５年度中小企業支援計画の概要（北海道版）（案）'],
      ['handouts/13-tokyo', '令和５年度中小企業支援計画の概要（東京都版）（案）'],
      ['handouts/011002-sapporo', '令和５年度中小企業支援計画の概要（札幌市版）（案）'],
    ]);
  });

  it('then the documents made from the files just saved (watch), then the rest', async () => {
    const made: string[] = [];
    await build(
      {
        planDir: 'plans/r5', outDir: tempDir(), jurisdictions: ['01', '13', '011002'], formats: ['html'], workers: 1,
        first: ['handouts/011002-sapporo'], changed: [resolve('plans/r5/jurisdictions/13-tokyo.yaml')], onDocument: (d) => made.push(d.name),
      },
      context,
    );
    expect(made).toEqual(['handouts/011002-sapporo', 'handouts/13-tokyo', 'handouts/01-hokkaido']);
  });
});
