import type { ActionResult } from "@/lib/action-result";

/** The outcome of a form's last submission, announced to screen readers. */
export function FormStatus({ state, success }: { state: ActionResult | null; success?: string }) {
  if (!state) return null;
  if (state.ok)
    return success ? (
      <p role="status" className="text-xs text-emerald-700">
        {success}
      </p>
    ) : null;
  return (
    <p role="alert" className="text-xs text-red-700">
      {state.message}
    </p>
  );
}

export function FieldError({ state, name }: { state: ActionResult | null; name: string }) {
  const errors = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  return errors?.length ? <p className="mt-1 text-xs text-red-700">{errors.join(" ")}</p> : null;
}
