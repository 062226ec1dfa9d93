import { join } from 'node:path';
import type { PlanFiles } from '../plan/files.js';
import { fileStem } from '../plan/stem.js';
import type { PageKind } from './kind.js';
import { ONLY } from './only.js';
import { handoutContext } from './views.js';

export const HANDOUT_DIR = 'handouts';

/** One handout per 都道府県等 of the registry: handouts/<code>-<slug>.pdf, .docx. */
export const handout: PageKind<PlanFiles> = {
  name: 'handout',
  template: 'handout',
  only: ONLY.handouts,
  instances: (set) =>
    set.registry.map((j) => {
      const local = set.locals.get(j.code);
      const failed = set.failed.get(j.code);
      const localFile = local?.file ?? (failed ? failed.find((p) => p.file)?.file : undefined);
      return {
        kind: 'handout',
        stem: join(HANDOUT_DIR, fileStem(j)),
        // Its own file, where it has one: that is where a handout's own text is written.
        source: localFile ?? set.planFile,
        inputs: [set.planFile, set.registryFile!, ...(localFile ? [localFile] : [])],
        jurisdiction: j,
        ...(failed ? {} : { context: handoutContext(set.plan, j, local?.plan) }),
        problems: failed ?? [],
      };
    }),
};
