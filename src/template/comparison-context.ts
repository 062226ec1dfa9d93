import type { Change } from '../diff/compare.js';
import type { Plan } from '../plan/schema.js';

// The view templates/comparison.hbs sees: the new plan's title and date, and the changes with each
// side already split into stretches, so that the template only wraps the changed ones in <u> and
// Handlebars still escapes every character of the data.

export function comparisonContext(changes: readonly Change[], oldPlan: Plan, newPlan: Plan) {
  return {
    fiscalYear: newPlan.fiscalYear,
    title: newPlan.title,
    issuer: newPlan.issuer,
    published: newPlan.published,
    sample: newPlan.sample || oldPlan.sample,
    old: { fiscalYear: oldPlan.fiscalYear, title: oldPlan.title, published: oldPlan.published },
    changes: changes.map((c) => ({
      place: c.place,
      bullet: c.style === 'bullet',
      added: c.kind === 'added',
      removed: c.kind === 'removed',
      after: c.after,
      before: c.before,
    })),
  };
}
