import { describe, expect, it } from 'vitest';
import { quadraticWeightedKappa } from '../../../shared/domain/kappa.ts';

describe('quadratic-weighted kappa', () => {
  it('matches a worked example computed by hand', () => {
    // Rater A: 0 1 2 3 3; rater B: 0 2 2 3 1 (levels 0–3, k = 4, weights (i−j)²/9).
    // Observed: squared differences 0,1,0,0,4 → mean 1.0 → Σw·O = 1.0/9.
    // Expected from the marginals, E[(X−Y)²] = Var X + Var Y + (EX − EY)²:
    //   A: EX = 1.8, EX² = 4.6, Var X = 1.36;  B: EY = 1.6, EY² = 3.6, Var Y = 1.04;  (1.8 − 1.6)² = 0.04
    //   → 2.44, so Σw·E = 2.44/9.
    // κ = 1 − (1.0/9)/(2.44/9) = 1 − 1/2.44 = 0.590163934…
    expect(quadraticWeightedKappa([0, 1, 2, 3, 3], [0, 2, 2, 3, 1])).toBeCloseTo(0.590164, 6);
  });

  it('is 1 for perfect agreement and negative for systematic reversal', () => {
    expect(quadraticWeightedKappa([0, 1, 2, 3], [0, 1, 2, 3])).toBe(1);
    expect(quadraticWeightedKappa([0, 1, 2, 3], [3, 2, 1, 0])).toBeCloseTo(-1, 10);
  });

  it('is undefined with no items or no possible disagreement', () => {
    expect(quadraticWeightedKappa([], [])).toBeNull();
    expect(quadraticWeightedKappa([2, 2, 2], [2, 2, 2])).toBeNull();
  });

  it('refuses unequal lists', () => {
    expect(() => quadraticWeightedKappa([1], [1, 2])).toThrow('Both raters must score the same items.');
  });
});
