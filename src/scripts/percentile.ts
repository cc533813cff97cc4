// The latency figures of the bench, its workers and the load test: the value at p% of a sorted
// list (nearest rank, rounded down), so every script reports p50 and p99 the same way.
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
