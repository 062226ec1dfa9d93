import { InvalidArgumentError, Option } from 'commander';
import { Failure, hasErrors, type Problem } from '../core/problem.js';
import { basename, join, resolve } from 'node:path';
import { defaultPlanDir, planLabel } from '../plan/years.js';
import { exitWith, out, report } from './io.js';
import { fixedTime } from './environment.js';
import { FORMAT_IDS } from '../render/writers.js';

// Arguments and options that several commands share, described once.

/**
 * The plan a command works on: the folder named, else the newest under plans/ (plan/years.ts),
 * found when the command line is read.
 */
export const PLAN_DIR_ARGUMENT = ['[PLAN_DIR]', '計画のフォルダ', defaultPlanDir()] as const;

export const defaultOut = (planDir: string) => join('output', basename(resolve(planDir)));

export const collect = (v: string, acc: string[]) => [...acc, v];

export const formatOption = () =>
  new Option('--format <FORMAT>', `作る形式を絞る（${FORMAT_IDS.join('、')}。カンマ区切りか、繰り返し指定）`).argParser(collect).default([] as string[], 'すべて');

export function positiveInt(max: number) {
  return (v: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`1 から ${max} の整数で指定してください。`);
    return n;
  };
}

/** An option's value that cannot be empty (`--out ''` would write into the current folder and name none). */
export function nonEmpty(v: string): string {
  if (!v.trim()) throw new InvalidArgumentError('空の値は使えません。フォルダの名前を書いてください。');
  return v;
}

/**
 * An option that takes one value: given twice with different values, the command does not guess
 * which one was meant (commander would keep the last without a word).
 */
export function once(option: Option): Option {
  const parse = option.parseArg?.bind(option);
  return option.argParser((value: string, previous: unknown) => {
    const v = parse ? parse(value, undefined as never) : value;
    if (previous !== undefined && previous !== option.defaultValue && previous !== v) {
      throw new Failure([{
        severity: 'error', code: 'usage/conflicting-options', found: `${option.long} ${String(previous)} ${option.long} ${String(v)}`,
        message: `${option.long} は一度だけ指定してください（「${String(previous)}」と「${String(v)}」が指定されています）。`,
        hint: option.long === '--only' ? 'すべての文書を作るなら --only を付けません。' : undefined,
      }]);
    }
    return v;
  });
}

/** The line that says which plan a command works on (`計画: plans/r6（令和６年度）`): the default is the newest, and easy to forget. */
export const announcePlan = (planDir: string, role = '計画') => out(`${role}: ${planLabel(planDir)}`);

/** watch and preview start here: their plan named, then SOURCE_DATE_EPOCH read (a wrong one said, with its exit code: undefined; a warning said now, once). */
export function startWatching(planDir: string): { time?: Date; problems: Problem[] } | undefined {
  announcePlan(planDir);
  const time = fixedTime();
  report(time.problems);
  if (!hasErrors(time.problems)) return time;
  exitWith(time.problems);
  return undefined;
}

/** A command that makes files starts here: SOURCE_DATE_EPOCH read (a wrong one said, with its exit code: undefined), then its plan named. */
export function startMaking(planDir: string): { time?: Date; problems: Problem[] } | undefined {
  const time = fixedTime();
  if (hasErrors(time.problems)) {
    report(time.problems);
    exitWith(time.problems);
    return undefined;
  }
  announcePlan(planDir);
  return time;
}
