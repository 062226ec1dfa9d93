import { problemView, type ProblemView } from '../core/print.js';
import { hasErrors, uniqueProblems, type Problem } from '../core/problem.js';
import type { DocumentResult } from '../pipeline/build.js';
import type { WatchEvents } from '../pipeline/watch.js';

// What the preview knows of the plan's documents: each one's state after the last build, the
// problems to show over it, and a counter of writes that tells a page whether it is out of date.

/** built: made again; unchanged: its inputs had not changed; failed: not made (the last good files stay). */
export type DocumentState = 'built' | 'failed' | 'unchanged';

export interface PreviewDocument {
  /** Its stem: summary, handouts/13-tokyo. */
  name: string;
  title?: string;
  state: DocumentState;
  problems: ProblemView[];
  /** The count of writes when its files were last written: a page showing an older one is out of date. */
  written: number;
}

export interface PreviewState {
  building: boolean;
  documents: PreviewDocument[];
  /** Problems of no one document, or that stopped the whole build (a broken plan.yaml). */
  problems: ProblemView[];
}

type Built = Parameters<WatchEvents['onBuilt']>[0];

export class PreviewModel {
  private documents = new Map<string, PreviewDocument>();
  private general: ProblemView[] = [];
  private writes = 0;
  building = true;

  /** `cwd`: where the command was run, which the files a problem names are shown relative to. */
  constructor(private readonly cwd: string) {}

  private views(problems: readonly Problem[]): ProblemView[] {
    return uniqueProblems(problems).map((p) => problemView(p, this.cwd));
  }

  /** A save: a build is coming. */
  changed(): void {
    this.building = true;
  }

  /** One document of the build is done; true when its files were written. */
  document(d: DocumentResult): boolean {
    const before = this.documents.get(d.name);
    const written = d.files.length > 0;
    this.documents.set(d.name, {
      name: d.name,
      title: d.title ?? before?.title,
      state: hasErrors(d.problems) ? 'failed' : d.skipped ? 'unchanged' : 'built',
      problems: this.views(d.problems),
      written: written ? ++this.writes : (before?.written ?? 0),
    });
    return written;
  }

  /** The build is over: its documents in the table's order, or the problems that stopped it. */
  built(result: Built): void {
    this.building = false;
    const documents = 'report' in result ? result.report.documents : [];
    if (documents.length) {
      // Documents no longer made (a jurisdiction taken off the list) leave the list.
      this.documents = new Map(documents.flatMap((d) => {
        const known = this.documents.get(d.name);
        return known ? [[d.name, known] as const] : [];
      }));
      this.general = this.views('report' in result ? result.report.problems : []);
      return;
    }
    // Nothing could be made: every page keeps its last good version, under the problems.
    this.general = this.views('report' in result ? result.report.problems : result.problems);
    for (const d of this.documents.values()) Object.assign(d, { state: 'failed', problems: [] });
  }

  written(name: string): number {
    return this.documents.get(name)?.written ?? 0;
  }

  snapshot(): PreviewState {
    return {
      building: this.building,
      documents: [...this.documents.values()].map((d) => ({ ...d })),
      problems: this.general,
    };
  }
}
