"use client";

import type { ErrorData } from "hls.js";
import { useEffect, useRef, useState } from "react";

// The asset's preview player. Direct files play as they are; remux and transcode previews are HLS
// (hls.js over Media Source Extensions; Safari's own HLS where MSE is missing). The line above the
// player says which way it plays and why (lib/preview/plan.ts).

export interface PreviewInfo {
  mode: "direct" | "remux" | "transcode" | "none";
  why: string;
  url: string | null;
}

// Why a <video> element gave up, in words (MediaError codes 1–4).
const MEDIA_ERRORS: Record<number, string> = {
  1: "loading was aborted.",
  2: "a network error interrupted the download.",
  3: "the browser could not decode it.",
  4: "the browser does not support it, or the server could not read it.",
};

// Segments are made while the player waits (a transcode of a large file on a busy server can take
// a while), and a busy server answers 503: wait long and retry, rather than give up.
const LOAD_POLICY = {
  default: {
    maxTimeToFirstByteMs: 60_000,
    maxLoadTimeMs: 120_000,
    timeoutRetry: { maxNumRetry: 2, retryDelayMs: 0, maxRetryDelayMs: 0 },
    errorRetry: { maxNumRetry: 30, retryDelayMs: 2_000, maxRetryDelayMs: 5_000 },
  },
};

/** A message from the server's problem answer, when the error carried one. */
function problemDetail(data: ErrorData): string | null {
  const body = (data.networkDetails as XMLHttpRequest | undefined)?.responseText;
  try {
    const detail = body ? (JSON.parse(body) as { detail?: unknown }).detail : null;
    return typeof detail === "string" ? detail : null;
  } catch {
    return null;
  }
}

export function MediaPreview({
  preview,
  poster,
  autoPlay = false,
  onVideo,
}: {
  preview: PreviewInfo;
  poster?: string;
  /** Starts playing, muted (browsers allow that without a click): the table's quick preview. */
  autoPlay?: boolean;
  /** Gives the <video> element to a sibling (the scrub strip seeks it). */
  onVideo?: (video: HTMLVideoElement | null) => void;
}) {
  const video = useRef<HTMLVideoElement>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { mode, url } = preview;

  useEffect(() => {
    onVideo?.(video.current);
    return () => onVideo?.(null);
  }, [onVideo]);

  useEffect(() => {
    const element = video.current;
    if (!element || !url || mode === "none") return;
    setFailure(null);
    if (mode === "direct") {
      // `src` on the element rather than a <source> child: only then does a failure set `video.error`.
      element.src = url;
      return () => {
        element.removeAttribute("src");
        element.load();
      };
    }
    let cancelled = false;
    let destroy = () => {};
    void import("hls.js").then(({ default: Hls }) => {
      if (cancelled) return;
      if (!Hls.isSupported()) {
        if (element.canPlayType("application/vnd.apple.mpegurl")) element.src = url;
        else
          setFailure("This browser can play neither HLS nor Media Source Extensions, so it cannot show this preview.");
        return;
      }
      const hls = new Hls({
        fragLoadPolicy: LOAD_POLICY,
        playlistLoadPolicy: LOAD_POLICY,
        // Enough ahead to play smoothly, not so much that a viewer who only glances costs a whole transcode.
        maxBufferLength: 20,
      });
      hls.on(Hls.Events.ERROR, (_event, data) => {
        const status = data.response?.code;
        if (status === 503) setNotice(problemDetail(data) ?? "The server's preview transcoders are busy; retrying…");
        if (!data.fatal) return;
        setNotice(null);
        setFailure(`The preview could not be played: ${problemDetail(data) ?? data.details}.`);
      });
      hls.on(Hls.Events.FRAG_LOADED, () => setNotice(null));
      hls.loadSource(url);
      hls.attachMedia(element);
      destroy = () => hls.destroy();
    });
    return () => {
      cancelled = true;
      destroy();
    };
  }, [mode, url]);

  if (mode === "none" || !url) return <p className="text-sm text-slate-600">{preview.why}</p>;
  return (
    <div className="space-y-2">
      <p className="text-xs text-slate-600" data-testid="preview-mode">
        {preview.why}
      </p>
      <video
        ref={video}
        controls
        preload="metadata"
        playsInline
        autoPlay={autoPlay}
        muted={autoPlay}
        poster={poster}
        aria-label="Media preview"
        data-mode={mode}
        className="aspect-video w-full rounded bg-black"
        onError={(event) => {
          // hls.js reports its own failures; this is the element's (a direct file, or a decode error).
          const code = event.currentTarget.error?.code ?? 0;
          setFailure(`The file could not be played: ${MEDIA_ERRORS[code] ?? "unknown error."}`);
        }}
      />
      {notice ? (
        <p role="status" className="text-sm text-amber-700">
          {notice}
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="text-sm text-red-700">
          {failure}
        </p>
      ) : null}
    </div>
  );
}
