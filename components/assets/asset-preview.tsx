"use client";

import { useCallback, useRef } from "react";
import { MediaPreview, type PreviewInfo } from "@/components/assets/media-preview";
import { ScrubStrip } from "@/components/assets/scrub-strip";
import { QcTimeline } from "@/components/qc/qc-timeline";
import type { QcEvent } from "@/lib/qc/types";

// The detail page's preview: the poster in the player until it plays, the player, and the scrub
// strip under it (hover shows the frame at that time; a click plays from there).
export function AssetPreview({
  uuid,
  preview,
  durationMs,
  pictures,
  qcEvents,
}: {
  uuid: string;
  preview: PreviewInfo;
  durationMs: number | null;
  /** Whether the asset can have a poster and strip (probed video with a duration). */
  pictures: boolean;
  /** The current file's QC events, drawn under the player (null: not checked). */
  qcEvents?: QcEvent[] | null;
}) {
  const video = useRef<HTMLVideoElement | null>(null);
  const onVideo = useCallback((element: HTMLVideoElement | null) => {
    video.current = element;
  }, []);
  const seek = useCallback((seconds: number) => {
    const element = video.current;
    if (!element) return;
    element.currentTime = seconds;
    void element.play().catch(() => undefined);
  }, []);
  return (
    <div className="space-y-2">
      <MediaPreview
        preview={preview}
        poster={pictures ? `/api/v1/assets/${uuid}/poster.jpg` : undefined}
        onVideo={onVideo}
      />
      {pictures && durationMs ? (
        <ScrubStrip uuid={uuid} durationMs={durationMs} onSeek={preview.mode === "none" ? undefined : seek} />
      ) : null}
      {qcEvents && durationMs ? (
        <QcTimeline events={qcEvents} durationMs={durationMs} onSeek={preview.mode === "none" ? undefined : seek} />
      ) : null}
    </div>
  );
}
