import { relative } from 'node:path';
import type { Problem } from '../diagnostics/problem.js';
import { hasErrors } from '../diagnostics/problem.js';
import { fileStem, findJurisdiction, loadJurisdictions } from '../plan/jurisdictions.js';
import type { BuildContext } from './context.js';
import { checkDataGlyphs } from './glyphs.js';
import { jobStem, type Inputs, type Job } from './jobs.js';
import { BuildCache, documentKey, environmentKey } from './cache.js';
import { runJobs, type JobResult } from './pool.js';
import { checkPlan, chainsOf } from './summary.js';
import { writeAtomically } from './write.js';

export type Only = 'summary' | 'handouts';

export interface BuildOptions {
  planDir: string;
  outDir: string;
  only?: Only;
  /** Codes, names or slugs of jurisdictions: only their handouts (and no summary unless asked). */
  jurisdictions?: string[];
  workers?: number;
  /** Make every document, even those whose inputs have not changed. */
  force?: boolean;
  /** One call per finished document, to show progress. */
  onDocument?: (r: DocumentResult, done: number, total: number) => void;
  /** Called once the jobs are known, before any is rendered. */
  onPlan?: (total: number) => void;
}

export interface DocumentResult {
  name: string;
  files: string[];
  problems: Problem[];
  ms: number;
  pages?: number;
  scale?: number;
  /** Its inputs had not changed since the files were made: nothing was done. */
  skipped?: boolean;
}

export interface BuildReport {
  /** Problems that stopped the whole build (the plan itself is wrong). */
  problems: Problem[];
  /** 2 when the command was used wrongly (an unknown --jurisdiction). */
  usage?: boolean;
  documents: DocumentResult[];
}

/**
 * Plan the documents, render them (in workers when it pays), write each one as soon as it is
 * made. One document that fails does not stop the others, and loses no earlier output.
 */
export async function build(opts: BuildOptions, ctx: () => BuildContext): Promise<BuildReport> {
  const checked = checkPlan(opts.planDir, ctx());
  if (!checked.plan) return { problems: checked.problems, documents: [] };
  const plan = checked.plan;
  const warnings = checked.problems;

  const wantSummary = opts.only !== 'handouts' && !(opts.jurisdictions?.length && opts.only !== 'summary');
  const wantHandouts = opts.only !== 'summary';
  const jobs: Job[] = wantSummary ? [{ kind: 'summary' }] : [];
  const failedEarly: DocumentResult[] = [];
  let registry: Inputs['registry'] = [];
  const locals: Inputs['locals'] = {};

  if (wantHandouts && plan.jurisdictions) {
    const js = loadJurisdictions(opts.planDir, plan, checked.file);
    if (js.problems.length && !js.registry.length) return { problems: [...warnings, ...js.problems], documents: [] };
    registry = js.registry;
    let chosen = registry;
    if (opts.jurisdictions?.length) {
      const unknown = opts.jurisdictions.filter((k) => !findJurisdiction(registry, k));
      if (unknown.length) {
        return {
          usage: true,
          documents: [],
          problems: unknown.map((k) => ({
            severity: 'error', code: 'usage/unknown-jurisdiction',
            message: `都道府県等「${k}」は一覧にありません。コード（13、011002）、名前（東京都）、ローマ字（tokyo）で指定してください。`,
          })),
        };
      }
      const keys = new Set(opts.jurisdictions.map((k) => findJurisdiction(registry, k)!.code));
      chosen = registry.filter((j) => keys.has(j.code));
    }
    const chains = chainsOf(ctx());
    for (const j of chosen) {
      const bad = js.failed.get(j.code);
      const local = js.locals.get(j.code);
      const tofu = local ? checkDataGlyphs(local.plan, chains, { file: local.file, ...local.loaded }) : [];
      if (bad || tofu.length) {
        failedEarly.push({ name: `handouts/${fileStem(j)}`, files: [], problems: [...(bad ?? []), ...tofu], ms: 0 });
        continue;
      }
      if (local) locals[j.code] = { file: local.file, plan: local.plan };
      jobs.push({ kind: 'handout', code: j.code });
    }
    // Files that name no known jurisdiction are reported, but stop nothing.
    warnings.push(...js.problems);
  } else if (wantHandouts && (opts.only === 'handouts' || opts.jurisdictions?.length)) {
    return {
      usage: true,
      documents: [],
      problems: [{ severity: 'error', code: 'usage/no-jurisdictions', file: checked.file, message: 'この計画には都道府県等の一覧（jurisdictions:）がないため、都道府県等版は作れません。' }],
    };
  }

  const inputs: Inputs = { plan, planFile: checked.file, registry, locals };
  const nameOf = (job: Job) => jobStem(job, inputs);
  const cache = new BuildCache(opts.outDir);
  const environment = environmentKey(ctx().templates.dir, ctx().fonts.dir, cache.digest);
  const keys = new Map(jobs.map((job) => [job, documentKey(environment, jobData(job, inputs))]));
  const documents: DocumentResult[] = [...failedEarly];
  const total = jobs.length + failedEarly.length;
  opts.onPlan?.(total);
  for (const d of failedEarly) {
    cache.forget(d.name);
    opts.onDocument?.(d, documents.indexOf(d) + 1, total);
  }
  const stale = jobs.filter((job) => {
    if (opts.force || !cache.fresh(nameOf(job), keys.get(job)!)) return true;
    const d: DocumentResult = { name: nameOf(job), files: [], problems: [], ms: 0, skipped: true };
    documents.push(d);
    opts.onDocument?.(d, documents.length, total);
    return false;
  });

  await runJobs(stale, inputs, opts.outDir, {
    workers: opts.workers,
    ctx,
    onResult: (r: JobResult) => {
      const name = nameOf(r.job);
      let problems = r.rendered.problems;
      if (!hasErrors(problems) && r.rendered.outputs.length) {
        try {
          writeAtomically(r.rendered.outputs);
        } catch (e) {
          const err = e as NodeJS.ErrnoException;
          problems = [{ severity: 'error', code: 'env/write', message: `出力を書き込めません（${err.code ?? err.message}）: ${err.path ?? opts.outDir}` }];
        }
      }
      const ok = !hasErrors(problems);
      if (ok) cache.record(name, keys.get(r.job)!, r.rendered.outputs);
      else cache.forget(name);
      const doc: DocumentResult = {
        name,
        files: ok ? r.rendered.outputs.map((o) => relative(process.cwd(), o.path) || o.path) : [],
        problems,
        ms: r.ms,
        pages: r.rendered.pages,
        scale: r.rendered.scale,
      };
      documents.push(doc);
      opts.onDocument?.(doc, documents.length, total);
    },
  });
  cache.save();
  return { problems: warnings, documents };
}

/** What one document is made from, besides templates, theme, fonts and code. */
function jobData(job: Job, inputs: Inputs): unknown {
  if (job.kind === 'summary') return { job, plan: inputs.plan };
  return { job, plan: inputs.plan, jurisdiction: inputs.registry.find((j) => j.code === job.code), local: inputs.locals[job.code]?.plan ?? null };
}
