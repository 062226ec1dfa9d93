import type { Problem } from '../core/problem.js';
import type { Document } from '../document/ir.js';
import type { Jurisdiction } from '../plan/jurisdiction.js';

// What is made. A document kind is an entry of the table in ./index.ts: its name, its template, and
// how its input (a checked plan, or two documents to compare) becomes instances — one per file stem.
// Build, the manifest, `--only` and `--jurisdiction`, the workers and `validate` read the table; a new
// kind is one file here and one template. A kind says which formats it has: a page kind every page
// format (PDF, Word, HTML), a data kind its data formats (CSV, JSON) and no template — it makes its
// model itself (document/data.ts).

export interface Instance {
  /** The kind's name: summary, handout, comparison. */
  kind: string;
  /** Output path without extension, relative to the output folder: `summary`, `handouts/13-tokyo`. */
  stem: string;
  /** The file that a problem of the whole document (it does not fit its page) is reported against. */
  source: string;
  /** Every file the document is made from: a save to one of them remakes it (watch, preview). */
  inputs: string[];
  /** The 都道府県等 it is for, so that `--jurisdiction` can choose it. */
  jurisdiction?: Jurisdiction;
  /** What the template sees; absent when the instance's own inputs cannot be used (see problems). */
  context?: object;
  /** The model itself, for a kind without a template (a data kind). */
  model?: Document;
  /** Problems of its own inputs that stop it (a jurisdiction file that cannot be used). */
  problems: Problem[];
}

export interface DocumentKind<In> {
  name: string;
  /** templates/<template>.hbs; none for a data kind, whose instances carry their model. */
  template?: string;
  /** Format ids of the writers table it is written in; absent: every page format. */
  formats?: readonly string[];
  /** The word `build --only` chooses it by. */
  only?: string;
  instances(input: In): Instance[];
}

/** A kind made through a template: summary, handout, comparison. */
export type PageKind<In> = DocumentKind<In> & { template: string };
