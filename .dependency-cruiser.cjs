// The architecture, checked in `npm test` (test/architecture.test.ts): src/ is a stack of stages and
// imports run one way, from the command line down to the ground. A folder may import its own stage,
// any stage below it, and nothing above; no cycles, even inside a folder; no writer reaches into
// another writer. The README's architecture section draws the same stack.
//
// Stages, lowest first (a stage may import every stage before it):
const STAGES = [
  ['text'],                                       // characters, digits, eras, 禁則
  ['core', 'document'],                           // problems and their places, YAML; the document model
  ['plan', 'theme', 'fonts', 'template', 'diff'], // the data, the look, fonts, Handlebars; comparing two models
  ['documents'],                                  // the kinds table: what a plan is made into
  ['check', 'layout'],                            // the plan set checked (templates rendered); fitting the page
  ['render'],                                     // the writers table and one folder per format
  ['pipeline', 'lint'],                           // the loop that makes files (jobs, pool, writes, manifest)
  ['survey', 'preview'],                          // workbooks out and in; the browser preview
  ['cli'],                                        // one file per command
];

const folder = (names) => `^src/(${names.join('|')})/`;
const above = (i) => STAGES.slice(i + 1).flat();

module.exports = {
  forbidden: [
    {
      name: 'no-cycle',
      comment: 'A cycle makes two modules one: break it by moving what both need below both.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...STAGES.slice(0, -1).flatMap((names, i) =>
      names.map((name) => ({
        name: `${name}-imports-upward`,
        comment: `src/${name}/ is below ${above(i).join(', ')}: it may not import them.`,
        severity: 'error',
        from: { path: `^src/${name}/` },
        to: { path: folder(above(i)) },
      })),
    ),
    ...STAGES.flatMap((names) =>
      names.length < 2 ? [] : names.map((name) => ({
        name: `${name}-imports-sibling`,
        comment: `Folders of one stage are independent of each other: what src/${name}/ shares with a sibling belongs below both.`,
        severity: 'error',
        from: { path: `^src/${name}/` },
        to: { path: folder(names.filter((n) => n !== name)) },
      })),
    ),
    {
      name: 'writer-imports-writer',
      comment: 'Writers are independent: render/<format>/ imports the model, the layout and its own folder only.',
      severity: 'error',
      from: { path: '^src/render/([^/]+)/' },
      to: { path: '^src/render/[^/]+/', pathNot: '^src/render/$1/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: { path: '^src/' },
      // tsx is the fallback loader of the uncompiled sources (bin/shien.mjs); it resolves at run time.
      to: { couldNotResolve: true, pathNot: '^tsx/' },
    },
    {
      name: 'stage-known',
      comment: 'Every folder of src/ is a stage of the list above (a new folder takes its place in it).',
      severity: 'error',
      from: { path: '^src/' , pathNot: [folder(STAGES.flat()), '^src/types/'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.mjs', '.js'], conditionNames: ['import', 'require', 'node', 'default'] },
    moduleSystems: ['es6', 'cjs'],
  },
};
