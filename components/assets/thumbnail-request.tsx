"use client";

import { useState, useTransition } from "react";
import { requestThumbnailsAction } from "@/app/(desk)/assets/actions";
import type { SelectionInput } from "@/lib/assets/selection";

/** Queues the posters and scrub strips of the selection (every role that reads assets may). */
export function ThumbnailRequest({ selection }: { selection: SelectionInput | null }) {
  const [pending, startTransition] = useTransition();
  const [message, setMessage] = useState<string | null>(null);

  function request() {
    if (!selection) return;
    startTransition(async () => {
      const result = await requestThumbnailsAction({ selection });
      if (!result.ok) return setMessage(result.message);
      const { matched, queued } = result.report;
      setMessage(
        `Thumbnails queued for ${queued.toLocaleString("en")} of ${matched.toLocaleString("en")} selected` +
          (queued < matched ? " (the others have no video)." : "."),
      );
    });
  }

  return (
    <>
      <button
        type="button"
        disabled={!selection || pending}
        onClick={request}
        className="rounded border border-slate-300 bg-white px-2 py-1 text-sm hover:bg-slate-50 disabled:opacity-50"
      >
        Make thumbnails
      </button>
      {message ? (
        <span role="status" aria-label="Thumbnail request">
          {message}
        </span>
      ) : null}
    </>
  );
}
