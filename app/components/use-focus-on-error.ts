import { useEffect, useRef } from "react";

/**
 * After a submission comes back with errors (JavaScript only: without it the browser loads a
 * new page), move focus to the first invalid field, whose label and message are read with it,
 * or else to the form's error message. Returns the ref for the <Form>.
 */
export function useFocusOnError(actionData: unknown) {
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const form = formRef.current;
    if (!actionData || !form) return;
    const target =
      form.querySelector<HTMLElement>("[aria-invalid=true]") ?? form.querySelector<HTMLElement>("[role=alert]");
    target?.focus();
  }, [actionData]);
  return formRef;
}
