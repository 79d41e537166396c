"use client";

import { useActionState } from "react";
import { setTrashRetentionAction } from "@/app/(desk)/trash/actions";
import { FieldError, FormStatus } from "@/components/ui/form-status";

/** The trash's retention: purge daily what was deleted more than N days ago (empty: never). */
export function RetentionForm({ days }: { days: number | null }) {
  const [state, action, pending] = useActionState(setTrashRetentionAction, null);
  return (
    <form action={action} aria-label="Automatic purge" className="flex flex-wrap items-end gap-3 text-sm">
      <div>
        <label htmlFor="retention-days" className="block text-xs font-medium">
          Purge automatically after (days in the trash)
        </label>
        <input
          id="retention-days"
          name="days"
          type="number"
          min={1}
          max={36500}
          step={1}
          defaultValue={days ?? ""}
          placeholder="off"
          aria-describedby="retention-hint"
          className="w-28 rounded border border-slate-300 px-2 py-1 text-sm"
        />
        <FieldError state={state} name="days" />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
      >
        Save
      </button>
      <p id="retention-hint" className="w-full text-xs text-slate-500">
        Once a day, in whole UTC days; leave empty to keep deleted assets until someone purges them. Each purged asset
        keeps a tombstone in the audit log.
      </p>
      <FormStatus state={state} success="Saved." />
    </form>
  );
}
