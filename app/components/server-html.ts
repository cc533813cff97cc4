/**
 * Parts of the list pages the server writes as strings instead of React elements, because React's
 * server renderer costs per element and every row repeats them. Each is loaded on use by the
 * loader of a page that shows it (importing its module registers it here), so a cold start does
 * not carry it; a component renders its JSX while its part is not loaded, and always in the
 * browser, which hydrates the string as the same DOM (each part's test holds them equal).
 */
export const serverHtml: {
  /** options-menu-html.ts: a row's status or priority menu, inside its <details>. */
  optionsMenu?: (field: "status" | "priority", current: string, label: string) => string;
} = {};
