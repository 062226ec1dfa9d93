import { uniqueProblems, type Problem } from '../core/problem.js';

// What a build reports, in a module of its own: the command line and the preview read reports
// without loading the pipeline that makes them.

export interface DocumentResult {
  /** Its stem: summary, handouts/13-tokyo. */
  name: string;
  /** Its title, when its model could be made. */
  title?: string;
  /** Files written, relative to the output folder (`handouts/13-tokyo.pdf`). */
  files: string[];
  problems: Problem[];
  ms: number;
  pages?: number;
  scale?: number;
  /** Its inputs had not changed since its files were made: nothing was done. */
  skipped?: boolean;
}

export interface BuildReport {
  /** Problems of no one document (the plan, a file named for no jurisdiction, the command's use). */
  problems: Problem[];
  documents: DocumentResult[];
  /** The formats made, in the table's order. */
  formats: string[];
  /** Files removed: outputs of documents no longer made, temporary files of killed builds. */
  removed: string[];
  /** It left the record of its inputs (unchanged.ts): a run with the same inputs answers from it. */
  recorded?: boolean;
}

/** Every problem of a report, each once: what the command prints and its exit code follows from. */
export const reportProblems = (r: BuildReport): Problem[] => uniqueProblems([...r.problems, ...r.documents.flatMap((d) => d.problems)]);
