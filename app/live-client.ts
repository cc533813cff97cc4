/**
 * The page's live-updates socket (loaded after hydration by components/live-updates.tsx, so the
 * page's first load carries none of it). It asks for a single-use ticket (POST /live/ticket,
 * same-origin with the session cookie), opens the socket with it, follows the page's lists and
 * calls `onNotice` when one of them changed; the page then revalidates its loaders. The socket
 * carries no task data. API Gateway closes a socket after 10 idle minutes and after 2 hours: a
 * ping every 5 minutes keeps it open, and any close is followed by a fresh ticket and socket
 * after 1, 2, 4 … 30 seconds, then a notice so that nothing missed meanwhile stays missed.
 */

const PING_MS = 5 * 60 * 1000;
const MAX_BACKOFF_MS = 30_000;
/** One revalidation for a burst of notices (a bulk change, an import, two tabs at once). */
const DEBOUNCE_MS = 250;
/** The page has settled after a reload when its rows have not changed for this long. */
const SETTLED_MS = 300;

/** What a screen reader is told of a row: its title, status (a badge, or the board's column) and priority. */
interface RowState {
  title: string;
  status: string;
  priority: string;
  /** Who changed it last, from its byline in a shared list ("Changed by ana just now"). */
  by: string;
}

/** The rows and cards the page shows now, by task id. */
function readRows(): Map<string, RowState> {
  const rows = new Map<string, RowState>();
  for (const item of document.querySelectorAll<HTMLElement>("li[data-task-id]")) {
    const text = (selector: string) => item.querySelector(selector)?.textContent?.trim() ?? "";
    const column = item.parentElement?.getAttribute("aria-label")?.replace(/ tasks$/, "") ?? "";
    rows.set(item.dataset.taskId ?? "", {
      title: text("h3"),
      status: text("[data-status]") || column,
      priority: text("[data-priority]"),
      by: /Changed by (.+?) just now/.exec(item.textContent ?? "")?.[1] ?? "",
    });
  }
  return rows;
}

/**
 * What someone else did to rows that are still on the page, briefly ("ana completed Pay rent"):
 * only rows whose byline names who changed them just now, and never the reader ("you"), whose
 * own changes the page has announced already.
 */
export function describeChanges(before: Map<string, RowState>, after: Map<string, RowState>): string[] {
  const said: string[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was || !now.by || now.by === "you") continue;
    if (now.status !== was.status)
      said.push(
        now.status === "Done" ? `${now.by} completed ${now.title}` : `${now.by} moved ${now.title} to ${now.status}`,
      );
    else if (now.title !== was.title) said.push(`${now.by} renamed ${was.title} to ${now.title}`);
    else if (now.priority !== was.priority)
      said.push(`${now.by} set the priority of ${now.title} to ${now.priority || "none"}`);
  }
  return said;
}

/**
 * Follows `lists`; calls `revalidate` (debounced) after a notice, a return to the window, a
 * reconnect and a change made since `page.at` (when the page's data began loading) before the
 * socket followed the lists, and keeps a small note in the page's corner saying whether it is
 * connected.
 * Returns the function that stops it all.
 */
export function startLive(lists: string[], revalidate: () => void, page: { at?: number }): () => void {
  // Outside React's tree: the page's first-load script stays free of it (components/live-updates.tsx).
  const note = document.createElement("p");
  note.className = "live-note";
  // A polite region (there before anything is said in it) for what others changed.
  const said = document.createElement("p");
  said.setAttribute("role", "status");
  said.className = "sr-only";
  said.dataset.liveSaid = "";
  document.body.append(said);
  let watching: MutationObserver | undefined;
  /** Reloads the page's data, then tells what others changed in the rows it shows. */
  const reload = () => {
    watching?.disconnect();
    const before = readRows();
    let settle: ReturnType<typeof setTimeout> | undefined;
    const observer = new MutationObserver(() => {
      clearTimeout(settle);
      settle = setTimeout(() => {
        observer.disconnect();
        const changes = describeChanges(before, readRows());
        if (changes.length)
          said.textContent =
            changes.slice(0, 3).join(". ") + (changes.length > 3 ? `, and ${changes.length - 3} more changes.` : ".");
      }, SETTLED_MS);
    });
    watching = observer;
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    // Nothing changed on the page: stop watching.
    setTimeout(() => settle === undefined && observer.disconnect(), 15_000);
    revalidate();
  };
  const showNote = (text: string) => {
    note.textContent = text;
    if (!note.isConnected) document.body.append(note);
  };
  let debounce: ReturnType<typeof setTimeout> | undefined;
  const onNotice = () => {
    clearTimeout(debounce);
    debounce = setTimeout(reload, DEBOUNCE_MS);
  };
  const onState = (state: "live" | "reconnecting") => {
    note.dataset.live = state;
    showNote(state === "live" ? "Live" : "Reconnecting…");
  };
  let socket: WebSocket | null = null;
  let stopped = false;
  let failures = 0;
  let everLive = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;

  function retryLater() {
    if (stopped) return;
    onState("reconnecting");
    clearInterval(ping);
    // Spread out so that many pages do not all come back in the same second after an outage.
    const wait = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** failures) * (0.75 + Math.random() / 2);
    failures += 1;
    retry = setTimeout(() => void connect(), wait);
  }

  async function connect() {
    let answer: { ticket: string; url: string | null };
    try {
      const response = await fetch("/live/ticket", { method: "POST", credentials: "same-origin" });
      // Signed out meanwhile: nothing to follow (the next page shows the sign-in).
      if (response.status === 401) return;
      if (!response.ok) return retryLater();
      answer = (await response.json()) as typeof answer;
    } catch {
      return retryLater();
    }
    if (stopped) return;
    const base = answer.url ?? `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/`;
    const url = new URL(base);
    url.searchParams.set("t", answer.ticket);
    const ws = new WebSocket(url);
    socket = ws;
    // `age`: the server answers `changed` when a list changed after the page's data began loading.
    ws.onopen = () =>
      ws.send(JSON.stringify({ sub: [...new Set(lists)], age: Math.round(performance.now() - (page.at ?? 0)) }));
    ws.onmessage = (event) => {
      let message: { t?: string; changed?: boolean };
      try {
        message = JSON.parse(String(event.data)) as typeof message;
      } catch {
        return;
      }
      if (message.t === "sub") {
        failures = 0;
        onState("live");
        clearInterval(ping);
        ping = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('{"ping":1}'), PING_MS);
        // Back after a drop: whatever changed meanwhile was not announced. First time: a change
        // made after the page's data was read, before this subscription, reached no socket of it.
        if (everLive || message.changed) onNotice();
        everLive = true;
      } else if (message.t === "list") {
        onNotice();
      }
    };
    ws.onclose = () => {
      if (socket === ws) socket = null;
      retryLater();
    };
  }

  void connect();
  window.addEventListener("focus", onNotice);
  return () => {
    stopped = true;
    clearTimeout(retry);
    clearTimeout(debounce);
    clearInterval(ping);
    window.removeEventListener("focus", onNotice);
    watching?.disconnect();
    note.remove();
    said.remove();
    socket?.close();
  };
}
