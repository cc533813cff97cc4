import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";

/**
 * What the proxy does with a request while a fault is on:
 * - "refuse": drops the connection at once, as a stopped service's closed port would;
 * - "hang": accepts and never answers, as a service behind a dead network path does;
 * - "lose-reply": forwards the request (so the write happens) and drops the answer, once,
 *   as a connection cut between the service's commit and its reply does;
 * - "hold": keeps the request until restore() and then forwards it, as a slow service would,
 *   so a test can see what else the app does meanwhile.
 */
export type Fault = "refuse" | "hang" | "lose-reply" | "hold";

export interface SeenRequest {
  url?: string;
  headers: IncomingMessage["headers"];
  body: Buffer;
}

export interface OutageProxy {
  /** Point the app's endpoint setting (DYNAMODB_ENDPOINT, COGNITO_ENDPOINT) here. */
  endpoint: string;
  /** Starts a fault, for every request or only those `affects` picks (e.g. one URL path). */
  cut(fault?: Fault, affects?: (request: IncomingMessage) => boolean): void;
  /** Ends the fault: the service is back, with the data it had (it never stopped). */
  restore(): void;
  /** How many requests reached the proxy while a fault was on. */
  faulted(): number;
  /** How many requests `matches` picks reached the proxy, fault or not. */
  received(matches: (request: SeenRequest) => boolean): number;
  /** Every request that reached the proxy, in order (a body once it has been read). */
  seen(): readonly SeenRequest[];
  stop(): Promise<void>;
}

/**
 * An HTTP proxy between the app and a local service (DynamoDB, the Cognito emulator) that can
 * cut the service off and bring it back on the same endpoint, with its data intact. Stopping the
 * in-memory DynamoDB itself would lose its tables; this is the outage as the app sees it,
 * without touching our code.
 */
export async function startOutageProxy(target: string): Promise<OutageProxy> {
  const upstream = new URL(target);
  let fault: { kind: Fault; affects: (request: IncomingMessage) => boolean } | undefined;
  let faulted = 0;
  const hanging = new Set<Socket>();
  const held: (() => void)[] = [];
  const seen: SeenRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    const record: SeenRequest = { url: incoming.url, headers: incoming.headers, body: Buffer.alloc(0) };
    seen.push(record);
    const active = fault?.affects(incoming) ? fault : undefined;
    if (active) faulted += 1;
    if (active?.kind === "refuse") {
      incoming.socket.destroy();
      return;
    }
    // Read whole (so nothing times out on the app's side of the socket, and tests can see it).
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    const read = new Promise<Buffer>((resolve) =>
      incoming.once("end", () => resolve((record.body = Buffer.concat(chunks)))),
    );
    if (active?.kind === "hang") {
      hanging.add(incoming.socket);
      incoming.socket.once("close", () => hanging.delete(incoming.socket));
      return;
    }
    if (active?.kind === "lose-reply") fault = undefined;
    if (active?.kind === "hold") {
      held.push(() => void read.then((body) => pass(incoming, outgoing, undefined, body)));
      return;
    }
    void read.then((body) => pass(incoming, outgoing, active, body));
  });
  function pass(
    incoming: IncomingMessage,
    outgoing: ServerResponse,
    active: { kind: Fault } | undefined,
    body: Buffer,
  ) {
    const forward = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: incoming.url,
        method: incoming.method,
        headers: incoming.headers,
      },
      (response) => {
        if (active) {
          // The service has done the work; the app never hears about it.
          response.resume();
          response.once("end", () => incoming.socket.destroy());
          return;
        }
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      },
    );
    forward.on("error", () => outgoing.destroy());
    forward.end(body);
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (typeof address !== "object" || !address) throw new Error("the outage proxy did not start");
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    cut(kind = "refuse", affects = () => true) {
      fault = { kind, affects };
    },
    restore() {
      fault = undefined;
      for (const socket of hanging) socket.destroy();
      for (const forward of held.splice(0)) forward();
    },
    faulted: () => faulted,
    received: (matches) => seen.filter(matches).length,
    seen: () => seen,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
