import type { Argument, Command, Help, HelpConfiguration, Option } from 'commander';
import { isWide } from '../text/chars.js';
import { breakAllowed, graphemes } from '../text/kinsoku.js';

// `shien --help` in Japanese: commander's help, its section titles, notes on defaults and choices,
// and line wrapping, all said here once for every command. Option names stay as they are typed.

const argumentName = (a: Argument) => {
  const name = a.name() + (a.variadic ? '...' : '');
  return a.required ? `<${name}>` : `[${name}]`;
};

/** Commander's notes after a description — `(default: "plans/r5")`, `(choices: …)` — in Japanese. */
function notes(description: string, choices: readonly string[] | undefined, value: unknown, valueDescription: string | undefined, takesValue: boolean): string {
  const said: string[] = [];
  if (choices) said.push(`選べるもの: ${choices.join('、')}`);
  // An empty list (a repeatable option) or a switch's false says nothing a person needs.
  const shown = valueDescription ?? (Array.isArray(value) ? value.join('、') : typeof value === 'string' || typeof value === 'number' ? String(value) : '');
  if (takesValue && value !== undefined && shown) said.push(`既定: ${shown}`);
  return said.length ? `${description}（${said.join('。')}）` : description;
}

const cells = (s: string) => graphemes(s).reduce((n, g) => n + (isWide(g) ? 2 : 1), 0);

/** The code point that ends at `at` and the one that starts there ('' at either end of the text). */
function around(text: string, at: number): [string, string] {
  const lo = text.charCodeAt(at - 1);
  const before = at <= 0 ? '' : text.slice(lo >= 0xdc00 && lo <= 0xdfff && at >= 2 ? at - 2 : at - 1, at);
  const after = at >= text.length ? '' : String.fromCodePoint(text.codePointAt(at)!);
  return [before, after];
}

/** A place where a line may break: at a space, or beside a Japanese character where 禁則 allows it. */
function breaksAt(text: string, at: number): boolean {
  const [before, after] = around(text, at);
  if (!before || !after) return false;
  // A placeholder (<コード>, <年度>) is one word, as its brackets say.
  if (text.lastIndexOf('<', at - 1) > text.lastIndexOf('>', at - 1)) return false;
  if (/\s/.test(before) || /\s/.test(after)) return true;
  // Between two narrow characters is inside a word, a path or an option name (summary.pdf/.docx);
  // narrow punctuation holds to its Japanese neighbour (<名前>.pdf stays whole at the >).
  const loose = (c: string) => isWide(c) || /^[\p{L}\p{N}]$/u.test(c);
  return (isWide(before) || isWide(after)) && loose(before) && loose(after) && breakAllowed(text, at);
}

/** Wrap to `width` terminal cells; Japanese has no spaces to wrap at, so it wraps between characters. */
export function wrap(text: string, width: number): string {
  return text.split(/\r?\n/).flatMap((line) => {
    const lines: string[] = [];
    let rest = line;
    // Each grapheme measured once: help is wrapped on every `--help`, and its descriptions are long.
    while (cells(rest) > width) {
      let at = 0;
      let used = 0;
      let last = -1;
      for (const g of graphemes(rest)) {
        const w = isWide(g) ? 2 : 1;
        if (used + w > width) break;
        used += w;
        at += g.length;
        if (breaksAt(rest, at)) last = at;
      }
      // A word longer than the line: break after it rather than inside it.
      for (let i = at + 1; last <= 0 && i < rest.length; i++) if (breaksAt(rest, i)) last = i;
      if (last <= 0) break;
      lines.push(rest.slice(0, last).trimEnd());
      rest = rest.slice(last).trimStart();
    }
    return [...lines, rest];
  }).join('\n');
}

const japanese: HelpConfiguration = {
  showGlobalOptions: true,
  commandUsage(cmd: Command) {
    const names: string[] = [];
    for (let c: Command | null = cmd; c; c = c.parent) names.unshift(c.name());
    return [...names, '[オプション]', ...(cmd.commands.length ? ['[コマンド]'] : []), ...cmd.registeredArguments.map(argumentName)].join(' ');
  },
  subcommandTerm: (cmd: Command) => [cmd.name(), ...cmd.registeredArguments.map(argumentName)].join(' '),
  optionDescription: (o: Option) => notes(o.description ?? '', o.argChoices, o.defaultValue, o.defaultValueDescription, o.required || o.optional),
  argumentDescription: (a: Argument) => notes(a.description, a.argChoices, a.defaultValue, a.defaultValueDescription, true),
  displayWidth: cells,
  boxWrap: wrap,
  formatHelp(cmd: Command, helper: Help) {
    const termWidth = helper.padWidth(cmd, helper);
    const item = (term: string, description: string) => helper.formatItem(term, termWidth, description, helper);
    const section = (title: string, items: string[]) => (items.length ? [title, ...items, ''] : []);
    const description = helper.commandDescription(cmd);
    return [
      `使い方: ${helper.commandUsage(cmd)}`,
      '',
      ...(description ? [helper.boxWrap(description, helper.helpWidth ?? 80), ''] : []),
      ...section('引数:', helper.visibleArguments(cmd).map((a) => item(helper.argumentTerm(a), helper.argumentDescription(a)))),
      ...section('オプション:', helper.visibleOptions(cmd).map((o) => item(helper.optionTerm(o), helper.optionDescription(o)))),
      ...section('どのコマンドにも使えるオプション:', helper.visibleGlobalOptions(cmd).map((o) => item(helper.optionTerm(o), helper.optionDescription(o)))),
      ...section('コマンド:', helper.visibleCommands(cmd).map((c) => item(helper.subcommandTerm(c), helper.subcommandDescription(c)))),
    ].join('\n');
  },
};

/** Help in Japanese, for one command (commander does not pass it on to commands added with addCommand). */
export const inJapanese = (command: Command): Command =>
  command.configureHelp(japanese).helpOption('-h, --help', '使い方を表示する');

/** An「例:」section: what each example does, as a shell comment, and the line to type under it. */
export function examples(rows: readonly (readonly [command: string, what: string])[]): string {
  return ['', '例:', ...rows.flatMap(([command, what]) => [`  # ${what}`, `  ${command}`])].join('\n');
}
