"use client";

import { useRouter } from "next/navigation";
import { useActionState, useState } from "react";
import { deleteSourceAction } from "@/app/(desk)/sources/actions";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionResult } from "@/lib/action-result";

/** Delete, then confirm: the source's runs and the assets it found stay. */
export function DeleteSource({ sourceUuid, name }: { sourceUuid: string; name: string }) {
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const [state, action, pending] = useActionState(async (previous: ActionResult | null, formData: FormData) => {
    const result = await deleteSourceAction(previous, formData);
    // In the same transition as the delete: this page would otherwise re-render as "not found" first.
    if (result.ok) router.push("/sources");
    return result;
  }, null);

  if (!confirming) {
    return (
      <button
        type="button"
        onClick={() => setConfirming(true)}
        className="rounded border border-red-300 px-3 py-1 text-sm text-red-800 hover:bg-red-50"
      >
        Delete source…
      </button>
    );
  }
  return (
    <form action={action} aria-label="Confirm delete" className="space-y-2 rounded border border-red-200 bg-red-50 p-3">
      <input type="hidden" name="sourceUuid" value={sourceUuid} />
      <p className="text-sm">
        Delete “{name}”? Its configuration goes; its past runs and the assets it found stay in the desk.
      </p>
      <div className="flex gap-2">
        <button
          type="submit"
          disabled={pending || state?.ok}
          className="rounded bg-red-700 px-3 py-1 text-sm font-medium text-white hover:bg-red-600 disabled:opacity-60"
        >
          Confirm delete
        </button>
        <button
          type="button"
          onClick={() => setConfirming(false)}
          className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100"
        >
          Cancel
        </button>
      </div>
      <FormStatus state={state} />
    </form>
  );
}
