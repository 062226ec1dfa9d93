import type { Command, CommanderError, Option } from 'commander';
import type { Problem } from '../core/problem.js';
import { didYouMean } from '../core/suggest.js';

// Commander reports a mistyped command line in English. Each of its errors becomes a problem in
// Japanese with a usage/* code (exit code 2), printed by the one printer. Commander's wording is
// read only for the names it quotes; the package is pinned, and a test types each mistake.

/** `shien build`: how the command is typed, for the hint. */
const typed = (command: Command) => {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
};

/** The name an option is typed by: `--only` of `--only <WHAT>`. */
const optionName = (o: Option) => o.long ?? o.short ?? o.flags;

/** The options a command understands, its own and those of the commands above it. */
function optionsOf(command: Command): readonly Option[] {
  const options: Option[] = [];
  for (let c: Command | null = command; c; c = c.parent) options.push(...c.options);
  return options;
}

/** The problem a commander error stands for; none for help and --version, which are not mistakes. */
export function usageProblem(e: CommanderError, command: Command): Problem | undefined {
  if (['commander.helpDisplayed', 'commander.help', 'commander.version'].includes(e.code)) return undefined;
  const quoted = [...e.message.matchAll(/'([^']*)'/g)].map((m) => m[1]);
  const usage = (code: string, message: string, extra: Partial<Problem> = {}): Problem => ({
    severity: 'error', code, message, hint: `使い方は ${typed(command)} --help で示します。`, ...extra,
  });
  const meant = (word: string, candidates: readonly string[]) => {
    const suggestion = didYouMean(word, candidates);
    return suggestion ? { text: `「${suggestion}」の誤りではありませんか。`, extra: { suggestion } } : { text: '', extra: {} };
  };

  switch (e.code) {
    case 'commander.unknownOption': {
      const [flag] = quoted;
      const m = meant(flag, optionsOf(command).flatMap((o) => (o.long ? [o.long] : [])));
      return usage('usage/unknown-option', `オプション ${flag} はありません。${m.text}`, m.extra);
    }
    case 'commander.unknownCommand': {
      const [name] = quoted;
      const m = meant(name, command.commands.map((c) => c.name()));
      return usage('usage/unknown-command', `コマンド「${name}」はありません。${m.text}`, {
        ...m.extra,
        expected: command.commands.map((c) => c.name()).join('、'),
      });
    }
    case 'commander.invalidArgument': {
      // "option '--only <WHAT>' argument 'pdf' is invalid. …" or "command-argument value 'x' is invalid for argument 'Y'. …"
      const isOption = e.message.includes("error: option '");
      const [what, value] = isOption ? [quoted[0], quoted[1]] : [quoted[1], quoted[0]];
      const option = isOption ? optionsOf(command).find((o) => o.flags === what) : undefined;
      const argument = isOption ? undefined : command.registeredArguments.find((a) => a.name() === what);
      const choices = option?.argChoices ?? argument?.argChoices;
      const name = option ? optionName(option) : what;
      // The reason after commander's sentence is ours (InvalidArgumentError in options.ts), in Japanese, unless it lists choices.
      const reason = choices ? '' : e.message.replace(/^[\s\S]*? is invalid(?: for argument '[^']*')?\.\s*/, '');
      const m = choices ? meant(value, choices) : { text: '', extra: {} };
      return usage('usage/invalid-argument', `${option ? 'オプション ' : '引数 '}${name} の値「${value}」は使えません。${reason}${m.text}`, {
        ...m.extra,
        ...(choices ? { expected: choices.join('、') } : {}),
        found: value,
      });
    }
    case 'commander.missingArgument':
      return usage('usage/missing-argument', `引数 ${quoted[0]} がありません。`);
    case 'commander.optionMissingArgument': {
      const option = optionsOf(command).find((o) => o.flags === quoted[0]);
      return usage('usage/missing-argument', `オプション ${option ? optionName(option) : quoted[0]} の値がありません（${quoted[0]}）。`);
    }
    case 'commander.excessArguments': {
      const [, expected, got] = /Expected (\d+) arguments? but got (\d+)/.exec(e.message) ?? [];
      const names = command.registeredArguments.map((a) => a.name()).join('、');
      return usage('usage/too-many-arguments', `引数が多すぎます（${got ?? '?'} 個。このコマンドがとるのは ${expected ?? '?'} 個まで${names ? `: ${names}` : ''}）。`);
    }
    default:
      // Not one commander 13 raises for these commands; said in general terms, commander's words kept for a report.
      return usage('usage/invalid', 'コマンドの書き方が違います。', { found: e.message.replace(/^error: /, '') });
  }
}
