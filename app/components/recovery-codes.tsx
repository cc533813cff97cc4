import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type Ref } from "react";
import { FormAlert, Spinner, TextField, secondaryButtonClass } from "#app/components/form-field.tsx";

/** The codes as a text file: what the download link carries, and what a copy puts on the clipboard. */
function codesText(codes: string[], email: string | null): string {
  return [
    "Task Tracker recovery codes",
    email ? `Account: ${email}` : "",
    "",
    "Each code signs you in once if you lose your authenticator app.",
    "Keep them somewhere safe, like a password manager.",
    "",
    ...codes,
    "",
  ]
    .filter((line, index) => line !== "" || index !== 1)
    .join("\n");
}

/**
 * A new set of recovery codes, shown once: right after two-step sign-in is turned on, or after
 * asking for a new set. Without JavaScript the codes are plain text to select, and the download
 * is a data: link (no request, so the codes never travel again); with it, a Copy button too.
 */
export function RecoveryCodesPanel({ codes, email, intro }: { codes: string[]; email: string | null; intro: string }) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [scripted, setScripted] = useState(false);
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  useEffect(() => {
    setScripted(true);
    headingRef.current?.focus();
  }, []);
  const text = codesText(codes, email);
  return (
    <div
      className="space-y-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-50"
      data-testid="recovery-codes"
    >
      <h3 ref={headingRef} tabIndex={-1} className="text-base font-semibold">
        Save your recovery codes
      </h3>
      <p>{intro}</p>
      <p>
        If you lose your authenticator app, each code signs you in once. They are shown only now: save them in a
        password manager, or print them.
      </p>
      <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-x-6 gap-y-1 font-mono text-base sm:w-fit">
        {codes.map((code) => (
          <li key={code} className="select-all">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-3">
        <a
          href={`data:text/plain;charset=utf-8,${encodeURIComponent(text)}`}
          download="task-tracker-recovery-codes.txt"
          className={secondaryButtonClass}
        >
          Download as a text file
        </a>
        {scripted && (
          <button
            type="button"
            className={secondaryButtonClass}
            onClick={() => {
              navigator.clipboard.writeText(text).then(
                () => setCopied("yes"),
                () => setCopied("no"),
              );
            }}
          >
            Copy the codes
          </button>
        )}
        <a href="/account#two-step" className="font-medium text-indigo-700 underline dark:text-indigo-300">
          I have saved them
        </a>
      </div>
      <p role="status" className="min-h-5">
        {copied === "yes" ? "Copied." : copied === "no" ? "Could not copy: select the codes and copy them." : ""}
      </p>
    </div>
  );
}

/** Two-step sign-in is on: how many codes are left, and a new set with the password. */
export function RecoveryCodesForm({
  left,
  formRef,
  errors,
  formError,
  pending,
}: {
  /** null: cannot say just now. */
  left: number | null;
  formRef?: Ref<HTMLFormElement>;
  errors?: string[];
  formError?: string;
  pending: boolean;
}) {
  const status =
    left === null
      ? "We cannot count your recovery codes right now."
      : left === 0
        ? "You have no recovery codes left. Make a new set, so a lost phone cannot lock you out."
        : `${left} of 10 recovery codes left. Each signs you in once if you lose your authenticator app.`;
  return (
    <div className="space-y-3">
      <h3 className="font-semibold">Recovery codes</h3>
      <p data-testid="recovery-codes-left">{status}</p>
      <Form ref={formRef} method="post" action="/account" noValidate className="space-y-4">
        <input type="hidden" name="intent" value="renew-recovery-codes" />
        <FormAlert message={formError} />
        <TextField
          id="recovery-codes-password"
          name="password"
          type="password"
          label="Your password, for a new set"
          hint="The codes you have now stop working."
          autoComplete="current-password"
          errors={errors}
          aria-required="true"
        />
        <button type="submit" disabled={pending} className={`${secondaryButtonClass} w-full sm:w-auto`}>
          {pending && <Spinner />}
          {pending ? "Making new codes…" : "Make new recovery codes"}
        </button>
      </Form>
    </div>
  );
}
