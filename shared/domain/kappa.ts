// Cohen's kappa with quadratic weights, for two raters scoring the same items on an ordinal
// scale 0..k-1: 1 - Σ w·O / Σ w·E, with w(i,j) = (i-j)²/(k-1)², O the observed proportions and
// E the proportions expected from the raters' marginals. Null when undefined (no items, or
// both raters used a single level so that no disagreement was possible).
export function quadraticWeightedKappa(a: number[], b: number[], k = 4): number | null {
  if (a.length !== b.length) throw new Error('Both raters must score the same items.');
  const n = a.length;
  if (n === 0) return null;
  const O = Array.from({ length: k }, () => Array<number>(k).fill(0));
  const ra = Array<number>(k).fill(0);
  const rb = Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    O[a[i]!]![b[i]!]! += 1 / n;
    ra[a[i]!]! += 1 / n;
    rb[b[i]!]! += 1 / n;
  }
  let num = 0;
  let den = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const w = (i - j) ** 2 / (k - 1) ** 2;
      num += w * O[i]![j]!;
      den += w * ra[i]! * rb[j]!;
    }
  }
  return den === 0 ? null : 1 - num / den;
}
