import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckMemo } from '../src/check/memo.js';
import { checkPlanSet, type Checked } from '../src/check/plan-set.js';
import { loadResources } from '../src/check/resources.js';
import { build } from '../src/pipeline/build.js';
import { validatePlan } from '../src/pipeline/validate.js';
import { context, tempDir } from './helpers.js';

// Incremental checking (watch, preview): a check with the memory of the last one gives exactly what
// a check from nothing gives — problems and document models — after any edit, while what a save did
// not touch is reused, not made again.

const modelOf = (c: Checked, stem: string) => c.set?.documents.find((d) => d.instance.stem === stem)?.doc;
/** What a check says, as comparable data: problems (with places) and every document model. */
const said = (c: Checked) => JSON.stringify({ problems: c.problems, documents: c.set?.documents.map((d) => [d.instance.stem, d.doc, d.problems]) });

function copyOfPlans() {
  const dir = tempDir('shien-memo-');
  cpSync('plans', join(dir, 'plans'), { recursive: true });
  const planDir = join(dir, 'plans', 'r5');
  const edit = (file: string, from: string | RegExp, to: string) => {
    const path = join(planDir, file);
    const text = readFileSync(path, 'utf8');
    if (!text.match(from)) throw new Error(`${from} not in ${file}`);
    writeFileSync(path, text.replace(from, to));
  };
  return { planDir, edit };
}

describe('a check that remembers the last one', () => {
  it('remakes only the document of a saved jurisdiction file, and says what a check from nothing says', () => {
    const { planDir, edit } = copyOfPlans();
    const memo = new CheckMemo();
    const first = checkPlanSet(planDir, context, memo);
    expect(first.problems.filter((p) => p.severity === 'error')).toEqual([]);

    edit('jurisdictions/13-tokyo.yaml', '見本経営者研修事業', '見本経営者研修事業その二');
    const second = checkPlanSet(planDir, context, memo);
    expect(said(second)).toBe(said(checkPlanSet(planDir, context)));
    expect(JSON.stringify(modelOf(second, 'handouts/13-tokyo'))).toContain('見本経営者研修事業その二');
    // Unchanged inputs, the same model (not templated again); the edited one, a new model.
    expect(modelOf(second, 'summary')).toBe(modelOf(first, 'summary'));
    expect(modelOf(second, 'handouts/14-kanagawa')).toBe(modelOf(first, 'handouts/14-kanagawa'));
    expect(modelOf(second, 'handouts/13-tokyo')).not.toBe(modelOf(first, 'handouts/13-tokyo'));

    // A sentence every handout prints: every handout is new.
    edit('plan.yaml', '「自己変革力」を', '「自己変革力」を一層');
    const third = checkPlanSet(planDir, context, memo);
    expect(said(third)).toBe(said(checkPlanSet(planDir, context)));
    expect(modelOf(third, 'handouts/14-kanagawa')).not.toBe(modelOf(second, 'handouts/14-kanagawa'));
  });

  it('finds a problem a save brings, at its line, and forgets it when the file is put back', () => {
    const { planDir, edit } = copyOfPlans();
    const memo = new CheckMemo();
    const clean = said(checkPlanSet(planDir, context, memo));
    const tokyo = join(planDir, 'jurisdictions/13-tokyo.yaml');
    const good = readFileSync(tokyo, 'utf8');

    // A character no font has, then a key the schema does not know: each found as a check from nothing finds it.
    edit('jurisdictions/13-tokyo.yaml', '見本経営者研修事業', '見本\u{30000}研修事業');
    const tofu = checkPlanSet(planDir, context, memo);
    expect(tofu.problems.map((p) => [p.code, p.file, p.place?.line])).toEqual([['font/missing-glyph', tokyo, expect.any(Number)]]);
    expect(said(tofu)).toBe(said(checkPlanSet(planDir, context)));
    writeFileSync(tokyo, good.replace(/^sample:/m, 'sampel:'));
    const typo = checkPlanSet(planDir, context, memo);
    expect(typo.problems.map((p) => p.code)).toContain('plan/unknown-key');
    expect(said(typo)).toBe(said(checkPlanSet(planDir, context)));

    writeFileSync(tokyo, good);
    expect(said(checkPlanSet(planDir, context, memo))).toBe(clean);
  });

  it('makes every document again with templates loaded again (a template or a font saved)', () => {
    const { planDir } = copyOfPlans();
    const memo = new CheckMemo();
    const first = checkPlanSet(planDir, context, memo);
    const reloaded = loadResources();
    const second = checkPlanSet(planDir, () => reloaded, memo);
    expect(modelOf(second, 'summary')).not.toBe(modelOf(first, 'summary'));
    expect(said(second)).toBe(said(first));
  });
});

describe('validate and the record of the last build', () => {
  it('lays out only what the record does not prove laid out, and still finds a page overflow', async () => {
    const planDir = join(tempDir('shien-validate-'), 'minimal');
    cpSync('test/fixtures/plans/minimal', planDir, { recursive: true });
    const out = tempDir('shien-validate-out-');
    const laidOut = async () => {
      const laid: string[] = [];
      const problems = await validatePlan({ planDir, outDir: out, workers: 1, onLaidOut: (stem) => laid.push(stem) }, context);
      expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
      return laid;
    };
    expect(await laidOut()).toEqual(['summary']);
    await build({ planDir, outDir: out, formats: ['html'], workers: 1 }, context);
    // Built from the same model in a page format: laid out then, not again.
    expect(await laidOut()).toEqual([]);

    // A summary too long for its page, with the record of the good one beside it: found all the same.
    const overflow = join('test', 'fixtures', 'sets', 'overflow-summary', 'plan');
    const found = await validatePlan({ planDir: overflow, outDir: out, workers: 1 }, context);
    expect(found.map((p) => p.code)).toContain('layout/overflow');
  });
});
