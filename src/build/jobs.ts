import { join } from 'node:path';
import type { Document } from '../document/ir.js';
import { fileStem } from '../plan/jurisdictions.js';
import type { Jurisdiction, LocalPlan } from '../plan/jurisdiction.js';
import type { Plan } from '../plan/schema.js';
import { handoutContext, summaryContext } from '../template/context.js';
import { TemplateFailure } from '../template/engine.js';
import type { BuildContext } from './context.js';
import { checkDocumentGlyphs } from './glyphs.js';
import { chainsOf } from './summary.js';
import { renderBoth, type Rendered } from './render.js';

// A job is one document in both formats. Jobs are plain data so that they can go to a worker.

export type Job = { kind: 'summary' } | { kind: 'handout'; code: string };

/** Everything a job reads, checked beforehand; plain data (structured-clonable). */
export interface Inputs {
  plan: Plan;
  planFile: string;
  registry: Jurisdiction[];
  locals: Record<string, { file: string; plan: LocalPlan }>;
}

export const HANDOUT_DIR = 'handouts';

function jurisdictionOf(job: Extract<Job, { kind: 'handout' }>, inputs: Inputs): Jurisdiction {
  const j = inputs.registry.find((r) => r.code === job.code);
  if (!j) throw new Error(`no jurisdiction ${job.code} in the registry`);
  return j;
}

/** The base name of a job's files: `summary`, `handouts/13-tokyo`. */
export function jobStem(job: Job, inputs: Inputs): string {
  return job.kind === 'summary' ? 'summary' : join(HANDOUT_DIR, fileStem(jurisdictionOf(job, inputs)));
}

export function jobDocument(job: Job, inputs: Inputs, ctx: BuildContext): { doc: Document; template: string; source: string } {
  if (job.kind === 'summary') {
    return { doc: ctx.templates.document('summary', summaryContext(inputs.plan)), template: 'summary', source: inputs.planFile };
  }
  const local = inputs.locals[job.code];
  const context = handoutContext(inputs.plan, jurisdictionOf(job, inputs), local?.plan);
  return { doc: ctx.templates.document('handout', context), template: 'handout', source: local?.file ?? inputs.planFile };
}

export async function renderJob(job: Job, inputs: Inputs, outDir: string, ctx: BuildContext): Promise<Rendered> {
  let made: ReturnType<typeof jobDocument>;
  try {
    made = jobDocument(job, inputs, ctx);
  } catch (e) {
    if (e instanceof TemplateFailure) return { outputs: [], problems: e.problems };
    throw e;
  }
  // The data was checked with its positions; what is left to check is text the template wrote.
  const tofu = checkDocumentGlyphs(made.doc, chainsOf(ctx), join(ctx.templates.dir, `${made.template}.hbs`));
  if (tofu.length) return { outputs: [], problems: tofu };
  const stem = join(outDir, jobStem(job, inputs));
  return renderBoth(made.doc, { pdf: `${stem}.pdf`, docx: `${stem}.docx` }, made.source, ctx);
}
