import type { Jurisdiction } from './jurisdiction.js';

/** A jurisdiction's file name without extension, for its data and its documents: `13-tokyo`. */
export const fileStem = (j: Pick<Jurisdiction, 'code' | 'slug'>) => `${j.code}-${j.slug}`;
