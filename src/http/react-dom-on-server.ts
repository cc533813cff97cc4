// What the server bundle gets for `react-dom`: react-router-dom imports the client renderer only
// for flushSync (client navigations), and evaluating its 127 KB at every cold start bought
// nothing. Rendering is react-dom/server's, which does not import this.
export function flushSync<T>(update: () => T): T {
  return update();
}
