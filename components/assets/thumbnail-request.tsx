"use client";

import { requestThumbnailsAction } from "@/app/(desk)/assets/actions";
import { SelectionRequest } from "@/components/assets/selection-request";
import type { SelectionInput } from "@/lib/assets/selection";

/** Queues the posters and scrub strips of the selection (every role that reads assets may). */
export function ThumbnailRequest({ selection }: { selection: SelectionInput | null }) {
  return (
    <SelectionRequest
      label="Make thumbnails"
      statusLabel="Thumbnail request"
      selection={selection}
      request={async (selection) => {
        const result = await requestThumbnailsAction({ selection });
        if (!result.ok) return result.message;
        const { matched, queued } = result.report;
        return (
          `Thumbnails queued for ${queued.toLocaleString("en")} of ${matched.toLocaleString("en")} selected` +
          (queued < matched ? " (the others have no video)." : ".")
        );
      }}
    />
  );
}
