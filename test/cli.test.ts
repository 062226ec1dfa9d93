import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { closingLine } from '../src/cli/build.js';
import { PLAN_KINDS } from '../src/documents/index.js';
import { ONLY_CHOICES } from '../src/documents/only.js';
import { examples, wrap } from '../src/cli/help.js';
import { createProgram, raisedBy } from '../src/cli/program.js';
import { usageProblem } from '../src/cli/usage.js';
import { exitCodeOf } from '../src/core/problem.js';
import { openerFor } from '../src/cli/open.js';
import { formatProblem, toDiagnostic } from '../src/core/print.js';
import { VERSION } from '../src/core/version.js';
import type { BuildReport, DocumentResult } from '../src/pipeline/build.js';
import { FORMAT_IDS, PAGE_FORMATS } from '../src/render/writers.js';
import { isWide } from '../src/text/chars.js';
import { problemLine, tempDir } from './helpers.js';

// The command line as a person meets it: help, version, mistakes, the problem format, the JSON
// diagnostics, and what a build says at its end.

const ROOT = join(import.meta.dirname, '..');
const MINIMAL = join(import.meta.dirname, 'fixtures', 'plans', 'minimal');

interface Ran { status: number | null; stdout: string; stderr: string }

/** The command as a user runs it, asynchronously so that a test can run several at once. */
const shien = (args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {}) =>
  new Promise<Ran>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'shien.mjs'), ...args], { cwd: opts.cwd ?? ROOT, env: { ...process.env, CI: '1', ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });

/** What commander says in English when left to itself. */
const COMMANDER_ENGLISH = /Usage|Options|Arguments|Commands|default:|choices:|display help|\[options\]|\[command\]|error:|Did you mean|Allowed choices|argument missing|too many arguments/;

const COMMANDS = ['build', 'watch', 'preview', 'validate', 'lint', 'diff', 'publish', 'init-year', 'init-jurisdiction', 'schema', 'survey', 'survey export', 'survey import', 'survey status', 'completion'];

/**
 * The help a command line asks for, from a program made in this process, as the shipped command
 * prints it to a pipe (80 columns).
 */
async function helpOf(args: string[]): Promise<string> {
  const program = createProgram();
  let text = '';
  const capture = (c: Command) => {
    c.configureOutput({ writeOut: (t) => (text += t), getOutHelpWidth: () => 80 });
    c.commands.forEach(capture);
  };
  capture(program);
  await expect(program.parseAsync(['node', 'shien', ...args], { from: 'node' })).rejects.toMatchObject({ exitCode: 0 });
  return text;
}

const cells = (s: string) => [...s].reduce((n, c) => n + (isWide(c) ? 2 : 1), 0);

describe('help', () => {
  it('is Japanese for the program and every command, with examples of the tasks staff do', async () => {
    const asked = [['--help'], ['help'], ...COMMANDS.map((c) => [...c.split(' '), '--help']), ['help', 'build']];
    const runs = await Promise.all(asked.map(async (a) => ({ stdout: await helpOf(a) })));
    // As the shipped command: the program's help by option and by command, a command's and a
    // subcommand's by option and by `help`; each exits 0, prints to stdout only, and prints what
    // the program read in this process prints.
    const shipped = [['--help'], ['help'], ['build', '--help'], ['survey', 'export', '--help'], ['help', 'build']];
    const spawned = await Promise.all(shipped.map((a) => shien(a)));
    shipped.forEach((a, i) => {
      expect(spawned[i].status, a.join(' ')).toBe(0);
      expect(spawned[i].stderr, a.join(' ')).toBe('');
      expect(spawned[i].stdout, a.join(' ')).toBe(runs[asked.findIndex((x) => x.join(' ') === a.join(' '))].stdout);
    });
    for (const r of runs) {
      expect(r.stdout).toMatch(/^使い方: shien /);
      expect(r.stdout).toContain('オプション:');
      expect(r.stdout).not.toMatch(COMMANDER_ENGLISH);
    }
    const [root] = runs;
    expect(root.stdout).toContain('コマンド:');
    for (const c of COMMANDS.filter((x) => !x.includes(' '))) expect(root.stdout).toMatch(new RegExp(`^  ${c}\\b`, 'm'));
    const example = root.stdout.slice(root.stdout.indexOf('例:'));
    expect(example).toMatch(/npx shien build --jurisdiction \S+/); // one prefecture
    expect(example).toMatch(/npx shien init-year/); // next year's plan
    expect(example).not.toMatch(/plans\/r4/); // no folder that does not exist
    expect(example).toMatch(/npx shien validate && npx shien lint --strict/); // before sending
    const build = runs[2].stdout;
    expect(build).toContain('引数:');
    expect(build).toContain('PLAN_DIR');
    expect(build).toMatch(/計画のフォルダ（既定: plans\/r5）/);
    expect(build).toMatch(/--only <WHAT> +作るものを絞る（選べるもの: summary、handouts、\s*data）/);
    expect(build).toContain('どのコマンドにも使えるオプション:');
    expect(build).toContain('--diagnostics <FORMAT>');
    // Wrapped to the terminal's 80 cells, Japanese counted two cells wide.
    for (const line of build.split('\n')) expect(cells(line), line).toBeLessThanOrEqual(80);
  });

  it('wraps Japanese between characters, never before closing punctuation nor inside a word or a <placeholder>', () => {
    const text = '計画のすべての文書を作る（概要 summary.pdf/.docx と、都道府県等版 handouts/<コード>-<名前>.pdf/.docx）。';
    for (const width of [10, 16, 24, 40]) {
      const lines = wrap(text, width).split('\n');
      expect(lines.join('').replace(/\s/g, '')).toBe(text.replace(/\s/g, ''));
      for (const [i, line] of lines.entries()) {
        expect(line).not.toMatch(/^[、。）]/);
        if (i < lines.length - 1) expect(line).not.toMatch(/（$/);
      }
      expect(lines.some((l) => l.includes('handouts/<コード>-<名前>.pdf/.docx'))).toBe(true);
      expect(lines.some((l) => l.includes('summary.pdf/.docx'))).toBe(true);
    }
  });

  it('examples say what they do above the line to type', () => {
    expect(examples([['npx shien validate', '確かめる']])).toBe('\n例:\n  # 確かめる\n  npx shien validate');
  });
});

describe('--version', () => {
  it('prints the name and package.json’s version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    for (const r of await Promise.all([shien(['--version']), shien(['-V'])])) {
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`shien ${pkg.version}\n`);
    }
  });
});

describe('mistakes on the command line', () => {
  const cases: [args: string[], code: string, said: RegExp][] = [
    [['build', '--only', 'pdf'], 'usage/invalid-argument', /オプション --only の値「pdf」は使えません。/],
    [['bulid'], 'usage/unknown-command', /コマンド「bulid」はありません。「build」の誤りではありませんか。/],
    [['build', '--jurisdction', '13'], 'usage/unknown-option', /オプション --jurisdction はありません。「--jurisdiction」の誤りではありませんか。/],
    [['diff', 'v1'], 'usage/missing-argument', /引数 NEW がありません。/],
    [['build', '--out'], 'usage/missing-argument', /オプション --out の値がありません/],
    [['build', '--workers', '0'], 'usage/invalid-argument', /オプション --workers の値「0」は使えません。1 から 32 の整数で指定してください。/],
    [['validate', 'a', 'b'], 'usage/too-many-arguments', /引数が多すぎます（2 個。このコマンドがとるのは 1 個まで: PLAN_DIR）/],
    [['--diagnostics', 'xml', 'validate'], 'usage/invalid-argument', /オプション --diagnostics の値「xml」は使えません。/],
  ];

  /** The problem the line makes, found by a program made in this process, printed as the command prints it. */
  async function problemOf(args: string[]): Promise<string> {
    const program = createProgram();
    const e = await program.parseAsync(args, { from: 'user' }).then(() => undefined, (x: unknown) => x);
    expect(e, args.join(' ')).toBeInstanceOf(CommanderError);
    const problem = usageProblem(e as CommanderError, raisedBy.get(e as CommanderError) ?? program);
    expect(problem, args.join(' ')).toBeDefined();
    expect(exitCodeOf([problem!]), args.join(' ')).toBe(2);
    return formatProblem(problem!, ROOT);
  }

  it('are problems in Japanese, with a usage code, a hint and exit code 2, and nothing of commander’s English', async () => {
    const printed = await Promise.all(cases.map(([args]) => problemOf(args)));
    cases.forEach(([args, code, said], i) => {
      const text = printed[i];
      expect(text, args.join(' ')).toMatch(problemLine('error', code));
      expect(text, args.join(' ')).toMatch(said);
      expect(text).toMatch(/ヒント: 使い方は shien( \S+)? --help で示します。/);
      expect(text.replace(/: error: /g, ': ')).not.toMatch(COMMANDER_ENGLISH);
    });
    expect(printed[0]).toContain('期待: summary、handouts、data ／ 実際: pdf');
    // As the shipped command, a mistake found by a command and one found by the program: exit code
    // 2, nothing on stdout, and on stderr what the program made here prints.
    const shipped = [0, 1];
    const runs = await Promise.all(shipped.map((i) => shien(cases[i][0])));
    shipped.forEach((k, i) => {
      const r = runs[i];
      expect(r.status, cases[k][0].join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(printed[k]);
      expect(r.stderr.replace(/: error: /g, ': ')).not.toMatch(COMMANDER_ENGLISH);
    });
  });
});

describe('the problem format', () => {
  const problem = { severity: 'error' as const, code: 'plan/unknown-key', message: '未定義の項目「fiscalYaer」です。' };

  it('is file:line:column: severity: message [code], as compilers print it, then the lines for people', () => {
    const text = formatProblem({ ...problem, file: join(ROOT, 'plans', 'r5', 'plan.yaml'), place: { line: 2, column: 1, endLine: 2, endColumn: 11 }, source: 'a: 1\nfiscalYaer: 2024\n', path: 'fiscalYaer', hint: '綴りを確かめてください。' }, ROOT);
    expect(text.split('\n')).toEqual([
      'plans/r5/plan.yaml:2:1: error: 未定義の項目「fiscalYaer」です。 [plan/unknown-key]',
      '    2 | fiscalYaer: 2024',
      '      | ^^^^^^^^^^',
      '  項目: fiscalYaer',
      '  ヒント: 綴りを確かめてください。',
    ]);
    // VS Code's $gcc problem matcher, as it is written in VS Code's sources.
    const gcc = /^(.*?):(\d+):(\d*):?\s+(?:fatal\s+)?(warning|error):\s+(.*)$/;
    expect(gcc.exec(text.split('\n')[0])?.slice(1)).toEqual(['plans/r5/plan.yaml', '2', '1', 'error', '未定義の項目「fiscalYaer」です。 [plan/unknown-key]']);
  });

  it('names the file alone when there is no place, and the program when there is no file', () => {
    expect(formatProblem({ ...problem, file: join(ROOT, 'plans', 'r5', 'plan.yaml') }, ROOT)).toBe('plans/r5/plan.yaml: error: 未定義の項目「fiscalYaer」です。 [plan/unknown-key]');
    expect(formatProblem({ ...problem, severity: 'warning' }, ROOT)).toBe('shien: warning: 未定義の項目「fiscalYaer」です。 [plan/unknown-key]');
  });

  it('as JSON: the fields of the first line, and the rest as hints', () => {
    expect(toDiagnostic({ ...problem, file: join(ROOT, 'a.yaml'), place: { line: 3, column: 5 }, expected: 'fiscalYear', hint: '綴り' }, ROOT)).toEqual({
      file: 'a.yaml', line: 3, column: 5, endLine: null, endColumn: null, severity: 'error', code: 'plan/unknown-key',
      message: '未定義の項目「fiscalYaer」です。', hints: ['期待: fiscalYear', '綴り'],
    });
  });
});

describe('--diagnostics json', () => {
  const KEYS = ['code', 'column', 'endColumn', 'endLine', 'file', 'hints', 'line', 'message', 'severity'];

  it('puts one JSON array on stdout and nothing else there, for every command that reports problems', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), readFileSync(join(MINIMAL, 'plan.yaml'), 'utf8').replace('fiscalYear:', 'fiscalYaer:'));
    const [validate, lint, build, usage, clean, help] = await Promise.all([
      shien(['validate', dir, '--diagnostics', 'json']),
      shien(['--diagnostics=json', 'lint', dir]),
      shien(['build', dir, '--out', join(tempDir(), 'out'), '--diagnostics', 'json']),
      shien(['build', '--only', 'pdf', '--diagnostics', 'json']),
      shien(['validate', MINIMAL, '--diagnostics', 'json']),
      shien(['--help', '--diagnostics', 'json']),
    ]);
    for (const r of [validate, lint, build]) {
      expect(r.status).toBe(1);
      const problems = JSON.parse(r.stdout) as Record<string, unknown>[];
      expect(r.stdout.trim().split('\n')).toHaveLength(1);
      const p = problems.find((x) => x.code === 'plan/unknown-key')!;
      expect(Object.keys(p).sort()).toEqual(KEYS);
      expect(p).toMatchObject({ line: 1, column: 1, severity: 'error', message: expect.stringContaining('fiscalYaer') });
      expect(p.file).toMatch(/plan\.yaml$/);
      expect(p.hints).toContain('項目: fiscalYaer');
      // What people read goes to stderr, the problems only to stdout.
      expect(r.stderr).not.toContain('[plan/unknown-key]');
    }
    expect(build.stderr).toContain('文書は作りませんでした');
    expect(usage.status).toBe(2);
    expect(JSON.parse(usage.stdout)).toMatchObject([{ code: 'usage/invalid-argument', file: null, line: null }]);
    expect(usage.stderr).toBe('');
    expect(clean.status).toBe(0);
    expect(JSON.parse(clean.stdout)).toEqual([]);
    expect(clean.stderr).toContain('問題はありません');
    expect(help.stdout).toMatch(/^使い方: /);
  });
});

describe('what a build says', () => {
  const doc = (name: string, files: number, extra: Partial<DocumentResult> = {}): DocumentResult => ({
    name, files: FORMAT_IDS.slice(0, files).map((f) => `out/${name}.${f}`), problems: [], ms: 1, ...extra,
  });
  const report = (documents: DocumentResult[]): BuildReport => ({ problems: [], documents, formats: FORMAT_IDS, removed: [] });
  const perDocument = PAGE_FORMATS.length;

  it('counts documents, with their files in brackets (as many as the formats made), failed and unchanged', () => {
    expect(closingLine(report([doc('summary', perDocument), doc('handouts/13-tokyo', perDocument)]), 12.4)).toBe(`2文書を作成（${2 * perDocument}ファイル）（12 ms）`);
    expect(closingLine(report([doc('summary', 1), doc('handouts/13-tokyo', 0, { skipped: true })]), 5)).toBe('1文書を作成（1ファイル）、1文書は変更なし（作り直すには --force）（5 ms）');
    const failed = doc('handouts/13-tokyo', 0, { problems: [{ severity: 'error', code: 'layout/overflow', message: 'x' }] });
    expect(closingLine(report([doc('summary', 0, { skipped: true }), failed]), 5)).toBe('1文書は失敗、1文書は変更なし（作り直すには --force）（5 ms）　失敗: handouts/13-tokyo');
    expect(closingLine(report([]), 0)).toBe('0文書を作成（0ファイル）（0 ms）');
  });

  it('offers for --only the word of each kind a plan is made into, in their order (the option is made without loading the kinds)', () => {
    expect(ONLY_CHOICES).toEqual(PLAN_KINDS.flatMap((k) => (k.only ? [k.only] : [])));
  });

  it('names where the outputs are, says unchanged documents in one line when piped, and only problems with --quiet', async () => {
    const out = join(tempDir(), 'out');
    const broken = tempDir();
    writeFileSync(join(broken, 'plan.yaml'), readFileSync(join(MINIMAL, 'plan.yaml'), 'utf8').replace('fiscalYear:', 'fiscalYaer:'));
    // The broken plan's build depends on nothing here: it runs alongside the first.
    const [first, quietBroken] = await Promise.all([shien(['build', MINIMAL, '--out', out]), shien(['-q', 'build', broken, '--out', join(tempDir(), 'o')])]);
    expect(first.status).toBe(0);
    const lines = first.stdout.trim().split('\n');
    // The first line names the plan, with its year: the default plan is easy to forget.
    expect(lines[0]).toMatch(/^計画: .*minimal（令和６年度）$/);
    // The summary, then the open data (its programmes and contacts, as CSV and JSON).
    expect(lines[1]).toMatch(/^\[1\/3\] 作成: .*summary\.pdf、.*summary\.docx、.*summary\.html（\d+ ms）$/);
    expect(lines[2]).toMatch(/^\[2\/3\] 作成: .*data\/programmes\.csv、.*data\/programmes\.json（\d+ ms）$/);
    expect(lines.at(-2)).toMatch(new RegExp(`^3文書を作成（${perDocument + 4}ファイル）（\\d+ ms）$`));
    expect(lines.at(-1)).toBe(`出力先: ${out}`);
    // The build's own milliseconds end the closing line.
    const closing = /^\d+文書.*（(\d+) ms）/m;
    expect(closing.exec(first.stdout)?.[1]).toMatch(/^\d+$/);

    const again = await shien(['build', MINIMAL, '--out', out]);
    expect(again.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^計画: /), expect.stringMatching(/^3文書は変更なし（作り直すには --force）（\d+ ms）$/), `出力先: ${out}`]);
    expect(closing.exec(again.stdout)?.[1]).toMatch(/^\d+$/);

    // Made again, quietly: the open data is enough to be made (and said nothing of), with no layout.
    const quiet = await shien(['build', MINIMAL, '--out', out, '--force', '--quiet', '--only', 'data']);
    expect(quiet).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(quietBroken.status).toBe(1);
    expect(quietBroken.stdout).toBe('');
    expect(quietBroken.stderr).toMatch(problemLine('error', 'plan/unknown-key'));
    expect(quietBroken.stderr).not.toContain('エラー 1 件');
    expect(quietBroken.stderr).not.toContain('文書は作りませんでした');
  });

  it('--open opens the one document made, or the folder, with the desktop’s opener', async () => {
    // A stand-in for xdg-open that writes down what it was asked to open: one per build, so that the
    // two builds can run at once.
    const standIn = () => {
      const bin = tempDir();
      const asked = join(bin, 'asked');
      writeFileSync(join(bin, 'xdg-open'), `#!/bin/sh\nprintf '%s\\n' "$1" >> "${asked}"\n`);
      chmodSync(join(bin, 'xdg-open'), 0o755);
      return { asked, env: { PATH: `${bin}:${process.env.PATH}` } };
    };
    const [one, several] = [standIn(), standIn()];
    const plan = join(tempDir(), 'minimal');
    cpSync(MINIMAL, plan, { recursive: true });
    const out = join(tempDir(), 'out');
    // Several documents: the small plan's open data, its programmes and its contacts (nothing to lay out).
    const runs = await Promise.all([
      shien(['build', plan, '--out', out, '--only', 'summary', '--open'], { env: one.env }),
      shien(['build', MINIMAL, '--out', join(tempDir(), 'several'), '--only', 'data', '--open'], { env: several.env }),
    ]);
    expect(runs.map((r) => r.status)).toEqual([0, 0]);
    expect(runs[1].stdout).toMatch(/^2文書を作成/m);
    const opened = [one, several].flatMap(({ asked }) => readFileSync(asked, 'utf8').trim().split('\n'));
    expect(opened).toHaveLength(2);
    expect(opened[0]).toBe(join(out, `summary.${FORMAT_IDS[0]}`));
    expect(opened[1]).toMatch(/\/several$/);
  });

  it('the opener is the desktop’s own on each system', () => {
    expect(openerFor('/o', 'linux')).toEqual(['xdg-open', ['/o']]);
    expect(openerFor('/o', 'darwin')).toEqual(['open', ['/o']]);
    expect(openerFor('C:\\o', 'win32')).toEqual(['cmd', ['/c', 'start', '""', 'C:\\o']]);
  });
});

describe('shell completion', () => {
  // The three commands of these tests, started together when the first test asks.
  let ran: Promise<Ran[]> | undefined;
  const completion = async (shell: 'bash' | 'zsh' | 'fish') => {
    const shells = ['bash', 'zsh', 'fish'] as const;
    ran ??= Promise.all(shells.map((s) => shien(['completion', s])));
    return (await ran)[shells.indexOf(shell)];
  };

  it('bash: a valid script that completes commands, options, choices, jurisdictions and folders', async () => {
    const r = await completion('bash');
    expect(r.status).toBe(0);
    const script = join(tempDir(), 'shien.bash');
    writeFileSync(script, r.stdout);
    execFileSync('bash', ['-n', script]);
    // As bash calls it on Tab: the words so far, the last one being completed.
    const complete = (...words: string[]) =>
      execFileSync('bash', ['-c', `source "$0"; COMP_WORDS=("$@"); COMP_CWORD=$((\${#COMP_WORDS[@]} - 1)); _shien; printf '%s\n' "\${COMPREPLY[@]}"`, script, 'shien', ...words], { cwd: ROOT, encoding: 'utf8' })
        .split('\n').filter(Boolean);
    expect(complete('bu')).toEqual(['build']);
    expect(complete('')).toEqual(expect.arrayContaining(COMMANDS.filter((c) => !c.includes(' '))));
    expect(complete('--diagnostics', 'json', 'va')).toEqual(['validate']);
    expect(complete('build', '--on')).toEqual(['--only']);
    expect(complete('build', '--only', '')).toEqual(['summary', 'handouts', 'data']);
    expect(complete('build', '--format', '')).toEqual(FORMAT_IDS);
    expect(complete('build', '--jurisdiction', '秋')).toEqual(['秋田県']);
    expect(complete('init-jurisdiction', 'yoko')).toEqual(['yokohama']);
    expect(complete('init-jurisdiction', '13', 'pla')).toEqual(['plans']);
    expect(complete('build', 'pla')).toEqual(['plans']);
    expect(complete('help', 'di')).toEqual(['diff']);
  });

  it('zsh: a script for compinit with every command and its options', async () => {
    const r = await completion('zsh');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^#compdef shien\n/);
    for (const c of COMMANDS.filter((x) => !x.includes(' '))) expect(r.stdout).toMatch(new RegExp(`^        ${c}\\) _arguments `, 'm'));
    expect(r.stdout).toContain("'*--jurisdiction[");
    expect(r.stdout).toContain(':WHAT:(summary handouts data)');
  });

  it('is refused for another shell, as a usage mistake', async () => {
    const r = await completion('fish');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(problemLine('error', 'usage/invalid-argument'));
    expect(r.stderr).toContain('期待: bash、zsh');
  });
});
