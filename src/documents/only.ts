// The words `build --only` takes, one for each kind a plan is made into. Apart from the kinds
// themselves because every start of the command reads them (for its options and help), and the
// kinds load the plan's schema: each kind names its word from here.
export const ONLY = { summary: 'summary', handouts: 'handouts', data: 'data' } as const;

/** In the order the kinds are built and listed. */
export const ONLY_CHOICES: readonly string[] = [ONLY.summary, ONLY.handouts, ONLY.data];
