import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The longest files first, so that the two forks end together rather than one waiting on a long
 * file picked up last. Vitest orders by the durations of the last run when it has them; a fresh clone
 * (CI) has none and would take the files in name order, leaving install.test (a third of a fork's
 * time) to start near the end. These are the files that took 10 s or more in a whole run on a
 * 2-core machine (2026-12-06, on a fresh clone of 6d0fc8e), longest first; the rest follow in vitest's
 * own order.
 */
const LONGEST = ['install', 'cycle', 'browser', 'handouts', 'accessibility', 'regenerate', 'hostile', 'unchanged', 'diff', 'publish'];

const rank = (spec: TestSpecification) => {
  const name = /([^/]+)\.test\.ts$/.exec(spec.moduleId)?.[1] ?? '';
  const i = LONGEST.indexOf(name);
  return i < 0 ? LONGEST.length : i;
};

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    // A stable sort: among the files not named, vitest's order (failed first, then by last duration).
    return sorted.map((spec, i) => ({ spec, i })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i).map((x) => x.spec);
  }
}
