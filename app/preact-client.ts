import { options, toChildArray, type ComponentChildren, type VNode } from "preact";
import { hydrate } from "preact/compat";
import type { ReactNode } from "react";

/**
 * `react-dom/client` for the production browser build, which runs Preact through
 * `preact/compat` instead of React (.config/vite.config.ts says why). Remix hydrates with
 * `hydrateRoot(document, <RemixBrowser />)`, and two things React does there Preact does not:
 *
 * - The tree is the whole document, `<html>` down. Preact renders into an element's children
 *   and treats `document` as `<html>`, so it would build a second `<html>` inside the first.
 *   It is given a stand-in parent whose only child is the page's `<html>`.
 * - With single fetch, Remix's root component suspends (throws a promise) until the page's
 *   data, streamed into the HTML, is decoded. React suspends the root and retries; Preact has
 *   no boundary above the root to catch it. The hydration is retried once the promise settles.
 */
export function hydrateRoot(container: Document | Element, children: ReactNode): void {
  const parent = container === document ? documentParent() : container;
  const attempt = () => {
    try {
      hydrate(children as never, parent);
    } catch (thrown) {
      if (!(thrown instanceof Promise)) throw thrown;
      void thrown.then(attempt, attempt);
    }
  };
  attempt();
}

/** The parts of a parent node Preact uses, standing for the document around `<html>`. */
function documentParent(): Element {
  const html = document.documentElement;
  const parent = {
    namespaceURI: html.namespaceURI,
    firstChild: html,
    childNodes: [html],
    insertBefore: (node: Node, before: Node | null) => document.insertBefore(node, before),
    appendChild: (node: Node) => document.appendChild(node),
  };
  return parent as unknown as Element;
}

/**
 * A `<select defaultValue>` created in the browser (a form remounted after a save, a page
 * reached by a client-side navigation) starts on its default, as in React: `preact/compat`
 * marks only options that are the select's direct children, so one inside an `<optgroup>` (the
 * time zones) was not selected, and it wrote a meaningless `defaultvalue` attribute.
 */
const nextVNodeHook = options.vnode;
options.vnode = (vnode: VNode) => {
  nextVNodeHook?.(vnode);
  if (vnode.type !== "select") return;
  const props = vnode.props as { defaultValue?: unknown; value?: unknown; multiple?: boolean; children?: ComponentChildren };
  if (props.defaultValue == null || props.value != null || props.multiple) return;
  const value = String(props.defaultValue);
  const mark = (children: ComponentChildren) => {
    for (const child of toChildArray(children)) {
      if (typeof child !== "object") continue;
      const childProps = child.props as { value?: unknown; selected?: boolean; children?: ComponentChildren };
      if (child.type === "option") childProps.selected = String(childProps.value) === value;
      else if (child.type === "optgroup") mark(childProps.children);
    }
  };
  mark(props.children);
  delete props.defaultValue;
};
