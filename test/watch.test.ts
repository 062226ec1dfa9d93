import { cpSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watch } from '../src/cli/watch.js';
import { build, buildMemo, resourcesCurrent } from '../src/pipeline/build.js';
import { TEMPLATES_DIR } from '../src/core/paths.js';
import { MANIFEST } from '../src/pipeline/unchanged.js';
import { loadResources } from '../src/check/resources.js';
import { context, problemLine, tempDir } from './helpers.js';

/** `watch` in this process, its lines and builds counted. `onSave`: called as the build after a save starts. */
function watching(planDir: string, out: string, onSave?: (session: { close(): Promise<void> }) => void) {
  const lines: string[] = [];
  let built = 0;
  let waiter: (() => void) | undefined;
  let ready!: () => void;
  const started = new Promise<void>((r) => (ready = r));
  const session = watch({
    planDir, outDir: out,
    log: (s) => {
      lines.push(s);
      if (s.startsWith('変更: ')) void session.then((w) => onSave?.(w));
    },
    logError: (s) => lines.push(`ERR ${s}`),
    onReady: () => ready(),
    onBuilt: () => {
      built++;
      waiter?.();
    },
  });
  return {
    lines,
    built: () => built,
    nextBuild: () => new Promise<void>((r) => (waiter = r)),
    ready: started.then(() => session),
  };
}

describe('watch', () => {
  it('rebuilds what a save changed, reports errors without stopping, and keeps the last good outputs', async () => {
    const dir = tempDir();
    // A plan without jurisdictions keeps the test to one document.
    cpSync('test/fixtures/plans/minimal', join(dir, 'plans', 'minimal'), { recursive: true });
    const planDir = join(dir, 'plans', 'minimal');
    const out = join(dir, 'out');
    const session = watching(planDir, out);
    const { lines, nextBuild } = session;
    const running = await session.ready;
    expect(session.built()).toBe(1);
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
    await running.close();
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

/** A copy of the one-document plan, its files saved an hour ago (a file saved in the last two seconds leaves no record: core/stamp.ts). */
function settledPlan(): { planDir: string; out: string; record: () => unknown } {
  const dir = tempDir();
  const planDir = join(dir, 'plans', 'minimal');
  cpSync('test/fixtures/plans/minimal', planDir, { recursive: true });
  const hourAgo = new Date(Date.now() - 3_600_000);
  for (const f of readdirSync(planDir, { recursive: true, encoding: 'utf8' })) utimesSync(join(planDir, f), hourAgo, hourAgo);
  const out = join(dir, 'out');
  return { planDir, out, record: () => (JSON.parse(readFileSync(join(out, MANIFEST), 'utf8')) as { inputs?: unknown }).inputs };
}

describe('build’s record of its inputs, in a watch session', () => {
  it('is kept by a watch that makes nothing, left again once the saves stop (silently), is the one a build would leave, and not left after close', async () => {
    const { planDir, out, record } = settledPlan();
    await build({ planDir, outDir: out, workers: 1 }, loadResources);
    const left = record();
    expect(left).toBeDefined();
    const first = watching(planDir, out);
    await (await first.ready).close();
    expect(first.lines.join('\n')).toContain('0文書を作り直し');
    expect(record()).toEqual(left);

    // A session that starts on a broken file (its resources are loaded by a build that stops at the
    // check), then a save that mends it and changes a sentence.
    const file = join(planDir, 'plan.yaml');
    const good = readFileSync(file, 'utf8');
    writeFileSync(file, good.replace('fiscalYear: 2024', 'fiscalYaer: 2024'));
    const second = watching(planDir, out);
    const session = await second.ready;
    // Another session, closed as the build after a save starts: that build ends, and none comes after it.
    const closing = settledPlan();
    const third = watching(closing.planDir, closing.out, (w) => void w.close());
    await third.ready;
    expect(closing.record()).toBeDefined();
    const closed = third.nextBuild();
    const closingFile = join(closing.planDir, 'plan.yaml');
    writeFileSync(closingFile, readFileSync(closingFile, 'utf8').replace('方針の一文。', '方針の別の一文。'));
    await closed;
    expect(closing.record()).toBeUndefined();
    try {
      expect(second.lines.join('\n')).toMatch(problemLine('error', 'plan/unknown-key'));
      const next = second.nextBuild();
      writeFileSync(file, good.replace('方針の一文。', '方針の別の一文。'));
      await next;
      expect(second.lines.some((l) => l.startsWith('再作成: summary'))).toBe(true);
      // Right after a save the files' stamps are not to be trusted: that build leaves none.
      expect(record()).toBeUndefined();

      // Once the saves stop, a build that makes nothing and says nothing leaves it.
      second.lines.length = 0;
      const builds = second.built();
      const since = Date.now();
      while (record() === undefined && Date.now() - since < 10_000) await new Promise((r) => setTimeout(r, 100));
      const quiet = record();
      expect(quiet).toBeDefined();
      expect(Date.now() - since).toBeGreaterThan(1_000);
      expect(second.built()).toBe(builds);
      expect(second.lines).toEqual([]);

      // A build in a process of its own, checking everything, leaves the very same record.
      await build({ planDir, outDir: out, workers: 1 }, loadResources);
      expect(record()).toEqual(quiet);
      // The closed session's quiet build would have come before this one's.
      expect(closing.record()).toBeUndefined();
      expect(third.built()).toBe(2);
    } finally {
      await session.close();
    }
  });

  it('is left only with resources that are what the templates and fonts hold: loaded when no file was just saved, and unchanged since', async () => {
    // The tool's templates, copied: saved just now, then as of an hour ago, then changed.
    const templates = join(tempDir(), 'templates');
    cpSync(TEMPLATES_DIR, templates, { recursive: true });
    expect(resourcesCurrent(loadResources({ templatesDir: templates }))).toBe(false);
    const hourAgo = new Date(Date.now() - 3_600_000);
    const settle = () => {
      for (const f of readdirSync(templates, { recursive: true, encoding: 'utf8' })) utimesSync(join(templates, f), hourAgo, hourAgo);
    };
    settle();
    const loaded = loadResources({ templatesDir: templates });
    expect(resourcesCurrent(loaded)).toBe(true);
    const theme = join(templates, 'theme.yaml');
    writeFileSync(theme, readFileSync(theme, 'utf8') + '\n');
    settle();
    expect(resourcesCurrent(loaded)).toBe(false);
    const again = loadResources({ templatesDir: templates });
    expect(resourcesCurrent(again)).toBe(true);
    writeFileSync(join(templates, 'added.hbs'), '');
    settle();
    expect(resourcesCurrent(again)).toBe(false);

    // A build given a long-running command's memory leaves the record only with such resources.
    const { planDir, out, record } = settledPlan();
    const memo = buildMemo();
    const tool = loadResources();
    expect(resourcesCurrent(tool)).toBe(true);
    let r = await build({ planDir, outDir: out, workers: 1, memo }, () => ({ ...tool, sources: { ...tool.sources, racy: true } }));
    expect(r.recorded).toBeFalsy();
    expect(record()).toBeUndefined();
    r = await build({ planDir, outDir: out, workers: 1, memo }, () => tool);
    expect(r.recorded).toBe(true);
    expect(record()).toBeDefined();
  });
});
