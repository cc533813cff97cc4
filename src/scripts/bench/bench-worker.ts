// One measurement in its own Node process, started by bench.ts. The Lambda bundle is imported
// here and nowhere else in this process, so its import time is a cold start's and its CPU time
// is the handler's alone: the local DynamoDB and Cognito run in the parent. Prints one JSON line.
import { createServer, request as forward, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { httpEvent, type Handler, type Target } from "#src/scripts/bench/bench-events.ts";
import { drive } from "#src/scripts/bench/drive.ts";
import { percentile } from "#src/scripts/bench/percentile.ts";

export type Job =
  | { kind: "cold"; bundle: string }
  | { kind: "first"; bundle: string; target: Target }
  | { kind: "warm"; bundle: string; target: Target; connections: number; seconds: number; warmupSeconds: number }
  | { kind: "latency"; bundle: string; targets: Target[]; rounds: number }
  | { kind: "count"; bundle: string; targets: Target[] };

async function importHandler(bundle: string): Promise<{ handler: Handler; importMs: number }> {
  const started = performance.now();
  const module = (await import(bundle)) as { handler: Handler };
  return { handler: module.handler, importMs: performance.now() - started };
}

async function timeRequest(handler: Handler, target: Target): Promise<number> {
  const started = performance.now();
  const response = await handler(httpEvent(target));
  const elapsed = performance.now() - started;
  if (response.statusCode !== 200) throw new Error(`${target.path} answered ${response.statusCode}`);
  return elapsed;
}

function median(values: number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/**
 * Counts what the handler sends to DynamoDB: a pass-through proxy in front of the local
 * endpoint, which the handler is pointed at before it reads its environment.
 */
async function startCountingProxy(endpoint: string): Promise<{ server: Server; calls: string[] }> {
  const upstream = new URL(endpoint);
  const calls: string[] = [];
  const server = createServer((request, response) => {
    calls.push(String(request.headers["x-amz-target"] ?? "?").replace(/^DynamoDB_\d+\./, ""));
    const upstreamRequest = forward(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (upstreamResponse) => {
        response.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        upstreamResponse.pipe(response);
      },
    );
    upstreamRequest.on("error", () => response.destroy());
    request.pipe(upstreamRequest);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  process.env.DYNAMODB_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, calls };
}

async function run(job: Job): Promise<unknown> {
  switch (job.kind) {
    case "cold": {
      const { importMs } = await importHandler(job.bundle);
      return { importMs };
    }
    case "first": {
      const { handler, importMs } = await importHandler(job.bundle);
      return { importMs, firstMs: await timeRequest(handler, job.target) };
    }
    case "warm": {
      const { handler } = await importHandler(job.bundle);
      const once = () => timeRequest(handler, job.target);
      await drive(job.connections, job.warmupSeconds, once);
      const cpu = process.cpuUsage();
      const { requests, perSecond, p50, p99 } = await drive(job.connections, job.seconds, once);
      const used = process.cpuUsage(cpu);
      return { requests, perSecond, p50, p99, cpuMsPerRequest: (used.user + used.system) / 1000 / requests };
    }
    case "latency": {
      const { handler } = await importHandler(job.bundle);
      for (const target of job.targets) for (let i = 0; i < 5; i += 1) await timeRequest(handler, target);
      const samples = new Map<string, number[]>(job.targets.map((target) => [target.name, []]));
      const cpu = new Map<string, number[]>(job.targets.map((target) => [target.name, []]));
      // Interleaved rounds, so a burst of load on a shared machine hits every target alike.
      for (let round = 0; round < job.rounds; round += 1) {
        for (const target of job.targets) {
          const before = process.cpuUsage();
          samples.get(target.name)?.push(await timeRequest(handler, target));
          const used = process.cpuUsage(before);
          cpu.get(target.name)?.push((used.user + used.system) / 1000);
        }
      }
      // The handler's own CPU per request beside its latency ("<name> cpu"): what a view costs
      // this process, apart from the local DynamoDB's share (in the parent process).
      return Object.fromEntries([
        ...[...samples].map(([name, values]) => [name, median(values)]),
        ...[...cpu].map(([name, values]) => [`${name} cpu`, median(values)]),
      ]);
    }
    case "count": {
      const endpoint = process.env.DYNAMODB_ENDPOINT;
      if (!endpoint) throw new Error("DYNAMODB_ENDPOINT is not set");
      const proxy = await startCountingProxy(endpoint);
      const { handler } = await importHandler(job.bundle);
      const counts: Record<string, string[]> = {};
      for (const target of job.targets) {
        await timeRequest(handler, target); // the first view also fetches the sign-in keys once
        proxy.calls.length = 0;
        await timeRequest(handler, target);
        counts[target.name] = [...proxy.calls];
      }
      proxy.server.close();
      return counts;
    }
  }
}

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
const result = await run(job);
process.stdout.write(`${JSON.stringify(result)}\n`);
// The SDK's keep-alive sockets would hold the process open.
process.exit(0);
