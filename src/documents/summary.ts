import type { PlanFiles } from '../plan/files.js';
import type { DocumentKind } from './kind.js';
import { summaryContext } from './views.js';

/** The one-page summary of the plan: summary.pdf, summary.docx. */
export const summary: DocumentKind<PlanFiles> = {
  name: 'summary',
  template: 'summary',
  only: 'summary',
  instances: (set) => [{
    kind: 'summary',
    stem: 'summary',
    source: set.planFile,
    inputs: [set.planFile],
    context: summaryContext(set.plan),
    problems: [],
  }],
};
