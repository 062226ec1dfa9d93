import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultChoices, EXISTING_DAY, writeSchemas } from '../src/check/json-schema.js';
import { toDiagnostic, type Diagnostic as Reported } from '../src/core/print.js';
import { EXIT, exitCodeOf } from '../src/core/problem.js';
import { validatePlan } from '../src/pipeline/validate.js';
import { IsoDate } from '../src/plan/schema.js';
import { context, tempDir } from './helpers.js';
import { documentation, LanguageServer, positionOf } from './lsp.js';

// The editor, as VS Code's YAML extension runs it: yaml-language-server over stdio, reading the
// schemas the files name in their `# yaml-language-server: $schema=…` line. What a person sees
// on hover, in completion and in the problems list is Japanese, never a regular expression.

const ROOT = join(import.meta.dirname, '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const JAPANESE = /[ぁ-んァ-ヶ一-龠]/u;

const PLAN = 'plans/r5/plan.yaml';
const LOCAL = 'plans/r5/jurisdictions/13-tokyo.yaml';
const REGISTRY = 'plans/jurisdictions.yaml';
const THEME = 'templates/theme.yaml';

let server: LanguageServer;
beforeAll(async () => {
  server = new LanguageServer();
  await server.initialize();
});
afterAll(async () => {
  expect(await server.shutdown()).toBe(0);
});

/** A hover one character into the key (at its first column the server may answer for the line above). */
const hoverKey = (path: string, text: string, key: string) => server.hover(path, positionOf(text, `${key}:`, 1));

/** The diagnostics of the file with one value replaced: each must be Japanese and show no expression. */
async function diagnosticsWith(path: string, from: string, to: string) {
  const text = read(path);
  expect(text).toContain(from);
  const diagnostics = await server.open(path, text.replace(from, to));
  for (const d of diagnostics) {
    expect(d.message).toMatch(JAPANESE);
    expect(d.message).not.toMatch(/pattern|\^|\\d|\$"/);
  }
  return diagnostics.map((d) => d.message);
}

describe('plan.yaml in the editor', () => {
  const text = read(PLAN);

  it('hover shows the key’s Japanese title and description', async () => {
    await server.open(PLAN, text);
    const hover = await hoverKey(PLAN, text, 'fiscalYear');
    expect(hover).toMatch(/^#### 年度\n\n会計年度（西暦の整数/);
    expect(await hoverKey(PLAN, text, 'issuer')).toContain('#### 発行者');
  });

  it('completion offers the categories of the Act, each with its name', async () => {
    await server.open(PLAN, text);
    const items = await server.complete(PLAN, positionOf(text, 'category: diagnosis', 'category: '.length));
    const { categories } = defaultChoices();
    expect(items.map((i) => i.label)).toEqual(categories.map((c) => c.value));
    expect(items.map(documentation)).toEqual(categories.map((c) => c.name));
  });

  it('a new item of a list is named for what it is, not object(…)', async () => {
    const edited = text.replace('implementers:\n', 'implementers:\n  \n');
    await server.open(PLAN, edited);
    const labels = (await server.complete(PLAN, positionOf(edited, 'implementers:\n  \n', 'implementers:\n  '.length))).map((i) => i.label);
    expect(labels.some((l) => l.includes('実施主体'))).toBe(true);
    expect(labels.join(' ')).not.toContain('object(');
  });

  it('a date in the wrong form is said in Japanese', async () => {
    expect(await diagnosticsWith(PLAN, 'published: 2023-03-31', 'published: 2023/03/31')).toEqual(['日付は 2023-03-31 の形（年-月-日）で書いてください。']);
  });
});

describe('a jurisdiction’s file in the editor', () => {
  const text = read(LOCAL);

  it('hover shows the key’s Japanese title and description', async () => {
    await server.open(LOCAL, text);
    expect(await hoverKey(LOCAL, text, 'center')).toMatch(/^#### 中小企業支援センター\n\n/);
    expect(await hoverKey(LOCAL, text, 'contacts')).toContain('#### そのほかの相談窓口');
  });

  it('completion offers the keys, and the codes with the names of the jurisdictions', async () => {
    const fresh = 'plans/r5/jurisdictions/99-new.yaml';
    await server.open(fresh, '# yaml-language-server: $schema=../../../schema/local-plan.schema.json\ncode: "13"\n\n');
    const keys = (await server.complete(fresh, { line: 2, character: 0 })).map((i) => i.label);
    expect(keys).toEqual(expect.arrayContaining(['sample', 'center', 'contacts', 'programmes']));
    await server.open(LOCAL, text);
    const codes = await server.complete(LOCAL, positionOf(text, 'code: "13"', 'code: '.length));
    expect(codes.find((i) => i.label === '"13"') ?? codes.find((i) => i.label === '13')).toBeDefined();
    expect(documentation(codes.find((i) => /^"?13"?$/.test(i.label)))).toBe('東京都');
    expect(codes).toHaveLength(defaultChoices().jurisdictions.length);
  });

  it('a phone number that is not one is said in Japanese', async () => {
    expect(await diagnosticsWith(LOCAL, 'phone: 03-0000-0000', 'phone: 代表番号')).toEqual(['電話番号は数字とハイフンで書いてください（例: 03-1234-5678）。']);
  });
});

describe('the registry in the editor', () => {
  const text = read(REGISTRY);

  it('hover shows the key’s Japanese title and description', async () => {
    await server.open(REGISTRY, text);
    expect(await hoverKey(REGISTRY, text, 'kana')).toMatch(/^#### 読み\n\n名前の読み（ひらがな/);
  });

  it('completion offers the kinds with what they mean', async () => {
    await server.open(REGISTRY, text);
    const items = await server.complete(REGISTRY, positionOf(text, 'kind: prefecture', 'kind: '.length));
    expect(items.map((i) => [i.label, documentation(i)])).toEqual([['prefecture', '都道府県'], ['city', '指定都市']]);
  });

  it('a code of the wrong form is said in Japanese', async () => {
    const messages = await diagnosticsWith(REGISTRY, 'code: "13"', 'code: "1"');
    expect(messages).toContain('code は都道府県なら2桁、指定都市なら6桁の数字を引用符で囲んで書いてください（例: "13"、"011002"）。');
  });
});

describe('the theme in the editor', () => {
  const text = read(THEME);

  it('hover shows the key’s Japanese title and description', async () => {
    await server.open(THEME, text);
    expect(await hoverKey(THEME, text, 'digits')).toMatch(/^#### 数字の全角・半角\n\n/);
    expect(await hoverKey(THEME, text, 'minBody')).toContain('#### 本文の下限');
  });

  it('completion offers the digit styles with what they mean', async () => {
    await server.open(THEME, text);
    const items = await server.complete(THEME, positionOf(text, 'digits: single-fullwidth', 'digits: '.length));
    expect(items.map((i) => i.label)).toEqual(['single-fullwidth', 'fullwidth', 'halfwidth']);
    expect(documentation(items[0])).toContain('令和５年度');
  });

  it('a colour that is not #RRGGBB is said in Japanese', async () => {
    expect(await diagnosticsWith(THEME, "text: '#000000'", "text: '#00000'")).toEqual(['色は #RRGGBB（16進数の6桁、例: #1F3864）で書いてください。']);
  });
});

describe('the schemas the editor reads', () => {
  const schemas = writeSchemas().map(([name, text]) => [name, JSON.parse(text)] as const);

  /** Every key of every object, with the schema of its value. */
  function keys(node: unknown, path = ''): [string, Record<string, unknown>][] {
    if (Array.isArray(node)) return node.flatMap((n, i) => keys(n, `${path}[${i}]`));
    if (!node || typeof node !== 'object') return [];
    const own = Object.entries((node as { properties?: Record<string, Record<string, unknown>> }).properties ?? {}).map(([k, v]) => [`${path}.${k}`, v] as [string, Record<string, unknown>]);
    return [...own, ...Object.entries(node).flatMap(([k, v]) => keys(v, `${path}/${k}`))];
  }

  it('give every key a Japanese title and description', () => {
    for (const [name, schema] of schemas) {
      const all = keys(schema);
      expect(all.length, name).toBeGreaterThan(5);
      for (const [path, s] of all) {
        expect(s.title, `${name} ${path}`).toMatch(JAPANESE);
        expect(s.description, `${name} ${path}`).toMatch(JAPANESE);
      }
    }
  });

  it('give every pattern and format a Japanese message for the editor to show', () => {
    const patterned = (node: unknown): Record<string, unknown>[] =>
      Array.isArray(node) ? node.flatMap(patterned)
        : node && typeof node === 'object' ? [...('pattern' in node || 'format' in node ? [node as Record<string, unknown>] : []), ...Object.values(node).flatMap(patterned)] : [];
    for (const [name, schema] of schemas) {
      for (const s of patterned(schema)) expect(s.patternErrorMessage, `${name} ${JSON.stringify(s).slice(0, 80)}`).toMatch(JAPANESE);
    }
  });

  it('list the default plan’s categories and the registry’s codes, from the data', () => {
    const choices = defaultChoices(join(ROOT, 'test', 'fixtures', 'sets', 'valid', 'plan'));
    const [, local] = writeSchemas(choices).find(([name]) => name === 'local-plan.schema.json')!;
    const category = JSON.parse(local).properties.programmes.items.properties.category;
    expect(category.enum).toEqual(choices.categories.map((c) => c.value));
    expect(category.enumDescriptions).toEqual(choices.categories.map((c) => c.name));
  });
});

/**
 * `validate`'s check, in this process, on a copy of the plans with one value of plan.yaml replaced:
 * the problems as `--diagnostics json` gives them, with paths relative to the copy. (What the command
 * adds, the exit code and stdout/stderr, is cli.test.ts's; here the point is the words.)
 */
async function validateWith(from: string, to: string): Promise<Reported[]> {
  const dir = tempDir();
  cpSync(join(ROOT, 'plans'), join(dir, 'plans'), { recursive: true });
  const file = join(dir, PLAN);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
  const problems = await validatePlan({ planDir: join(dir, 'plans', 'r5'), workers: 1 }, context);
  expect(exitCodeOf(problems)).toBe(EXIT.data);
  return JSON.parse(JSON.stringify(problems.map((p) => toDiagnostic(p, dir)))) as Reported[];
}

describe('a mistake is said in Japanese by the editor and by validate alike', () => {
  const text = read(PLAN);
  /** The messages the editor shows with one value replaced (only those: any other would be a second message). */
  const editorWith = async (from: string, to: string) => (await server.open(PLAN, text.replace(from, to))).map((d) => d.message);

  it('a value that is not one of the choices names the choices, for every enum of every schema', async () => {
    expect(await editorWith('status: draft', 'status: drafts')).toEqual(['「draft」「final」のどちらかを書いてください。']);
    expect(await editorWith('license: gov-standard', 'license: cc-by')).toEqual(['「gov-standard」「cc-by-4.0」のどちらかを書いてください。']);
    const local = read(LOCAL);
    const codes = (await server.open(LOCAL, local.replace('code: "13"', 'code: "00"'))).map((d) => d.message);
    expect(codes).toEqual([`候補（${defaultChoices().jurisdictions.length} 個）のどれかを書いてください。入力の補完で、候補とその名前が出ます。`]);
    const enums = (node: unknown): Record<string, unknown>[] =>
      Array.isArray(node) ? node.flatMap(enums)
        : node && typeof node === 'object' ? [...('enum' in node ? [node as Record<string, unknown>] : []), ...Object.values(node).flatMap(enums)] : [];
    for (const [name, json] of writeSchemas()) {
      const found = enums(JSON.parse(json));
      expect(found.length, name).toBeGreaterThan(0);
      for (const e of found) {
        const values = e.enum as string[];
        expect(e.errorMessage, `${name} ${values}`).toMatch(JAPANESE);
        if (values.length <= 6) for (const v of values) expect(e.errorMessage).toContain(`「${v}」`);
      }
    }
    const [cli] = await validateWith('status: draft', 'status: drafts');
    expect([cli.line, cli.column, cli.code, cli.message]).toEqual([7, 9, 'plan/invalid-value', '「status」の値が選べるものではありません。']);
    expect(cli.hints).toContain('期待: draft / final');
  });

  it('a day that does not exist is refused, leap years counted', async () => {
    const noSuchDay = '暦にない日付です。月の日数と、うるう年（2月29日）かどうかを確かめてください。';
    expect(await editorWith('published: 2023-03-31', 'published: 2023-02-30')).toEqual([noSuchDay]);
    expect(await editorWith('published: 2023-03-31', 'published: 2023-02-29')).toEqual([noSuchDay]);
    expect(await editorWith('published: 2023-03-31', 'published: 2024-02-29')).toEqual([]);
    expect(await editorWith('published: 2023-03-31', 'published: 2023-04-31')).toEqual([noSuchDay]);
    // A date written as a number is said in the date's words, not as a wrong type.
    expect(await editorWith('published: 2023-03-31', 'published: 20230331')).toEqual(['日付は 2023-03-31 の形（年-月-日）で書いてください。']);
    const reported = await validateWith('published: 2023-03-31', 'published: 2023-02-30');
    expect(reported.map((p) => [p.line, p.column, p.code, p.message])).toEqual([[10, 12, 'plan/no-such-day', '2023年2月30日という日はありません。']]);
  });

  it('the editor’s pattern of days agrees with validate’s calendar on every day of the years that differ', () => {
    const pattern = new RegExp(EXISTING_DAY, 'u');
    const pad = (n: number, w: number) => String(n).padStart(w, '0');
    let days = 0;
    for (const y of [0, 4, 100, 1600, 1900, 1999, 2000, 2023, 2024, 2100, 2400, 9996, 9999]) {
      for (let m = 0; m <= 13; m++) {
        for (let d = 0; d <= 32; d++) {
          const s = `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
          const exists = IsoDate.safeParse(s).success;
          expect(pattern.test(s), s).toBe(exists);
          if (exists) days++;
        }
      }
    }
    expect(days).toBe(365 * 13 + 7); // leap: 0, 4, 1600, 2000, 2024, 2400, 9996
  });

  it('a bullet that a half-width colon made a map says so, how to keep it one sentence, and which bullet', async () => {
    const from = '    - 令和５年度計画において';
    const to = '    - 重点: 令和５年度計画において';
    const [editor, ...more] = await editorWith(from, to);
    expect(more).toEqual([]);
    expect(editor).toContain('半角のコロン「: 」');
    expect(editor).toContain('全角の「：」にするか、文全体を引用符（"…"）で囲んでください。');
    const reported = await validateWith(from, to);
    expect(reported).toHaveLength(1);
    const [p] = reported;
    expect([p.line, p.column, p.code]).toEqual([19, 7, 'plan/wrong-type']);
    expect(p.message).toBe('「bullets」の 2 番目は文字列で書いてください。半角のコロン「: 」で、この行が項目名「重点」と値の組（マップ）として読まれました。');
    expect(p.hints).toEqual(['項目: positioning.bullets[1]', '期待: 文字列', '実際: 項目の集まり（マップ）', '全角の「：」にするか、文全体を引用符（"…"）で囲んでください。']);
  });

  it('a list written as one string gets one message, that a list is expected, never its characters counted as items', async () => {
    const from = '\npositioning:';
    const to = '\nsurvey:\n  contact: 中小企業庁 経営支援課 電話 03-3501-1763（直通）\n\npositioning:';
    const list = '配列（- で始まる行の並び）で書いてください。一つだけでも、次の行から「- 」を付けて一行に一つずつ書いてください。';
    expect(await editorWith(from, to)).toEqual([list]);
    const reported = await validateWith(from, to);
    expect(reported.map((p) => [p.line, p.column, p.code, p.message])).toEqual([[16, 12, 'plan/wrong-type', '「contact」は配列（- で始まる行の並び）で書いてください。']]);
    expect(reported[0].hints).toContain('一つだけでも、次の行から「- 」を付けて一行に一つずつ書いてください。');
    expect(JSON.stringify(reported)).not.toContain('個');
  });
});
