/**
 * Percentages with one decimal that sum to exactly 100.0 (largest-remainder method): each value
 * gets its floor in tenths of a percent, and the tenths still missing go to the largest remainders
 * (ties: the earlier item, so callers decide ties by the order they pass the values in). Remainders
 * are compared at 1e-9: equal efforts summed in another order differ in their last bits, and must
 * still tie. When the total is 0, every percent is 0.
 */
export function percentsSummingTo100(values: readonly number[]): number[] {
  const total = values.reduce((sum, v) => sum + v, 0);
  if (!(total > 0)) return values.map(() => 0);
  const exact = values.map((v) => (v / total) * 1000);
  const tenths = exact.map((x) => Math.floor(x + 1e-9));
  let missing = 1000 - tenths.reduce((sum, t) => sum + t, 0);
  const order = exact
    .map((x, i) => ({ i, remainder: Math.round((x - tenths[i]) * 1e9) / 1e9 }))
    .sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of order) {
    if (missing <= 0) break;
    tenths[i]++;
    missing--;
  }
  return tenths.map((t) => t / 10);
}
