import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData } from "@remix-run/react";
import { requireUser } from "#app/.server/auth.ts";
import { orErrorResponse, passRetryAfter } from "#app/.server/route-errors.ts";
import type { ImportActionData } from "#app/.server/task-transfer.ts";
import { SettingsSection } from "#app/components/account-settings.tsx";
import { FormAlert } from "#app/components/form-field.tsx";
import {
  ExportLinks,
  ImportAgainPanel,
  ImportPreviewPanel,
  ImportRetryPanel,
  UploadForm,
} from "#app/components/task-transfer.tsx";
import { usePendingForm } from "#app/components/use-pending-form.ts";
import { pageMeta } from "#app/page-meta.ts";

// A refusal's Retry-After reaches the browser (route-errors.ts says why this is needed).
export const headers = passRetryAfter;

export const meta: MetaFunction = () => pageMeta("Export and import · Task Tracker");

export async function loader({ request, context }: LoaderFunctionArgs) {
  await orErrorResponse(() => requireUser(request, context));
  return null;
}

// The upload's parsing and the import run in app/.server/task-transfer.ts, loaded on first use.
export const action = async (args: ActionFunctionArgs) =>
  (await import("#app/.server/task-transfer.ts")).importAction(args);

export default function ImportRoute() {
  const result = useActionData<typeof action>() as ImportActionData | undefined;
  const pending = usePendingForm("/tasks/import");
  const previewed = result?.kind === "preview" ? result : undefined;

  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold tracking-tight">Export and import</h1>
        <p className="muted mt-1">Take your tasks elsewhere, or bring them in from another export.</p>
      </div>

      {previewed ? (
        <ImportPreviewPanel
          preview={previewed.preview}
          today={previewed.today}
          timeZone={previewed.timeZone}
          pending={pending}
          lists={previewed.lists}
        />
      ) : result?.kind === "again" ? (
        <ImportAgainPanel
          token={result.token}
          importedWhen={result.importedWhen}
          pending={pending}
          list={result.list}
        />
      ) : result?.kind === "retry" ? (
        <ImportRetryPanel
          token={result.token}
          again={result.again}
          message={result.message}
          pending={pending}
          list={result.list}
        />
      ) : (
        <SettingsSection id="import" title="Import tasks">
          {result?.kind === "error" && (
            <div className="mb-4">
              <FormAlert message={result.message} />
            </div>
          )}
          <UploadForm pending={pending} />
        </SettingsSection>
      )}

      <SettingsSection id="export" title="Export tasks">
        <ExportLinks />
      </SettingsSection>
    </div>
  );
}
