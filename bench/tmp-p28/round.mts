import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, buildMemo } from '/work/wt-28/src/pipeline/build.js';
import { loadResources } from '/work/wt-28/src/check/resources.js';
import { checkPlanSet } from '/work/wt-28/src/check/plan-set.js';
const root = '/tmp/p28/w'; cpSync('/work/wt-28/plans', join(root, 'plans'), { recursive: true });
const planDir = join(root, 'plans/r5'); const out = join(root, 'out');
const res = loadResources(); const memo = buildMemo();
let t = performance.now();
await build({ planDir, outDir: out, workers: 1, memo }, () => res);
console.log('first build', performance.now() - t);
const file = join(planDir, 'jurisdictions/13-tokyo.yaml');
for (let k = 1; k <= 4; k++) {
  writeFileSync(file, readFileSync(file, 'utf8').replace(/見本経営者研修事業[^\]]*/, `見本経営者研修事業その${k}`));
  t = performance.now();
  const c = checkPlanSet(planDir, () => res, memo.check);
  const tc = performance.now() - t;
  const r = await build({ planDir, outDir: out, workers: 1, memo, checked: c, changed: [file] }, () => res);
  console.log('check', tc.toFixed(0), 'build', (performance.now() - t).toFixed(0), r.documents.filter((d) => d.files.length).map((d) => `${d.name} ${d.ms.toFixed(0)}`).join(', '));
}
for (let k = 1; k <= 3; k++) {
  t = performance.now(); checkPlanSet(planDir, () => res); console.log('nomemo check', (performance.now() - t).toFixed(0));
}
