"use client";

import { useActionState } from "react";
import { editMetadataAction } from "@/app/(desk)/assets/editorial/actions";
import { FieldError, FormStatus } from "@/components/ui/form-status";
import { DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH } from "@/lib/assets/editorial-fields";

const input = "w-full rounded border border-slate-300 px-2 py-1 text-sm";

export interface EditorialFields {
  title: string | null;
  description: string | null;
  tags: string[];
  version: number;
}

/** The asset's title, description and tags (tags typed comma-separated, normalised by the server). */
export function EditorialForm({ uuid, fields }: { uuid: string; fields: EditorialFields }) {
  const [state, action, pending] = useActionState(editMetadataAction, null);
  const version = state?.ok ? state.version : fields.version;
  return (
    <form action={action} className="space-y-2" aria-label="Edit title, description and tags">
      <input type="hidden" name="uuid" value={uuid} />
      <input type="hidden" name="version" value={version} />
      <label className="block text-xs">
        Title
        <input
          key={fields.version}
          name="title"
          maxLength={TITLE_MAX_LENGTH}
          defaultValue={fields.title ?? ""}
          className={input}
        />
        <FieldError state={state} name="title" />
      </label>
      <label className="block text-xs">
        Description
        <textarea
          key={fields.version}
          name="description"
          rows={3}
          maxLength={DESCRIPTION_MAX_LENGTH}
          defaultValue={fields.description ?? ""}
          className={input}
        />
        <FieldError state={state} name="description" />
      </label>
      <label className="block text-xs">
        Tags (comma-separated)
        <input key={fields.version} name="tags" defaultValue={fields.tags.join(", ")} className={input} />
        <FieldError state={state} name="tags" />
      </label>
      <div className="flex items-center gap-3">
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-slate-900 px-3 py-1 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-60"
        >
          Save title and tags
        </button>
        <FormStatus
          state={state}
          success={
            state?.ok ? (state.changed.length ? `Saved: ${state.changed.join(", ")}.` : "Nothing changed.") : undefined
          }
        />
      </div>
    </form>
  );
}
