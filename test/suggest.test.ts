import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { suggestNames } from '../src/core/suggest.js';
import { loadPlanFiles } from '../src/plan/files.js';
import { unknownJurisdiction } from '../src/pipeline/select.js';
import { checkPlan, problemLine, shienIn } from './helpers.js';

// Did-you-mean wherever a name is looked up: jurisdictions by name, reading, romaji or code, and
// the categories a jurisdiction file refers to.

const ROOT = join(import.meta.dirname, '..');
const registry = loadPlanFiles(join(ROOT, 'plans', 'r5')).files!.registry;
const meant = (key: string) => unknownJurisdiction(registry, key).message;

describe('a jurisdiction that is not in the registry', () => {
  const cases: [typed: string, suggested: string[]][] = [
    ['秋田', ['秋田県（05）']], // the registry has no 秋田市: not a designated city
    ['大阪', ['大阪府（27）', '大阪市（271004）']],
    ['横浜', ['横浜市（141003）']],
    ['よこはま', ['横浜市（141003）']],
    ['Yokohama', ['横浜市（141003）']],
    ['akitaken', ['秋田県（05）']],
    ['1', ['北海道（01）']],
    ['１３', ['東京都（13）']],
    ['01100', ['札幌市（011002）']],
    ['きょうと', ['京都府（26）', '京都市（261009）']],
    ['東京府', ['東京都（13）']],
    ['かなが', ['神奈川県（14）']],
    ['tokio', ['東京都（13）']],
    ['sappro', ['札幌市（011002）']],
  ];
  for (const [typed, suggested] of cases) {
    it(`${typed} → ${suggested.join('、')}`, () => {
      expect(meant(typed)).toBe(`都道府県等「${typed}」は一覧にありません。${suggested.join('、')}の誤りではありませんか。`);
    });
  }

  it('suggests nothing for what resembles no name', () => {
    expect(meant('zzz')).toBe('都道府県等「zzz」は一覧にありません。');
    expect(unknownJurisdiction(registry, 'zzz').hint).toContain('コード（13、011002）');
  });

  it('is the same problem for build --jurisdiction, survey export --jurisdiction and init-jurisdiction', async () => {
    const shien = (...args: string[]) => shienIn(ROOT, args);
    const never = join(ROOT, 'output', 'never-made');
    // Three commands that each stop at the name, at once.
    for (const r of await Promise.all([shien('init-jurisdiction', '秋田'), shien('build', '--jurisdiction', '秋田', '--out', never), shien('survey', 'export', '--jurisdiction', '秋田', '--out', never)])) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(problemLine('error', 'usage/unknown-jurisdiction'));
      expect(r.stderr).toContain('「秋田」は一覧にありません。秋田県（05）の誤りではありませんか。');
    }
  });
});

describe('the rules, on their own', () => {
  const named = ['apple', 'apricot', 'banana'].map((w) => ({ value: w, forms: [w] }));

  it('take the first rule that finds anything, and every match it finds', () => {
    expect(suggestNames('ap', named)).toEqual(['apple', 'apricot']);
    expect(suggestNames('banan', named)).toEqual(['banana']);
    expect(suggestNames('bananna', named)).toEqual(['banana']);
    expect(suggestNames('cherry', named)).toEqual([]);
    expect(suggestNames('', named)).toEqual([]);
  });
});

describe('a category a jurisdiction file names that the plan does not have', () => {
  it('suggests the plan’s category', () => {
    const r = checkPlan(join(import.meta.dirname, 'fixtures', 'sets', 'local-category', 'plan'));
    const p = r.problems.find((x) => x.code === 'plan/unknown-reference')!;
    expect(p.message).toBe('事業区分「onee」は計画の act.categories にありません。「one」の誤りではありませんか。');
  });
});
