// Load as the bench measures it: `connections` loops, each sending one request after another
// until `seconds` pass. One loop for the handler in-process (bench-worker.ts) and over HTTP
// (bench.ts's npm start line), so both report req/s, p50 and p99 the same way.
import { percentile } from "#src/scripts/bench/percentile.ts";

/** `once` sends one request and returns its latency in ms. */
export async function drive(connections: number, seconds: number, once: () => Promise<number>) {
  const latencies: number[] = [];
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (performance.now() < until) latencies.push(await once());
    }),
  );
  const elapsedMs = performance.now() - started;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: (latencies.length * 1000) / elapsedMs,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
  };
}
