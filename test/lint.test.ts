import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../src/core/print.js';
import { lintPath } from '../src/cli/lint.js';
import { lintFile } from '../src/lint/lint.js';
import { mixedDigits, type Scalar } from '../src/lint/rules.js';
import { shienIn, type Ran } from './helpers.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'lint');
const ROOT = join(import.meta.dirname, '..');

/** `# Warning: 12:3 lint/ascii-space` lines at the top of a fixture: what it must report. */
function expectations(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^# Warning: (\d+:\d+ \S+)$/gm)].map((m) => m[1]);
}

const got = (file: string) => lintFile(file).map((p) => `${p.place?.line}:${p.place?.column} ${p.code}`);

describe('each rule names file:line:column, in Japanese, with an English code', () => {
  for (const name of ['ascii-space.yaml', 'mixed-digits.yaml', 'dashes.yaml']) {
    it(name, () => {
      const file = join(FIXTURES, name);
      const expected = expectations(file);
      expect(expected.length, 'fixture names what it expects').toBeGreaterThan(0);
      expect(got(file)).toEqual(expected);
      for (const p of lintFile(file)) {
        expect(p.severity).toBe('warning');
        expect(p.file).toBe(file);
        expect(p.message).toMatch(/[ぁ-んァ-ヶ一-龠]/u);
        expect(p.code).toMatch(/^lint\/[a-z-]+$/);
      }
    });
  }

  it('finds nothing in text written the official way', () => {
    expect(got(join(FIXTURES, 'clean.yaml'))).toEqual([]);
  });

  it('finds nothing in the R5 plan data (and never rewrites it)', async () => {
    const before = readFileSync('plans/r5/plan.yaml');
    const r = await lintPath('plans/r5');
    expect(r.files.length).toBeGreaterThan(0);
    expect(r.problems).toEqual([]);
    expect(readFileSync('plans/r5/plan.yaml').equals(before)).toBe(true);
  });
});

describe('messages', () => {
  it('show the line and point at the space', () => {
    const file = join(FIXTURES, 'ascii-space.yaml');
    const p = lintFile(file).find((x) => x.place?.line === 12)!;
    expect(formatProblem(p, FIXTURES)).toBe([
      'ascii-space.yaml:12:15: warning: 日本語の文字の間に半角スペースがあります（「業 等」）。 [lint/ascii-space]',
      '   12 |   - 中小企業取引対策事業 等',
      '      |                         ^',
      '  ヒント: 公表版の文言に空白がなければ削除してください。字間はテンプレートと書体が決めます。',
    ].join('\n'));
  });

  it('say which style the file follows and what was found', () => {
    const p = lintFile(join(FIXTURES, 'mixed-digits.yaml')).find((x) => x.found?.includes('5'))!;
    expect(p.message).toContain('１桁は全角、２桁以上は半角');
    expect(p.expected).toBe('全角の数字');
    expect(p.found).toBe('半角の数字「5」');
  });

  it('name both look-alike characters by code point', () => {
    const p = lintFile(join(FIXTURES, 'dashes.yaml')).find((x) => x.code === 'lint/wave-dash')!;
    expect(p.message).toContain('U+301C');
    expect(p.message).toContain('U+FF5E');
  });
});

describe('digit styles', () => {
  const scalars = (...texts: string[]): Scalar[] => {
    let start = 0;
    return texts.map((text) => {
      const s = { start, end: start + text.length, text, folds: true };
      start += text.length + 1;
      return s;
    });
  };
  const codes = (...texts: string[]) => mixedDigits(scalars(...texts)).map((f) => f.at);

  it('accept any one consistent style', () => {
    expect(codes('令和５年度と令和10年度')).toEqual([]);
    expect(codes('令和５年度と令和１０年度')).toEqual([]);
    expect(codes('令和5年度と令和10年度')).toEqual([]);
  });

  it('report the numbers that break the style most of the file follows', () => {
    // Two full-width, one half-width single digit: the half-width one is reported.
    expect(codes('第３条第１項', '令和5年度')).toEqual([7 + 2]);
    // Full-width throughout except one long half-width number.
    expect(codes('１０件と２０件', '30件')).toEqual([8]);
  });

  it('count only prose: codes, URLs and Latin words are left alone', () => {
    expect(codes('011-000-0000', '2023-03-31', '令和５年度', 'https://example.jp/1/2 を見る', 'R5 版')).toEqual([]);
  });
});

describe('npx shien lint', () => {
  // Each test's command, all started together when the first test asks (they are independent).
  const COMMANDS = {
    warnings: ['lint', join(FIXTURES, 'ascii-space.yaml')],
    strict: ['lint', '--strict', join(FIXTURES, 'ascii-space.yaml')],
    clean: ['lint', '--strict', join(FIXTURES, 'clean.yaml')],
    folder: ['lint', join(FIXTURES, 'plan')],
    missing: ['lint', join(FIXTURES, 'no-such-plan')],
  };
  type Name = keyof typeof COMMANDS;
  let runs: Promise<Record<Name, Ran>> | undefined;
  const shien = async (name: Name) => {
    runs ??= Promise.all(Object.entries(COMMANDS).map(async ([n, args]) => [n, await shienIn(ROOT, args)] as const)).then((r) => Object.fromEntries(r) as Record<Name, Ran>);
    return (await runs)[name];
  };

  it('exits 0 with warnings, printed as file:line:column', async () => {
    const r = await shien('warnings');
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/ascii-space\.yaml:11:17: warning: .+ \[lint\/ascii-space\]$/m);
    expect(r.stderr).toContain('エラー 0 件、警告 6 件');
  });

  it('exits 1 with warnings under --strict', async () => {
    expect((await shien('strict')).status).toBe(1);
  });

  it('exits 0 and says so when there is nothing to report, even under --strict', async () => {
    const r = await shien('clean');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('問題はありません');
  });

  it('reads every file of a plan folder, jurisdiction files included, with the checks of validate, and exits 1 on one it cannot parse', async () => {
    const r = await shien('folder');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/jurisdictions\/13-tokyo\.yaml:3:7: warning: .+ \[lint\/mixed-digits\]$/m);
    expect(r.stderr).toMatch(/jurisdictions\/broken\.yaml:\d+:\d+: error: .+ \[yaml\/[a-z-]+\]$/m);
    // plan.yaml is no plan: validate's problems are lint's too.
    expect(r.stderr).toMatch(/plan\.yaml:\d+:\d+: error: .+ \[plan\/missing-key\]$/m);
    expect(r.stderr).toMatch(/plan\.yaml:3:9: warning: .+ \[lint\/ascii-space\]$/m);
  });

  it('exits 2 for a folder that does not exist (the command was typed wrong)', async () => {
    const r = await shien('missing');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('plan/no-directory');
  });
});
