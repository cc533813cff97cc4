// The latency figures of the bench, its workers and the load test: the value at p% of a sorted
// list (nearest rank, rounded down), so every script reports p50 and p99 the same way.
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** The middle value (the lower of the two middle ones for an even count), of any order. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? NaN;
}
