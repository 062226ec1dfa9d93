import { InvalidArgumentError, Option } from 'commander';
import { basename, join, resolve } from 'node:path';
import { DEFAULT_PLAN_DIR } from '../core/paths.js';
import { FORMAT_IDS } from '../render/writers.js';

// Arguments and options that several commands share, described once.

export const PLAN_DIR_ARGUMENT = ['[PLAN_DIR]', '計画のフォルダ', DEFAULT_PLAN_DIR] as const;

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
