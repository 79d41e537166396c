"use client";

import { useActionState } from "react";
import { transitionAssetAction } from "@/app/(desk)/assets/actions";
import { FormStatus } from "@/components/ui/form-status";

/** Restores one asset from the trash; the page reloads its rows when the action revalidates it. */
export function RestoreButton({ uuid, name }: { uuid: string; name: string }) {
  const [state, action, pending] = useActionState(transitionAssetAction, null);
  return (
    <form action={action} onClick={(event) => event.stopPropagation()}>
      <input type="hidden" name="uuid" value={uuid} />
      <input type="hidden" name="transition" value="restore" />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Restore ${name}`}
        className="rounded border border-slate-300 bg-white px-2 py-0.5 text-xs hover:bg-slate-50 disabled:opacity-60"
      >
        Restore
      </button>
      <FormStatus state={state} />
    </form>
  );
}
