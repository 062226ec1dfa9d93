// Character-level comparison of two sentences, for the 傍線 (underlines) of a 新旧対照表.
// A small LCS over code points is enough: a plan's sentences are a few hundred characters, and the
// cleanup below is what makes the result readable, which a generic diff library would not do for
// Japanese without the same work (there are no spaces to align on).

/** A stretch of one side's text; `changed` stretches are underlined (傍線). */
export interface Segment {
  text: string;
  changed: boolean;
}

type Edit = { eq: string } | { del: string; ins: string };

/** Above this many cells the middle is taken as changed as a whole (never happens with real plans). */
const MAX_CELLS = 4_000_000;

/** Longest common subsequence table of two sequences: `dp[i][j]` for the suffixes a[i:], b[j:]. */
export function lcsTable(a: readonly string[], b: readonly string[]): Uint32Array[] {
  const dp = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
    }
  }
  return dp;
}

/** The raw edit script: equal stretches and (deleted, inserted) stretches between them. */
function edits(before: string, after: string): Edit[] {
  const a = Array.from(before);
  const b = Array.from(after);
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const ma = a.slice(pre, a.length - suf);
  const mb = b.slice(pre, b.length - suf);

  const out: Edit[] = [];
  const push = (e: Edit) => {
    const last = out[out.length - 1];
    if ('eq' in e) {
      if (!e.eq) return;
      if (last && 'eq' in last) last.eq += e.eq;
      else out.push({ ...e });
    } else {
      if (!e.del && !e.ins) return;
      if (last && 'del' in last) {
        last.del += e.del;
        last.ins += e.ins;
      } else out.push({ ...e });
    }
  };
  push({ eq: a.slice(0, pre).join('') });
  if ((ma.length + 1) * (mb.length + 1) > MAX_CELLS) {
    push({ del: ma.join(''), ins: mb.join('') });
  } else {
    const dp = lcsTable(ma, mb);
    let i = 0;
    let j = 0;
    while (i < ma.length || j < mb.length) {
      if (i < ma.length && j < mb.length && ma[i] === mb[j]) {
        push({ eq: ma[i] });
        i++;
        j++;
      } else if (j >= mb.length || (i < ma.length && dp[i + 1][j] >= dp[i][j + 1])) {
        push({ del: ma[i], ins: '' });
        i++;
      } else {
        push({ del: '', ins: mb[j] });
        j++;
      }
    }
  }
  push({ eq: a.slice(a.length - suf).join('') });
  return out;
}

const len = (s: string) => Array.from(s).length;

/**
 * An insertion or deletion between two equal stretches can often stand in several places
 * (「全国【的かつ効果】的な」 and 「全国的【かつ効果的】な」 are the same edit). Slide each one as far
 * right as it goes, so that the equal stretch before it is as long as it can be and the cleanup
 * below does not mistake it for a coincidence.
 */
function slide(script: Edit[]): Edit[] {
  const out = script.map((e) => ({ ...e }));
  for (let k = 0; k < out.length - 1; k++) {
    const e = out[k];
    const next = out[k + 1];
    if (!('del' in e) || !('eq' in next) || (e.del && e.ins)) continue;
    let moved = Array.from(e.del || e.ins);
    let after = Array.from(next.eq);
    while (after.length && moved[0] === after[0]) {
      moved = [...moved.slice(1), after[0]];
      after = after.slice(1);
      const prev = out[k - 1];
      // The first character leaves the edit for the equal stretch before it.
      if (prev && 'eq' in prev) prev.eq += moved[moved.length - 1];
      else {
        out.splice(k, 0, { eq: moved[moved.length - 1] });
        k++;
      }
    }
    const text = moved.join('');
    out[k] = e.del ? { del: text, ins: '' } : { del: '', ins: text };
    if (after.length) out[k + 1] = { eq: after.join('') };
    else {
      out.splice(k + 1, 1);
      // Two edits now touch: they are one.
      const following = out[k + 1];
      if (following && 'del' in following) {
        out[k] = { del: (out[k] as { del: string }).del + following.del, ins: (out[k] as { ins: string }).ins + following.ins };
        out.splice(k + 1, 1);
      }
    }
  }
  return out;
}

/**
 * Semantic cleanup (after diff-match-patch): an equal stretch between two changes that is no longer
 * than the changes on either side is a coincidence (a shared の or 事業), not something kept; it
 * joins the change, so that a rewritten phrase is underlined as one phrase rather than in pieces.
 */
function cleanup(script: Edit[]): Edit[] {
  const out = script.map((e) => ({ ...e }));
  for (let again = true; again; ) {
    again = false;
    for (let k = 1; k < out.length - 1; k++) {
      const [prev, mid, next] = [out[k - 1], out[k], out[k + 1]];
      if (!('eq' in mid) || !('del' in prev) || !('del' in next)) continue;
      const n = len(mid.eq);
      if (n <= Math.max(len(prev.del), len(prev.ins)) && n <= Math.max(len(next.del), len(next.ins))) {
        out.splice(k - 1, 3, { del: prev.del + mid.eq + next.del, ins: prev.ins + mid.eq + next.ins });
        again = true;
        break;
      }
    }
  }
  return out;
}

function segments(parts: { text: string; changed: boolean }[]): Segment[] {
  const out: Segment[] = [];
  for (const p of parts) {
    if (!p.text) continue;
    const last = out[out.length - 1];
    if (last && last.changed === p.changed) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** Both sides of an edited sentence, split into unchanged and changed (underlined) stretches. */
export function diffChars(before: string, after: string): { before: Segment[]; after: Segment[] } {
  const script = cleanup(slide(edits(before, after)));
  return {
    before: segments(script.map((e) => ('eq' in e ? { text: e.eq, changed: false } : { text: e.del, changed: true }))),
    after: segments(script.map((e) => ('eq' in e ? { text: e.eq, changed: false } : { text: e.ins, changed: true }))),
  };
}

/** How alike two sentences are: 1 for the same, 0 for nothing in common (Dice over the LCS). */
export function similarity(a: string, b: string): number {
  if (a === b) return 1;
  const total = len(a) + len(b);
  if (!total) return 1;
  const kept = edits(a, b).reduce((n, e) => n + ('eq' in e ? len(e.eq) : 0), 0);
  return (2 * kept) / total;
}
