"use client";

import Link from "next/link";
import { startTransition, useActionState, useState } from "react";
import { createSourceAction, updateSourceAction } from "@/app/(desk)/sources/actions";
import { SourceFields } from "@/components/sources/source-fields";
import { SOURCE_KIND_LABEL, SOURCE_KINDS } from "@/components/sources/source-kind";
import { FormStatus } from "@/components/ui/form-status";
import type { ActionResult } from "@/lib/action-result";
import type { SourceKind } from "@/lib/generated/prisma/client";
import type { SourceView } from "@/lib/ingest/queries";

const button = "rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60";

/**
 * React resets a form after its `action` runs, even when the server sent it back with errors;
 * submitting by hand keeps what was typed while a field is put right.
 */
function submitTo(action: (formData: FormData) => void) {
  return (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const formData = new FormData(event.currentTarget);
    startTransition(() => action(formData));
  };
}

function AddSourceFields({
  state,
  action,
  pending,
}: {
  state: ActionResult<{ uuid: string }> | null;
  action: (formData: FormData) => void;
  pending: boolean;
}) {
  const [kind, setKind] = useState<SourceKind>("filesystem");
  return (
    <form onSubmit={submitTo(action)} aria-label="Add source" className="space-y-3">
      <fieldset className="flex flex-wrap gap-4">
        <legend className="mb-1 text-xs font-medium">Kind</legend>
        {SOURCE_KINDS.map((option) => (
          <label key={option} className="flex items-center gap-1 text-sm">
            <input type="radio" name="kind" value={option} checked={kind === option} onChange={() => setKind(option)} />
            {option === "filesystem" ? "Folders on the server" : `${SOURCE_KIND_LABEL[option]} server`}
          </label>
        ))}
      </fieldset>
      <SourceFields kind={kind} state={state} />
      <button type="submit" disabled={pending} className={button}>
        Add source
      </button>
    </form>
  );
}

export function AddSourceForm() {
  const [state, action, pending] = useActionState(createSourceAction, null);
  return (
    <div className="space-y-2">
      {/* A new key after each source added empties the form for the next one. */}
      <AddSourceFields key={state?.ok ? state.uuid : "new"} state={state} action={action} pending={pending} />
      <FormStatus state={state} />
      {state?.ok ? (
        <p role="status" className="text-xs text-emerald-700">
          Source added.{" "}
          <Link href={`/sources/${state.uuid}`} className="text-sky-800 underline">
            Open it
          </Link>{" "}
          or scan it from the table.
        </p>
      ) : null}
    </div>
  );
}

type EditState = ActionResult & { saves: number };

/** Edits a source; its kind stays (a different kind is a new source). */
export function EditSourceForm({ source }: { source: SourceView }) {
  const [state, action, pending] = useActionState(
    async (previous: EditState | null, formData: FormData): Promise<EditState> => {
      const result = await updateSourceAction(previous, formData);
      return { ...result, saves: (previous?.saves ?? 0) + (result.ok ? 1 : 0) };
    },
    null,
  );
  return (
    // Remounted after each save: the secret field empties and its hint shows the stored one.
    <form key={state?.saves ?? 0} onSubmit={submitTo(action)} aria-label="Edit source" className="space-y-3">
      <input type="hidden" name="sourceUuid" value={source.uuid} />
      <input type="hidden" name="kind" value={source.kind} />
      <SourceFields kind={source.kind} source={source} state={state} />
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={button}>
          Save changes
        </button>
        <FormStatus state={state} success="Saved." />
      </div>
    </form>
  );
}
