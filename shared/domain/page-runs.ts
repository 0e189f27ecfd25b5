// Pages named as people name them: runs of consecutive pages ("pages 2, 4–6, …"). Used by the
// documents list, the case search's "not searched" note and the CLI alike.

/** Ascending page numbers as [first, last] runs of consecutive ones. */
export function runsOf(pages: readonly number[]): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  for (const p of pages) {
    const last = runs[runs.length - 1];
    if (last && p === last[1] + 1) last[1] = p;
    else runs.push([p, p]);
  }
  return runs;
}

/** "page 4", "pages 3–5", "pages 2, 4–6, …" (the runs as listed; `more` when some were left off). */
export function pagesText(runs: ReadonlyArray<readonly [number, number]>, more: boolean): string {
  const parts = runs.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`));
  const single = runs.length === 1 && runs[0]![0] === runs[0]![1] && !more;
  return `${single ? 'page' : 'pages'} ${parts.join(', ')}${more ? ', …' : ''}`;
}

/** How many pages the runs name. */
export const pagesIn = (runs: ReadonlyArray<readonly [number, number]>): number => runs.reduce((n, [a, b]) => n + b - a + 1, 0);
