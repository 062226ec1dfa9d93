import * as z from 'zod';

// Schema pieces that the plan's and the theme's schemas both use: they live below both, so that
// neither imports the other.

/** A choice of words, each with what it means: the editors show the meaning beside each value. */
export const describedEnum = <K extends string>(values: Readonly<Record<K, string>>, meta: { title: string; description: string }) => {
  const keys = Object.keys(values) as [K, ...K[]];
  return z.enum(keys).meta({ ...meta, enumDescriptions: keys.map((k) => values[k]) });
};
