/**
 * McNemar's exact test for paired pass/fail outcomes (two arms on the same
 * problems): only discordant pairs count — b = A passed and B failed, c = the
 * reverse. Under "no difference", b ~ Binomial(b + c, 1/2); the two-sided p-value
 * is min(1, 2 · P(X ≤ min(b, c))). Exact for any sample size (no χ² approximation).
 */

export interface McNemar {
  /** A passed, B failed. */
  aOnly: number;
  /** B passed, A failed. */
  bOnly: number;
  pValue: number;
  significant: boolean;
}

/** log(n choose k) via log-gamma-free summation (n is small: problems in a set). */
function logChoose(n: number, k: number): number {
  let sum = 0;
  for (let i = 1; i <= k; i++) sum += Math.log(n - k + i) - Math.log(i);
  return sum;
}

export function mcnemarExact(aOnly: number, bOnly: number, alpha = 0.05): McNemar {
  const n = aOnly + bOnly;
  if (n === 0) return { aOnly, bOnly, pValue: 1, significant: false };
  const k = Math.min(aOnly, bOnly);
  let tail = 0;
  for (let i = 0; i <= k; i++) tail += Math.exp(logChoose(n, i) - n * Math.LN2);
  const pValue = Math.min(1, 2 * tail);
  return { aOnly, bOnly, pValue, significant: pValue < alpha };
}
