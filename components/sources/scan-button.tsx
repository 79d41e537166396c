"use client";

import { useRouter } from "next/navigation";
import { useActionState } from "react";
import { startScanAction } from "@/app/(desk)/sources/actions";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionResult } from "@/lib/action-result";

/** Queues a scan and follows it on its run page. */
export function ScanButton({ sourceUuid, name }: { sourceUuid: string; name: string }) {
  const router = useRouter();
  const [state, action, pending] = useActionState(
    async (previous: ActionResult<{ runUuid: string }> | null, formData: FormData) => {
      const result = await startScanAction(previous, formData);
      // Inside the action's transition, so the page does not flash its refreshed self before leaving.
      if (result.ok) router.push(`/sources/runs/${result.runUuid}`);
      return result;
    },
    null,
  );
  return (
    <form action={action} className="flex flex-col items-start gap-1">
      <input type="hidden" name="sourceUuid" value={sourceUuid} />
      <button
        type="submit"
        disabled={pending || state?.ok}
        aria-label={`Scan ${name}`}
        className="whitespace-nowrap rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        {pending || state?.ok ? "Starting…" : "Scan now"}
      </button>
      <FormStatus state={state} />
    </form>
  );
}
