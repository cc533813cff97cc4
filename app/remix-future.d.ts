// Single fetch changes what loaders and actions return to the browser; tell the types.
import "@remix-run/node";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    /** This response's content-security-policy nonce, chosen by the Lambda handler. */
    cspNonce?: string;
  }
}
