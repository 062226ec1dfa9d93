import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../src/core/print.js';
import { exitCodeOf, type Problem } from '../src/core/problem.js';
import { build, reportProblems } from '../src/pipeline/build.js';
import { checkPlanSet } from '../src/check/plan-set.js';
import { mayBeChosen, selectDocuments, type Selection } from '../src/pipeline/select.js';
import { validatePlan } from '../src/pipeline/validate.js';
import { context, tempDir } from './helpers.js';

// Check once: `validate` reports exactly the problems, codes and exit code that `build` would, for
// every invalid fixture: plan files alone (fixtures/invalid) and whole plan sets with broken
// jurisdiction files and registries (fixtures/sets, each with the problems it must give), text too
// long for the summary's page or a handout's two among them: validate lays the documents out too.

const INVALID = join(import.meta.dirname, 'fixtures', 'invalid');
const SETS = join(import.meta.dirname, 'fixtures', 'sets');
const CLI = join(import.meta.dirname, '..', 'bin', 'shien.mjs');

/** The first line of a problem as the commands print it: file:line:column: severity: message [code]. */
const printed = (p: Problem) => formatProblem(p, process.cwd()).split('\n')[0];

const key = (p: Problem) => `${p.file}:${p.place?.line ?? '-'}:${p.place?.column ?? '-'} ${p.severity} ${p.code}`;

/** Each fixture as a plan folder: a plan set of its own, or an invalid plan.yaml alone in one. */
function fixtures(): { name: string; dir: string; root: string }[] {
  const sets = readdirSync(SETS).sort().map((name) => ({ name: `sets/${name}`, dir: join(SETS, name, 'plan'), root: join(SETS, name) }));
  const plans = readdirSync(INVALID).filter((f) => f.endsWith('.yaml')).sort().map((f) => {
    const dir = join(tempDir(), basename(f, '.yaml'));
    mkdirSync(dir);
    copyFileSync(join(INVALID, f), join(dir, 'plan.yaml'));
    return { name: `invalid/${f}`, dir, root: dir };
  });
  return [...sets, ...plans];
}

describe('validate and build find the same problems', () => {
  /** Every code build reported and validate reported, over all fixtures. */
  const codes = { built: new Set<string>(), validated: new Set<string>() };
  for (const f of fixtures()) {
    it(f.name, async () => {
      const validated = await validatePlan({ planDir: f.dir, workers: 1 }, context);
      const built = reportProblems(await build({ planDir: f.dir, outDir: tempDir(), workers: 1 }, context));
      for (const p of built) codes.built.add(p.code);
      for (const p of validated) codes.validated.add(p.code);
      expect(built.map(key).sort()).toEqual(validated.map(key).sort());
      // The lines the commands print, as the commands print them (their messages included).
      expect(built.map(printed).sort()).toEqual(validated.map(printed).sort());
      expect(exitCodeOf(built)).toBe(exitCodeOf(validated));
      if (f.name.startsWith('sets/')) {
        const expected = readFileSync(join(f.root, 'expected.txt'), 'utf8').split('\n').filter(Boolean).sort();
        const got = validated.map((p) => `${relative(f.root, p.file ?? '')}:${p.place ? `${p.place.line}:${p.place.column}` : '-'} ${p.code}`).sort();
        expect(got).toEqual(expected);
        expect(exitCodeOf(validated)).toBe(expected.length ? 1 : 0);
      } else {
        expect(exitCodeOf(validated)).toBe(1);
      }
    });
  }

  it('over all the fixtures: the same set of codes, the layout’s among them (a kind of problem only build finds would show here)', () => {
    expect([...codes.validated].sort()).toEqual([...codes.built].sort());
    expect(codes.built).toContain('layout/overflow');
    expect(codes.built.size).toBeGreaterThan(15);
  });
});

describe('a narrowed build (--only, --jurisdiction) renders the templates of the documents it may choose only', () => {
  const plan = join(import.meta.dirname, '..', 'plans', 'r5');
  const rendered = (c: ReturnType<typeof checkPlanSet>) => c.set!.documents.filter((d) => d.doc).length;
  const selections: Selection[] = [
    { jurisdictions: ['13'] }, { jurisdictions: ['東京都', 'sapporo', '01'] }, { only: 'handouts', jurisdictions: ['13-tokyo'] }, { only: 'summary' }, { only: 'handouts' },
  ];
  for (const sel of selections) {
    it(JSON.stringify(sel), () => {
      const whole = checkPlanSet(plan, context);
      const narrowed = checkPlanSet(plan, context, undefined, mayBeChosen(sel));
      // What the build then makes: the same documents, each with the model and problems the whole check gives it.
      const chosen = selectDocuments(narrowed.set!, sel).documents;
      expect(chosen.length).toBeGreaterThan(0);
      expect(chosen.map((d) => [d.instance.stem, d.doc, d.problems])).toEqual(selectDocuments(whole.set!, sel).documents.map((d) => [d.instance.stem, d.doc, d.problems]));
      expect(rendered(narrowed)).toBeLessThan(rendered(whole));
    });
  }
});

describe('the commands', () => {
  const shien = (args: string[]) =>
    new Promise<{ status: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d) => (stderr += d));
      child.on('close', (status) => resolve({ status, stderr }));
    });
  const located = (stderr: string) => stderr.split('\n').filter((l) => /: (error|warning): .+ \[[a-z]+\/[a-z-]+\]$/.test(l)).sort();

  it('print the same problems and exit with the same code, for broken jurisdiction files and registries', async () => {
    // The printing and the exit code are the same code for every set: one set with a broken
    // jurisdiction file and one with a broken registry run as commands; every set's printed lines
    // and exit codes are compared in process above.
    const names = ['local-yaml', 'registry-kana'];
    const runs = await Promise.all(names.flatMap((n) => [
      shien(['validate', join(SETS, n, 'plan')]),
      shien(['build', join(SETS, n, 'plan'), '--out', tempDir()]),
    ]));
    names.forEach((n, i) => {
      const [validate, made] = [runs[2 * i], runs[2 * i + 1]];
      expect(validate.status, n).toBe(1);
      expect(made.status, n).toBe(validate.status);
      expect(located(made.stderr), n).toEqual(located(validate.stderr));
      expect(located(validate.stderr).length, n).toBeGreaterThan(0);
      expect(validate.stderr).not.toMatch(/\n\s+at /);
    });
  });
});
