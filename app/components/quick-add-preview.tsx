import { useEffect, useState } from "react";
import { parseTaskText, summarizeQuickAdd, type QuickAddPart } from "#src/tasks/quick-add.ts";
import { isTimeZone, todayIn } from "#src/tasks/task-dates.ts";

/**
 * What quick add understands in the title, shown under the field as it is typed ("Tomorrow ·
 * Urgent"), each recognised word a button that leaves it as text instead. Loaded (with the
 * parser and its date library) on the first focus of the field, never with the page; the form's
 * action parses the same way, and the dismissed words travel in the hidden `keep` field.
 */
export function QuickAddPreview({ timeZone: zone }: { timeZone: string | null }) {
  const field = document.getElementById("new-title") as HTMLInputElement;
  // The user's calendar, as the server reads it: UTC until they have a zone.
  const timeZone = zone && isTimeZone(zone) ? zone : "UTC";
  const [text, setText] = useState(field.value);
  // Dismissed parts: where they start, and their words, so an edit that moves them forgets them.
  const [dismissed, setDismissed] = useState<{ start: number; text: string }[]>([]);

  useEffect(() => {
    const onInput = () => setText(field.value);
    // The form empties itself once sent: start again.
    const onReset = () => setTimeout(() => (setText(field.value), setDismissed([])));
    field.addEventListener("input", onInput);
    field.form?.addEventListener("reset", onReset);
    return () => {
      field.removeEventListener("input", onInput);
      field.form?.removeEventListener("reset", onReset);
    };
  }, [field]);

  const keep = dismissed.filter((part) => text.startsWith(part.text, part.start));
  const result = parseTaskText(text, { now: new Date(), timeZone, keep: keep.map((part) => part.start) });
  const summary = summarizeQuickAdd(result, todayIn(timeZone));
  const dismiss = (part: QuickAddPart) => {
    setDismissed([...keep, { start: part.start, text: part.text }]);
    field.focus();
  };

  return (
    <>
      <input type="hidden" name="keep" value={keep.map((part) => part.start).join(",")} />
      {summary ? (
        <p id="new-understood" className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-sm">
          <span>
            <span className="sr-only">Understood: </span>
            {summary}
          </span>
          {result.parts.map((part) => (
            <button
              key={part.start}
              type="button"
              onClick={() => dismiss(part)}
              className="btn btn-secondary btn-compact"
              aria-label={`Keep “${part.text}” as text`}
            >
              “{part.text}” ×
            </button>
          ))}
        </p>
      ) : null}
    </>
  );
}
