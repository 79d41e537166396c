"use client";

import { useState, useTransition, type ReactNode } from "react";
import type { SelectionInput } from "@/lib/assets/selection";

/**
 * A bulk-bar button that queues work for the selection (thumbnails, QC, probe again): disabled
 * without a selection or while the request is on its way, then the request's own words beside it.
 */
export function SelectionRequest({
  label,
  statusLabel,
  selection,
  request,
  children,
}: {
  label: string;
  /** The accessible name of the outcome's status line ("QC request"). */
  statusLabel: string;
  selection: SelectionInput | null;
  /** Sends the request; resolves to what to tell the user, or null when `children` shows the outcome. */
  request: (selection: SelectionInput) => Promise<string | null>;
  children?: ReactNode;
}) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  function send() {
    if (!selection) return;
    startTransition(async () => setMessage(await request(selection)));
  }

  return (
    <>
      <button
        type="button"
        disabled={!selection || pending}
        onClick={send}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
      >
        {label}
      </button>
      {children}
      {message ? (
        <span role="status" aria-label={statusLabel}>
          {message}
        </span>
      ) : null}
    </>
  );
}
