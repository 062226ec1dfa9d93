import { Failure, hasErrors, uniqueProblems, type Problem } from '../core/problem.js';
import type { Document } from '../document/ir.js';
import { handout } from '../documents/handout.js';
import { PLAN_KINDS, type Instance } from '../documents/index.js';
import { handoutContext } from '../documents/views.js';
import { checkDataGlyphs, checkDocumentGlyphs } from '../fonts/glyphs.js';
import { loadPlanFiles, type PlanFiles } from '../plan/files.js';
import type { Jurisdiction, LocalPlan } from '../plan/jurisdiction.js';
import type { Plan } from '../plan/schema.js';
import { releaseProblems } from './release.js';
import type { CheckMemo } from './memo.js';
import type { Resources } from './resources.js';

// Check once: the one function that loads a plan set — plan.yaml, the registry it names, every
// jurisdiction file, the theme, fonts and templates — and checks all of it, templates rendered
// against the data and every character against the fonts that will draw it. `validate` is this
// function with nothing written; build, watch, diff, lint and init-jurisdiction start from it.

/** One document of the plan as the check left it: its model, or the problems that stop it. */
export interface CheckedDocument {
  instance: Instance;
  /** The document model, when nothing stops it. */
  doc?: Document;
  /** Its own problems: its inputs', its template's, its characters'. */
  problems: Problem[];
}

export interface PlanSet extends PlanFiles {
  resources: Resources;
  /** Every document the plan is made into, in the order of the kinds table. */
  documents: CheckedDocument[];
}

export interface Checked {
  /** Absent when nothing at all can be made (plan.yaml, the registry, the theme or the fonts are wrong). */
  set?: PlanSet;
  /** Every problem found, each once. */
  problems: Problem[];
}

/**
 * A template applied to its context, and the characters it wrote checked against the fonts (the
 * data's characters are checked where the data is read, to name their lines).
 */
export function makeDocument(template: string, context: object, res: Resources, memo?: CheckMemo): { doc?: Document; problems: Problem[] } {
  if (!memo) return templateDocument(template, context, res);
  const key = `${template}\0${JSON.stringify(context)}`;
  return memo.documents.get(key) ?? memo.documents.set(key, templateDocument(template, context, res));
}

function templateDocument(template: string, context: object, res: Resources): { doc?: Document; problems: Problem[] } {
  const t = res.templates.document(template, context);
  if (!t.doc) return { problems: t.problems };
  const problems = [...t.problems, ...checkDocumentGlyphs(t.doc, res.chains.all, res.templates.source(template))];
  return hasErrors(problems) ? { problems } : { doc: t.doc, problems };
}

/** One jurisdiction's own data, read from its YAML file or from a returned workbook. */
export interface JurisdictionData {
  file: string;
  plan: LocalPlan;
  /** The parsed YAML, when it was read from one: problems then name its line and column. */
  loaded?: Omit<GlyphsWhere, 'file'>;
}

type GlyphsWhere = Parameters<typeof checkDataGlyphs>[2];

/** The characters of some data against the fonts, remembered by the data's object for a long-running command. */
function dataGlyphs(value: object, res: Resources, where: GlyphsWhere, memo?: CheckMemo): Problem[] {
  const known = memo?.glyphs.get(value);
  if (known) return known;
  const found = checkDataGlyphs(value, res.chains.all, where);
  memo?.glyphs.set(value, found);
  return found;
}

export interface JurisdictionChecked {
  /** Its data's characters against the fonts that will draw them; an error among them stops its handout. */
  glyphs: Problem[];
  /** Its handout made from the data (the template rendered, its characters checked), when the glyphs allow. */
  handout?(): { doc?: Document; problems: Problem[] };
}

/**
 * One jurisdiction's data checked beyond its schema: its characters, then its handout. Plan loading
 * (checkPlanSet) and survey import (a returned workbook, before it is written as YAML) both ask
 * this, so that a reply is refused for what a build would refuse it for. A jurisdiction without a
 * file of its own has only the handout of the national content.
 */
export function checkJurisdiction(plan: Plan, j: Jurisdiction, local: JurisdictionData | undefined, res: Resources, memo?: CheckMemo): JurisdictionChecked {
  const glyphs = local ? dataGlyphs(local.plan, res, { file: local.file, ...local.loaded }, memo) : [];
  if (hasErrors(glyphs)) return { glyphs };
  return { glyphs, handout: () => makeDocument(handout.template, handoutContext(plan, j, local?.plan), res, memo) };
}

/**
 * A memo, from a long-running command, keeps what did not change since its last check. `chosen`: the
 * documents that are made (`build --only`, `--jurisdiction`); the others are listed, their data
 * checked, but their templates not rendered — their problems would not be the build's to report.
 */
export function checkPlanSet(dir: string, resources: () => Resources, memo?: CheckMemo, chosen?: (instance: Instance) => boolean): Checked {
  try {
    return checkAll(dir, resources, memo, chosen);
  } catch (e) {
    // A font that turns out broken when first read (fonts are read when a character is looked up).
    if (e instanceof Failure) return { problems: uniqueProblems(e.problems) };
    throw e;
  }
}

function checkAll(dir: string, resources: () => Resources, memo?: CheckMemo, chosen?: (instance: Instance) => boolean): Checked {
  memo?.yaml.round();
  const loaded = loadPlanFiles(dir, memo?.yaml);
  let res: Resources | undefined;
  const problems: Problem[] = [];
  try {
    res = resources();
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    problems.push(...e.problems);
  }
  problems.push(...loaded.problems);
  if (!loaded.files || !res) return { problems: uniqueProblems(problems) };
  memo?.round(res);
  const files = loaded.files;
  const glyphs = (value: object, where: GlyphsWhere) => dataGlyphs(value, res, where, memo);

  // Characters of the data, where the message can still name file:line:column.
  const shared = [
    ...glyphs(files.plan, { file: files.planFile, ...files.loaded }),
    ...(files.registryLoaded ? glyphs(files.registryLoaded.value!, { file: files.registryFile!, ...files.registryLoaded }) : []),
  ];
  problems.push(...shared);
  if (hasErrors(shared)) return { problems: uniqueProblems(problems) };
  const byCode = new Map(files.registry.map((j) => [j.code, j]));
  const jurisdictions = new Map<string, JurisdictionChecked>();
  for (const [code, local] of [...files.locals]) {
    const checked = checkJurisdiction(files.plan, byCode.get(code)!, local, res, memo);
    jurisdictions.set(code, checked);
    if (checked.handout) continue;
    files.locals.delete(code);
    files.failed.set(code, checked.glyphs);
    problems.push(...checked.glyphs);
  }

  const documents: CheckedDocument[] = [];
  for (const kind of PLAN_KINDS) {
    for (const instance of kind.instances(files)) {
      if (hasErrors(instance.problems) || !(kind.template ? instance.context : instance.model) || (chosen && !chosen(instance))) {
        documents.push({ instance, problems: instance.problems });
        continue;
      }
      // A data kind makes its model from data already checked, glyphs included; its column names are the kind's.
      if (!kind.template) {
        documents.push({ instance, doc: instance.model, problems: instance.problems });
        continue;
      }
      const j = instance.jurisdiction;
      const made = kind === handout && j
        ? (jurisdictions.get(j.code) ?? checkJurisdiction(files.plan, j, undefined, res, memo)).handout!()
        : makeDocument(kind.template, instance.context!, res, memo);
      documents.push({ instance, ...made });
      problems.push(...made.problems);
    }
  }
  // A final plan is about to be published: what the release check finds is said by every build, as
  // warnings (validate --release makes them errors).
  if (files.plan.status === 'final') problems.push(...releaseProblems(files, { asWarnings: true }));
  return { set: { ...files, resources: res, documents }, problems: uniqueProblems(problems) };
}
