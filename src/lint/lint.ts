import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Scalar as YamlScalar, visit, type Document, type LineCounter } from 'yaml';
import { z } from 'zod';
import type { Problem } from '../diagnostics/problem.js';
import { loadYaml } from '../plan/load.js';
import { lintScalars, toProblem, type LintOptions, type Scalar } from './rules.js';

// `shien lint`: the plan data's YAML files, read as they are written, checked by ./rules.ts.
// Only warnings come from the rules; a file that cannot be read or parsed is an error.

/** The string values of a YAML document (never its keys or comments), as written in the source. */
export function scalarsOf(doc: Document, source: string): Scalar[] {
  const out: Scalar[] = [];
  visit(doc, {
    Scalar(key, node) {
      if (key === 'key' || typeof node.value !== 'string' || !node.range) return;
      const [start, end] = node.range;
      const type = node.type;
      out.push({
        start, end, text: source.slice(start, end),
        folds: type === YamlScalar.PLAIN || type === YamlScalar.QUOTE_DOUBLE || type === YamlScalar.QUOTE_SINGLE || type === YamlScalar.BLOCK_FOLDED,
      });
    },
  });
  return out.sort((a, b) => a.start - b.start);
}

/** Lint one parsed file. */
export function lintDocument(file: string, source: string, doc: Document, lineCounter: LineCounter, options: LintOptions = {}): Problem[] {
  return lintScalars(scalarsOf(doc, source), options).map((f) => toProblem(f, file, source, (o) => lineCounter.linePos(o)));
}

/** Lint one YAML file: its syntax problems (as `validate` names them), then the rules. */
export function lintFile(file: string, options: LintOptions = {}): Problem[] {
  const r = loadYaml(file, z.unknown());
  if (!r.doc || !r.lineCounter || r.source === undefined) return r.problems;
  return [...r.problems, ...lintDocument(file, r.source, r.doc, r.lineCounter, options)];
}

/** The YAML files of a plan folder, its subfolders included, in a stable order; or the one file named. */
export function planFiles(path: string): string[] {
  if (statSync(path).isFile()) return [path];
  const out: string[] = [];
  for (const entry of readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (entry.name.startsWith('.')) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) out.push(...planFiles(full));
    else if (/\.ya?ml$/i.test(entry.name)) out.push(full);
  }
  return out;
}

export interface LintResult {
  files: string[];
  problems: Problem[];
}

/** Lint every YAML file of a plan folder (or one file). */
export function lintPlan(path: string, options: LintOptions = {}): LintResult {
  let files: string[];
  try {
    files = planFiles(path);
  } catch {
    return {
      files: [],
      problems: [{
        severity: 'error', code: 'plan/no-directory',
        message: `計画のフォルダ（またはファイル）がありません: ${path}`,
        hint: '例: npx shien lint plans/r5',
      }],
    };
  }
  return { files, problems: files.flatMap((f) => lintFile(f, options)) };
}
