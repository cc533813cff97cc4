import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { data } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useMatches,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { consumeFlash } from "#app/.server/flash.ts";
import { toFlashView } from "#app/.server/flash-text.ts";
import { passRetryAfter } from "#app/.server/route-errors.ts";
import { getOptionalUser } from "#app/.server/session.ts";
import { FlashMessage } from "#app/components/flash-message.tsx";
import { useNonce } from "#app/csp-nonce.ts";
import { SiteHeader } from "#app/components/site-header.tsx";
import { TimeZoneDetector } from "#app/components/time-zone-detector.tsx";
import { useLiveUpdates } from "#app/components/live-updates.tsx";
import { liveListsOf, pageHandles } from "#app/page-handle.ts";
import { pageMeta } from "#app/page-meta.ts";
import { currentNavKey } from "#app/site-nav.ts";
import stylesheet from "#app/tailwind.css?url";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: `${import.meta.env.BASE_URL}favicon.svg`, type: "image/svg+xml" },
];

export const meta: MetaFunction = () => pageMeta("Task Tracker");

export async function loader({ request, context }: LoaderFunctionArgs) {
  // The header shows who is signed in. An outage here must not take down every page,
  // including the error page: show the page as signed out instead.
  const user = await getOptionalUser(request, context).catch(() => null);
  const { flash, setCookie } = await consumeFlash(request);
  const url = new URL(request.url);
  return data(
    {
      // timeZone null = never set: pages show UTC, and the browser is asked for its zone once.
      user: user ? { email: user.email, timeZone: user.timeZone } : null,
      flash: flash ? toFlashView(flash) : null,
      // Worked out here (the root reloads on every navigation), so the browser needs no URL rules.
      nav: currentNavKey(url.pathname, url.search),
    },
    setCookie ? { headers: { "Set-Cookie": setCookie } } : undefined,
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const loaderData = useRouteLoaderData<typeof loader>("root");
  const matches = useMatches();
  const handles = pageHandles(matches);
  // Signed in, with JavaScript: the lists on the page stay current (components/live-updates.tsx).
  useLiveUpdates(loaderData?.user ? liveListsOf(matches) : []);
  // The board needs the width for three columns; reading pages stay narrow.
  const nonce = useNonce();
  const wide = handles.some((handle) => handle.wide);
  // Pages that need no script get none, their error pages included.
  const hydrate = !handles.some((handle) => handle.hydrate === false);
  return (
    <html lang="en" className="h-full">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <Meta />
        <Links />
      </head>
      <body className="min-h-full bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <a href="#main" className="skip-link">
          Skip to content
        </a>
        <SiteHeader user={loaderData?.user ?? null} current={loaderData?.nav ?? null} />
        {loaderData?.user && loaderData.user.timeZone === null && <TimeZoneDetector email={loaderData.user.email} />}
        <main
          id="main"
          tabIndex={-1}
          className={`mx-auto w-full ${wide ? "max-w-6xl" : "max-w-3xl"} px-4 pt-6 pb-16 outline-none sm:px-6 sm:pt-10`}
        >
          <FlashMessage flash={loaderData?.flash ?? null} />
          {children}
        </main>
        {hydrate && (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        )}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const { heading, message } = describeError(status, isRouteErrorResponse(error) ? error.data : undefined);
  return (
    <section aria-labelledby="error-heading" className="py-12 text-center">
      <p className="text-sm font-semibold text-indigo-600 dark:text-indigo-400">{status}</p>
      <h1 id="error-heading" className="mt-2 text-3xl font-bold tracking-tight">
        {heading}
      </h1>
      <p className="muted mt-4">{message}</p>
      <div className="mt-8 flex justify-center gap-4">
        <a href="/tasks" className="btn btn-primary">
          Go to your tasks
        </a>
        <a href="/" className="btn text-slate-700 hover:underline dark:text-slate-200">
          Home
        </a>
      </div>
    </section>
  );
}

function describeError(status: number, data: unknown): { heading: string; message: string } {
  const detail = typeof data === "string" && data.length < 300 ? data : undefined;
  switch (status) {
    case 400:
      return { heading: "That request didn't make sense", message: detail ?? "Please check the link and try again." };
    case 403:
      return { heading: "Not allowed", message: detail ?? "This request was refused." };
    case 404:
      return { heading: "Page not found", message: detail ?? "We couldn't find what you were looking for." };
    case 405:
      return { heading: "Not allowed", message: "That action isn't available here." };
    case 429:
      return { heading: "Too many attempts", message: detail ?? "Please wait a few minutes and try again." };
    case 503:
      return { heading: "Temporarily unavailable", message: detail ?? "Please try again in a moment." };
    default:
      return { heading: "Something went wrong", message: "An unexpected error occurred. Please try again." };
  }
}

// The flash message belongs to one page view: reload the root's data on every navigation,
// so a message read on the last page is gone on the next (it costs one session lookup, which
// the page's own loader shares). A revalidation of the page where it is (a live update, the
// window's focus: same URL, no form) leaves the root as it is: the flash is read once, so
// reloading the root there took the message and its Undo away a moment after a change, and a
// live reload racing the change's own redirect could swallow the new message.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formMethod }) =>
  formMethod !== undefined || currentUrl.href !== nextUrl.href;
