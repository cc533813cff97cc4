import { createContext, useContext } from "react";

/**
 * The content-security-policy nonce of the page being rendered, for <Scripts>,
 * <ScrollRestoration> and any inline script. Provided by entry.server; in the browser it is
 * empty (browsers hide nonces from the DOM, and scripts added after hydration need none).
 */
export const NonceContext = createContext("");

export function useNonce(): string {
  return useContext(NonceContext);
}
