// Single fetch changes what loaders and actions return to the browser; tell the types.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  /** What the Lambda handler hands every loader and action (src/http/client-address.ts). */
  interface AppLoadContext {
    /** The browser's address as far as it can be trusted; absent under the Vite dev server. */
    clientIp?: string;
    /** This response's content-security-policy nonce, chosen by the Lambda handler. */
    cspNonce?: string;
  }
}
