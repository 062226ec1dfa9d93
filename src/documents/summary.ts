import type { PlanFiles } from '../plan/files.js';
import type { PageKind } from './kind.js';
import { ONLY } from './only.js';
import { summaryContext } from './views.js';

/** The one-page summary of the plan: summary.pdf, summary.docx. */
export const summary: PageKind<PlanFiles> = {
  name: 'summary',
  template: 'summary',
  only: ONLY.summary,
  instances: (set) => [{
    kind: 'summary',
    stem: 'summary',
    source: set.planFile,
    inputs: [set.planFile],
    context: summaryContext(set.plan),
    problems: [],
  }],
};
