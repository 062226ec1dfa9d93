import { Scalar as YamlScalar, visit, type Document, type LineCounter } from 'yaml';
import * as z from 'zod';
import type { Problem } from '../core/problem.js';
import { loadYaml } from '../core/yaml.js';
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
