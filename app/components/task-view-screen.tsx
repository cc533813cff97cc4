import { useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useActionAnswer } from "#app/components/use-action-answer.ts";
import { useEffect } from "react";
import type { ListLabel } from "#app/components/list-chip.tsx";
import { ListNav, type NavLink } from "#app/components/list-nav.tsx";
import { QuickAdd } from "#app/components/quick-add.tsx";
import { TaskList, type ListView } from "#app/components/task-list.tsx";
import { useFocusOnError } from "#app/components/use-focus-on-error.ts";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import type { ListWords } from "#app/.server/list-words.ts";
import type { FieldErrors } from "#src/errors.ts";
import type { DueWords } from "#src/tasks/due-words.ts";
import type { Task } from "#src/tasks/task-constants.ts";
import type { TaskMarks } from "#src/tasks/task-search.ts";

/** What a list page's loader gives (app/.server/task-views.ts). */
interface TaskViewData {
  tasks: Task[];
  view: ListView & { base: string };
  words: ListWords;
  dues: Record<string, DueWords>;
  days: Record<string, string>;
  today: string;
  nextCursor?: string;
  moreToSearch?: boolean;
  marks: Record<string, TaskMarks>;
  timeZone: string | null;
  shortcuts: boolean;
  unavailable: boolean;
  formToken: string;
  /** Quick add's "More options" as HTML (app/.server/more-options.ts). */
  moreOptions: string;
  lists: {
    links: NavLink[];
    /** Why the list cannot be changed here (a viewer, an archived list), or null. */
    readOnly: string | null;
    labels: Record<string, ListLabel>;
    /** Lists whose rows get no controls (the user cannot change them here), by stored id. */
    readOnlyIds: string[];
  };
  rowHtml?: Record<string, string>;
  bulkMove?: string;
}

interface QuickAddResult {
  values?: Record<string, string | undefined>;
  fieldErrors?: FieldErrors;
  formError?: string;
  /** "More options" with what was typed and why it was refused. */
  moreOptions?: string;
}

/** A view of tasks, of one list or across lists: the lists' navigation, the quick add, the rows. */
export function TaskViewScreen() {
  const {
    tasks,
    view,
    words,
    dues,
    days,
    nextCursor,
    moreToSearch,
    marks,
    timeZone,
    shortcuts,
    unavailable,
    formToken,
    moreOptions,
    lists,
    rowHtml,
    bulkMove,
  } = useLoaderData() as unknown as TaskViewData;
  const actionData = useActionAnswer() as QuickAddResult | undefined;
  const location = useLocation();
  const formRef = useFocusOnError(actionData);
  const adding = usePendingForm(view.base);
  const returnTo = `${location.pathname}${location.search}`;
  // The task being added shows at once, from the form in flight, until the list has it.
  const navigation = useNavigation();
  const sent = navigation.formAction?.split("?")[0] === view.base && navigation.formData?.get("title");
  const pending = typeof sent === "string" ? sent.trim() : "";
  // A refused task comes back into the form (emptied when sent), unless a new title is there.
  useEffect(() => {
    for (const [name, value] of Object.entries(actionData?.values ?? {})) {
      const field = formRef.current?.elements.namedItem(name) as HTMLInputElement | null;
      if (field && !(name === "title" && field.value)) field.value = String(value ?? "");
    }
  }, [actionData, formRef]);

  return (
    <div className="space-y-4">
      <ListNav links={lists.links} />
      <TaskList
        tasks={tasks}
        view={view}
        words={words}
        dues={dues}
        days={days}
        timeZone={timeZone}
        nextCursor={nextCursor}
        moreToSearch={Boolean(moreToSearch)}
        laterPage={new URLSearchParams(location.search).has("cursor")}
        returnTo={returnTo}
        unavailable={unavailable}
        shortcuts={shortcuts}
        marks={marks}
        pending={pending}
        listLabels={lists.labels}
        readOnlyIds={lists.readOnlyIds}
        rowHtml={rowHtml}
        bulkMove={bulkMove}
        addForm={
          // "Assigned to me" adds nothing: a new task is nobody's.
          view.assignee ? null : lists.readOnly ? (
            <p className="notice">{lists.readOnly}</p>
          ) : (
            <QuickAdd
              formRef={formRef}
              title={actionData?.values?.title}
              formToken={actionData?.values?.formToken ?? formToken}
              fieldErrors={actionData?.fieldErrors}
              formError={actionData?.formError}
              adding={adding}
              returnTo={returnTo}
              action={view.base}
              moreOptions={actionData?.moreOptions ?? moreOptions}
              timeZone={timeZone}
            />
          )
        }
      />
    </div>
  );
}
