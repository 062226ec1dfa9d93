import { documentDate, type Plan } from '../plan/schema.js';
import { fiscalYearName } from '../text/era.js';
import type { Contact, Jurisdiction, LocalPlan } from '../plan/jurisdiction.js';

// The view a template sees: the plan with its references resolved, so that templates only
// choose wording and order. Absent optional parts are null, because strict templates reject
// a field that does not exist at all.

/** The plan's name without the summary's word: 令和５年度中小企業支援計画 (the data's and the index's titles). */
export const planName = (plan: Plan) => `${fiscalYearName(plan.fiscalYear)}${plan.title.replace(/の概要$/, '')}`;

export interface ImplementerView {
  id: string;
  name: string;
  bullets: string[];
  categories: { title: string; items: string[] | null; etc: boolean }[];
  budget: { heading: string; pillars: string[] } | null;
}

export function implementerViews(plan: Plan): ImplementerView[] {
  return plan.implementers.map((imp) => {
    const groups = new Map(imp.programmes.map((g) => [g.category, g]));
    return {
      id: imp.id,
      name: imp.name,
      bullets: imp.bullets,
      categories: plan.act.categories.map((c) => {
        const g = groups.get(c.id);
        return { title: c.title, items: g ? g.items : null, etc: g?.etc ?? false };
      }),
      budget: imp.budget ?? null,
    };
  });
}

/** What every page of a plan states about it: its year, status and publisher. */
export const planHeader = (plan: Plan) => ({
  fiscalYear: plan.fiscalYear,
  draft: plan.status === 'draft',
  sample: plan.sample,
  issuer: plan.issuer,
  published: documentDate(plan),
});

export function summaryContext(plan: Plan) {
  return {
    ...planHeader(plan),
    title: plan.title,
    positioning: plan.positioning,
    basicPolicy: plan.basicPolicy,
    supportProjects: plan.supportProjects,
    act: plan.act,
    implementers: implementerViews(plan),
  };
}

const contactView = (c: Contact) => ({ name: c.name, address: c.address ?? null, phone: c.phone ?? null, url: c.url ?? null });

/** A handout: the national plan's policy and the 都道府県等 column, then the jurisdiction's own part. */
export function handoutContext(plan: Plan, jurisdiction: Jurisdiction, own: LocalPlan | undefined) {
  const local = implementerViews(plan).find((_, i) => plan.implementers[i].local);
  if (!local) throw new Error('handoutContext: the plan has no local implementer (checked by the schema)');
  const groups = new Map((own?.programmes ?? []).map((g) => [g.category, g]));
  return {
    fiscalYear: plan.fiscalYear,
    draft: plan.status === 'draft',
    sample: plan.sample || (own?.sample ?? false),
    issuer: plan.issuer,
    published: documentDate(plan),
    title: plan.title,
    basicPolicy: plan.basicPolicy,
    act: plan.act,
    local,
    jurisdiction: { code: jurisdiction.code, name: jurisdiction.name, kana: jurisdiction.kana },
    own: own
      ? {
          categories: plan.act.categories.map((c) => ({ title: c.title, items: groups.get(c.id)?.items ?? null, etc: groups.get(c.id)?.etc ?? false })),
          contacts: [own.center, ...own.contacts].map(contactView),
        }
      : null,
  };
}
