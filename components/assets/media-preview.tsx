"use client";

import { useEffect, useRef, useState } from "react";
import { browserPlayback, type MediaFormat } from "@/lib/assets/media";

// Why a <video> element gave up, in words (MediaError codes 1–4).
const MEDIA_ERRORS: Record<number, string> = {
  1: "loading was aborted.",
  2: "a network error interrupted the download.",
  3: "the browser could not decode it.",
  4: "the browser does not support it, or the server could not read it.",
};

/** The asset's file in a player when browsers can play its format; otherwise why not. */
export function MediaPreview({ uuid, format }: { uuid: string; format: MediaFormat }) {
  const playback = browserPlayback(format);
  // `src` on the element rather than a <source> child: only then does a failure set `video.error`.
  const video = useRef<HTMLVideoElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const showFailure = (element: HTMLVideoElement) =>
    setFailure(`The file could not be played: ${MEDIA_ERRORS[element.error?.code ?? 0] ?? "unknown error."}`);

  // An error that happened before hydration fired no React handler; pick it up once mounted.
  useEffect(() => {
    if (video.current?.error) showFailure(video.current);
  }, []);

  if (!playback.playable) return <p className="text-sm text-slate-600">{playback.reason}</p>;
  return (
    <div className="space-y-2">
      <video
        ref={video}
        controls
        preload="metadata"
        aria-label="Media preview"
        className="aspect-video w-full rounded bg-black"
        src={`/api/v1/assets/${uuid}/media`}
        onError={(event) => showFailure(event.currentTarget)}
      />
      {failure ? (
        <p role="alert" className="text-sm text-red-700">
          {failure}
        </p>
      ) : null}
    </div>
  );
}
