import { Argument, Command, type Option } from 'commander';
import { ROOT } from '../core/paths.js';
import type { loadPlanFiles } from '../plan/files.js';
import { defaultPlanDir } from '../plan/years.js';
import { FORMAT_IDS } from '../render/writers.js';

// `shien completion bash|zsh`: a completion script made from the commands themselves (their names,
// options, choices and arguments), so that it cannot fall behind them. What cannot be read from
// commander — the formats, the jurisdictions, which values are folders — is said below, once.

const SHELLS = ['bash', 'zsh'] as const;
type Shell = (typeof SHELLS)[number];

/** What a value is completed from: a fixed list, folders, or nothing (a number, a revision). */
type Values = { words: string[] } | 'dirs' | 'none';

/** Codes, romaji and names of the default plan's jurisdictions: read once, when the script is made. */
function jurisdictionWords(load: typeof loadPlanFiles): string[] {
  const registry = load(defaultPlanDir(ROOT)).files?.registry ?? [];
  return registry.flatMap((j) => [j.code, j.slug, j.name]);
}

/** The values of an option or argument, by what its name says it takes. */
function valuesOf(name: string, choices: readonly string[] | undefined, jurisdictions: () => string[]): Values {
  if (choices) return { words: [...choices] };
  if (/FORMAT/.test(name)) return { words: FORMAT_IDS };
  if (/CODE/.test(name)) return { words: jurisdictions() };
  if (/DIR|OLD|NEW/.test(name)) return 'dirs';
  return 'none';
}

interface Described {
  name: string;
  summary: string;
  options: { flags: string[]; takes?: string; values: Values; summary: string; repeats?: boolean }[];
  args: { name: string; values: Values }[];
}

/** The first clause of a description: a completion menu has one line for each. */
const summaryOf = (s: string) => s.split(/[（。]/)[0];

function describe(command: Command, jurisdictions: () => string[]): Described {
  const option = (o: Option) => {
    const takes = /<([^>]+)>/.exec(o.flags)?.[1];
    return {
      flags: [o.short, o.long].filter((f): f is string => Boolean(f)),
      takes,
      values: takes ? valuesOf(takes, o.argChoices, jurisdictions) : ('none' as const),
      summary: summaryOf(o.description),
      // An option that collects into a list may be given again (--jurisdiction 13 --jurisdiction 27).
      repeats: Array.isArray(o.defaultValue),
    };
  };
  // A command of commands (`survey export|import`): its first word is one of them, and its options
  // are theirs.
  const subcommands = command.parent ? command.commands.filter((c) => c.name() !== 'help') : [];
  if (subcommands.length) {
    const options = subcommands.flatMap((c) => c.options.map(option)).filter((o, i, all) => all.findIndex((x) => x.flags.join() === o.flags.join()) === i);
    return {
      name: command.name(),
      summary: summaryOf(command.description()),
      options: [...options, { flags: ['-h', '--help'], values: 'none', summary: '使い方を表示する' }],
      args: [
        { name: 'COMMAND', values: { words: subcommands.map((c) => c.name()) } },
        ...subcommands[0].registeredArguments.map((a: Argument) => ({ name: a.name(), values: valuesOf(a.name(), a.argChoices, jurisdictions) })),
      ],
    };
  }
  return {
    name: command.name(),
    summary: summaryOf(command.description()),
    options: [...command.options.map(option), { flags: ['-h', '--help'], values: 'none', summary: '使い方を表示する' }],
    args: command.registeredArguments.map((a: Argument) => ({ name: a.name(), values: valuesOf(a.name(), a.argChoices, jurisdictions) })),
  };
}

/** The program's options that a command takes after its name too (not --version, not the program's own --help). */
const everyCommand = (program: Described) => program.options.filter((o) => !o.flags.includes('--version') && !o.flags.includes('--help'));

const sq = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function bash(program: Described, commands: Described[]): string {
  const all = [program, ...commands];
  const valued = [...new Set(all.flatMap((c) => c.options.filter((o) => o.takes).flatMap((o) => o.flags)))];
  const reply = (v: Values, indent: string) =>
    v === 'dirs' ? `${indent}COMPREPLY=($(compgen -d -- "$cur"))` : v === 'none' ? `${indent}COMPREPLY=()` : `${indent}COMPREPLY=($(compgen -W ${sq(v.words.join(' '))} -- "$cur"))`;
  const byValue = new Map<string, Values>();
  for (const c of all) for (const o of c.options) if (o.takes) for (const f of o.flags) byValue.set(f, o.values);
  return [
    '# shien の補完（bash）。読み込み: source <(npx shien completion bash)',
    '_shien() {',
    '  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd= i n=0',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    case ${COMP_WORDS[i]} in',
    `      ${valued.join('|')}) ((i++)) ;;`,
    '      -*) ;;',
    '      *) if [[ -z $cmd ]]; then cmd=${COMP_WORDS[i]}; else ((n++)); fi ;;',
    '    esac',
    '  done',
    '  case $prev in',
    ...[...byValue].map(([flag, v]) => `    ${flag}) ${reply(v, '').trim()}; return ;;`),
    '  esac',
    '  local opts',
    '  case $cmd in',
    `    '') opts=${sq(program.options.flatMap((o) => o.flags).join(' '))} ;;`,
    ...commands.map((c) => `    ${c.name}) opts=${sq([...c.options, ...everyCommand(program)].flatMap((o) => o.flags).join(' '))} ;;`),
    '  esac',
    '  if [[ $cur == -* ]]; then',
    '    COMPREPLY=($(compgen -W "$opts" -- "$cur"))',
    '    return',
    '  fi',
    '  case $cmd in',
    `    '') COMPREPLY=($(compgen -W ${sq([...commands.map((c) => c.name), 'help'].join(' '))} -- "$cur")) ;;`,
    `    help) COMPREPLY=($(compgen -W ${sq(commands.map((c) => c.name).join(' '))} -- "$cur")) ;;`,
    ...commands.filter((c) => c.args.length).map((c) => [
      `    ${c.name})`,
      '      case $n in',
      ...c.args.map((a, i) => `        ${i === c.args.length - 1 ? '*' : i}) ${reply(a.values, '').trim()} ;;`),
      '      esac ;;',
    ].join('\n')),
    '  esac',
    '}',
    'complete -o filenames -F _shien shien',
    '',
  ].join('\n');
}

/** A description inside an _arguments spec: brackets and colons are its syntax. */
const zdesc = (s: string) => s.replace(/([\\[\]:])/g, '\\$1');

function zsh(program: Described, commands: Described[]): string {
  const action = (v: Values) => (v === 'dirs' ? '_files -/' : v === 'none' ? ' ' : `(${v.words.map((w) => w.replace(/([\\ ()])/g, '\\$1')).join(' ')})`);
  const optionSpecs = (c: Described) =>
    c.options.flatMap((o) => {
      const value = o.takes ? `:${o.takes}:${action(o.values)}` : '';
      const exclusive = o.repeats ? '*' : o.flags.length > 1 ? `(${o.flags.join(' ')})` : '';
      return o.flags.map((f) => sq(`${exclusive}${f}[${zdesc(o.summary)}]${value}`));
    });
  const argSpecs = (c: Described) => c.args.map((a, i) => sq(`${i + 1}:${a.name}:${action(a.values)}`));
  return [
    '#compdef shien',
    '# shien の補完（zsh）。読み込み: source <(npx shien completion zsh)、または fpath のフォルダに _shien として置く',
    '_shien() {',
    '  local curcontext=$curcontext state line',
    '  local -a commands',
    `  commands=(${[...commands, { name: 'help', summary: 'コマンドの使い方を表示する' }].map((c) => sq(`${c.name}:${zdesc(c.summary)}`)).join(' ')})`,
    `  _arguments -C ${optionSpecs(program).join(' ')} '1: :->command' '*:: :->args'`,
    '  case $state in',
    "    command) _describe 'コマンド' commands ;;",
    '    args)',
    '      case $words[1] in',
    ...commands.map((c) => `        ${c.name}) _arguments ${[...optionSpecs(c), ...optionSpecs({ ...program, options: everyCommand(program) }), ...argSpecs(c)].join(' ')} ;;`),
    "        help) _describe 'コマンド' commands ;;",
    '      esac ;;',
    '  esac',
    '}',
    'compdef _shien shien',
    '',
  ].join('\n');
}

export const completionCommand = () =>
  new Command('completion')
    .description('シェルの補完のスクリプトを出力する（コマンド・オプション・選べる値・計画のフォルダ・都道府県等）')
    .addArgument(new Argument('<SHELL>', 'シェルの種類').choices(SHELLS))
    .action(async (shell: Shell, _opts: unknown, command: Command) => {
      // The plan's schema is loaded for this command only, not by every start of the tool.
      const { loadPlanFiles } = await import('../plan/files.js');
      const program = command.parent!;
      let words: string[] | undefined;
      const jurisdictions = () => (words ??= jurisdictionWords(loadPlanFiles));
      const described = program.commands.map((c) => describe(c, jurisdictions));
      const root = describe(program, jurisdictions);
      // The script is what was asked for, not a message: --quiet and --diagnostics leave it on stdout.
      process.stdout.write((shell === 'bash' ? bash : zsh)(root, described));
    });
