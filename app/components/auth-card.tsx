import type { ReactNode } from "react";
import { FocusErrorsOnLoad } from "#app/components/form-field.tsx";

export function AuthCard({
  title,
  intro,
  children,
  footer,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
}) {
  return (
    <div className="mx-auto w-full max-w-md">
      <div className="card p-6 sm:p-8">
        <h1 className="text-2xl font-bold tracking-tight">{title}</h1>
        {intro && <div className="muted mt-2 text-sm">{intro}</div>}
        <div className="mt-6">
          {/* These pages load no JavaScript: the browser moves focus to the first error. */}
          <FocusErrorsOnLoad.Provider value={true}>{children}</FocusErrorsOnLoad.Provider>
        </div>
      </div>
      {footer && <div className="muted mt-6 text-center text-sm">{footer}</div>}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <div
      role="status"
      className="rounded-lg border border-emerald-300 bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:border-emerald-700 dark:bg-emerald-950 dark:text-emerald-100"
    >
      {children}
    </div>
  );
}

export const linkClass = "font-medium text-indigo-700 hover:underline dark:text-indigo-300";
