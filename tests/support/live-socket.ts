// A WebSocket client for the live-updates tests: Node 22's own WebSocket against arc sandbox's
// @ws on the app's HTTP port, keeping every message it receives so a test can wait for one and
// count them.

export interface LiveMessage {
  t: string;
  id?: string;
  ok?: string[];
  refused?: string[];
  changed?: boolean;
}

export interface LiveSocket {
  /** Every message received so far, in order, each with the time it arrived (performance.now()). */
  messages: { at: number; message: LiveMessage }[];
  /**
   * The first message from index `from` on (already received or still to come) that matches,
   * or an error after `ms`: a generous bound for a busy machine, not a measure of speed.
   */
  next(
    match: (message: LiveMessage) => boolean,
    options?: { from?: number; ms?: number },
  ): Promise<{ at: number; message: LiveMessage }>;
  send(message: unknown): void;
  close(): Promise<void>;
}

/** Opens a socket with the ticket; rejects when the server refuses it (the socket never opens). */
export function openLiveSocket(port: number, ticket: string): Promise<LiveSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/?t=${encodeURIComponent(ticket)}`);
  const messages: LiveSocket["messages"] = [];
  const waiters = new Set<() => void>();
  ws.addEventListener("message", (event) => {
    messages.push({ at: performance.now(), message: JSON.parse(String(event.data)) as LiveMessage });
    for (const wake of waiters) wake();
  });
  const socket: LiveSocket = {
    messages,
    next(match, { from = 0, ms = 15_000 } = {}) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = messages.slice(from).find((entry) => match(entry.message));
          if (!found) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching message within ${ms} ms; received ${JSON.stringify(messages)}`));
        }, ms);
        waiters.add(check);
        check();
      });
    },
    send: (message) => ws.send(JSON.stringify(message)),
    close: () =>
      new Promise((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.addEventListener("close", () => resolve(), { once: true });
        ws.close();
      }),
  };
  return new Promise((resolve, reject) => {
    ws.addEventListener("open", () => resolve(socket), { once: true });
    ws.addEventListener("error", () => reject(new Error("the socket was refused")), { once: true });
  });
}

/** Subscribes and waits for the server's answer: which lists it follows and which it refused. */
export async function subscribe(socket: LiveSocket, lists: string[]): Promise<{ ok: string[]; refused: string[] }> {
  const seen = socket.messages.length;
  socket.send({ sub: lists });
  const { message } = await socket.next((candidate) => candidate.t === "sub", { from: seen });
  return { ok: message.ok ?? [], refused: message.refused ?? [] };
}

/**
 * Subscribes as a page does, saying its data began loading `age` ms ago, and returns whether
 * the server answered that a followed list changed since.
 */
export async function subscribeAged(socket: LiveSocket, lists: string[], age: number): Promise<boolean | undefined> {
  const seen = socket.messages.length;
  socket.send({ sub: lists, age });
  const { message } = await socket.next((candidate) => candidate.t === "sub", { from: seen });
  return message.changed;
}
