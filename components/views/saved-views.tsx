"use client";

import Link from "next/link";
import { useActionState } from "react";
import { deleteViewAction, saveViewAction } from "@/app/(desk)/views/actions";
import { FieldError, FormStatus } from "@/components/ui/form-status";

interface View {
  uuid: string;
  name: string;
  query: string;
  shared: boolean;
  mine: boolean;
  ownerName: string;
}

function DeleteView({ view, table }: { view: View; table: string }) {
  const [state, action, pending] = useActionState(deleteViewAction, null);
  return (
    <form action={action} className="inline">
      <input type="hidden" name="viewUuid" value={view.uuid} />
      <input type="hidden" name="table" value={table} />
      <button
        type="submit"
        disabled={pending}
        aria-label={`Delete view ${view.name}`}
        className="text-xs text-slate-500 hover:text-red-700"
      >
        ✕
      </button>
      <FormStatus state={state} />
    </form>
  );
}

/** The sidebar of saved views, and a form to save the current one (its query string). */
export function SavedViews({
  table,
  views,
  currentQuery,
}: {
  table: "assets" | "catalog";
  views: View[];
  currentQuery: string;
}) {
  const [state, action, pending] = useActionState(saveViewAction, null);
  return (
    <aside aria-label="Saved views" className="w-full shrink-0 space-y-3 text-sm lg:w-56">
      <h2 className="font-semibold">Saved views</h2>
      <ul className="space-y-1">
        <li>
          <Link href={`/${table}`} className="text-sky-800 hover:underline">
            Default view
          </Link>
        </li>
        {views.map((view) => (
          <li key={view.uuid} className="flex items-center justify-between gap-2">
            <Link
              href={`/${table}${view.query}`}
              className="truncate text-sky-800 hover:underline"
              title={view.shared && !view.mine ? `Shared by ${view.ownerName}` : view.name}
            >
              {view.name}
              {view.shared ? (
                <span className="ml-1 text-xs text-slate-500">{view.mine ? "(shared)" : `(by ${view.ownerName})`}</span>
              ) : null}
            </Link>
            {view.mine ? <DeleteView view={view} table={table} /> : null}
          </li>
        ))}
      </ul>
      <form action={action} className="space-y-1 border-t border-slate-200 pt-3" key={state?.ok ? state.uuid : "save"}>
        <input type="hidden" name="table" value={table} />
        <input type="hidden" name="query" value={currentQuery} />
        <label htmlFor="view-name" className="block text-xs font-medium text-slate-600">
          Save this view as
        </label>
        <input
          id="view-name"
          name="name"
          required
          maxLength={100}
          className="w-full rounded border border-slate-300 px-2 py-1"
        />
        <FieldError state={state} name="name" />
        <label className="flex items-center gap-2 text-xs">
          <input type="checkbox" name="shared" /> Share with everyone
        </label>
        <button
          type="submit"
          disabled={pending}
          className="rounded bg-slate-900 px-3 py-1 text-white hover:bg-slate-700 disabled:opacity-60"
        >
          Save view
        </button>
        <FormStatus state={state} success="View saved." />
      </form>
    </aside>
  );
}
