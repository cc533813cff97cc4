import { Fragment, type ReactNode } from "react";
import { primaryButtonClass } from "#app/components/form-field.tsx";

/**
 * Someone changed the task while its edit form is open (task-page.tsx, which loads this on
 * first use: it shows only after a live reload): who, a disclosure of what changed (the fields
 * that differ from the form's, as they are now), and the choice between their version (the
 * form reloads with it; the user's edits go) and the user's (kept; saving shows both first, as
 * any save that meets a newer version does).
 */
export default function ChangedElsewhere({
  changedBy,
  rows,
  onChoice,
}: {
  /** Worded on the server: a member's name, "you" (another tab or device), or "someone". */
  changedBy: string;
  rows: { field: string; name: string; value: ReactNode }[];
  onChoice: (choice: "theirs" | "mine") => void;
}) {
  return (
    <section aria-labelledby="changed-heading" data-changed-elsewhere className="notice rounded-2xl border p-5">
      <h2 id="changed-heading" className="font-semibold">
        {changedBy === "you" ? "You changed this task elsewhere just now" : `Changed by ${changedBy} just now`}
      </h2>
      <p className="mt-1 text-sm">Your edits below are kept until you choose.</p>
      <details className="mt-2 text-sm">
        <summary className="cursor-pointer font-semibold underline">See what changed</summary>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2">
          {rows.map(({ field, name, value }) => (
            <Fragment key={field}>
              <dt className="font-semibold">{name}</dt>
              <dd data-changed-field={field} className="min-w-0 break-words whitespace-pre-wrap">
                {value}
              </dd>
            </Fragment>
          ))}
        </dl>
      </details>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="button" onClick={() => onChoice("theirs")} className={primaryButtonClass}>
          Use theirs
        </button>
        <button type="button" onClick={() => onChoice("mine")} className="text-sm font-semibold underline">
          Keep mine
        </button>
        <span className="text-xs">Keep mine: saving shows both versions before anything is overwritten.</span>
      </div>
    </section>
  );
}
