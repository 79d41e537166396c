"use client";

import { useEffect, useRef, useState } from "react";
import { formatDuration } from "@/lib/format";
import { parseStripVtt, type StripCue } from "@/lib/thumbnails/layout";

// Hover-scrubbing: a bar as long as the media; the pointer's place on it is a time, and the tile of
// the scrub strip (the sprite, cut by CSS background-position) for that time shows above it with the
// time. A click asks `onSeek` to play from there. The cues come from the asset's WebVTT thumbnails
// track; while the strip is being made (404) the track is asked for again a few times.

const RETRIES = 5;
const RETRY_MS = 5_000;

type Track = { status: "loading" } | { status: "ready"; cues: StripCue[] } | { status: "none" };

export function ScrubStrip({
  uuid,
  durationMs,
  onSeek,
}: {
  uuid: string;
  durationMs: number;
  /** Called with the time clicked, in seconds (the player seeks there). */
  onSeek?: (seconds: number) => void;
}) {
  const [track, setTrack] = useState<Track>({ status: "loading" });
  const [hover, setHover] = useState<{ ms: number; left: number; width: number } | null>(null);
  const bar = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function load(attempt: number) {
      const response = await fetch(`/api/v1/assets/${uuid}/strip.vtt`).catch(() => null);
      if (stopped) return;
      if (response?.ok) {
        const cues = parseStripVtt(await response.text());
        if (!stopped) setTrack(cues.length ? { status: "ready", cues } : { status: "none" });
      } else if (response?.status === 404 && attempt < RETRIES) {
        const code = (await response.json().catch(() => null)) as { code?: string } | null;
        if (code?.code !== "thumbnail_pending") setTrack({ status: "none" });
        else timer = setTimeout(() => void load(attempt + 1), RETRY_MS);
      } else setTrack({ status: "none" });
    }
    void load(0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [uuid]);

  if (track.status === "none") return null;
  if (track.status === "loading") return <p className="text-xs text-slate-500">Preparing the scrub strip…</p>;

  const timeAt = (clientX: number) => {
    const box = bar.current!.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / box.width));
    return { ms: fraction * durationMs, left: fraction * box.width, width: box.width };
  };
  const cue = hover ? (track.cues.find((c) => hover.ms >= c.startMs && hover.ms < c.endMs) ?? track.cues.at(-1)) : null;

  return (
    <div className="relative pt-1">
      {hover && cue ? (
        <div
          className="pointer-events-none absolute bottom-full z-10 mb-1 -translate-x-1/2 rounded border border-slate-300 bg-white p-1 shadow"
          style={{ left: Math.min(Math.max(hover.left, cue.w / 2), hover.width - cue.w / 2) }}
        >
          <div
            role="img"
            aria-label={`Frame at ${formatDuration(hover.ms)}`}
            style={{
              width: cue.w,
              height: cue.h,
              backgroundImage: `url(/api/v1/assets/${uuid}/strip.jpg)`,
              backgroundPosition: `-${cue.x}px -${cue.y}px`,
            }}
          />
          <p className="text-center text-xs tabular-nums text-slate-700">{formatDuration(hover.ms)}</p>
        </div>
      ) : null}
      <div
        ref={bar}
        role="slider"
        tabIndex={0}
        aria-label="Scrub strip"
        aria-valuemin={0}
        aria-valuemax={Math.round(durationMs / 1000)}
        aria-valuenow={Math.round((hover?.ms ?? 0) / 1000)}
        aria-valuetext={formatDuration(hover?.ms ?? 0)}
        className="h-6 w-full cursor-pointer rounded bg-slate-200 hover:bg-slate-300"
        onMouseMove={(event) => setHover(timeAt(event.clientX))}
        onMouseLeave={() => setHover(null)}
        onClick={(event) => onSeek?.(timeAt(event.clientX).ms / 1000)}
        onKeyDown={(event) => {
          // Arrows step one tile at a time; Enter plays from the tile shown.
          const step = durationMs / track.cues.length;
          const width = bar.current!.clientWidth;
          const move = (ms: number) => {
            const clamped = Math.min(durationMs, Math.max(0, ms));
            setHover({ ms: clamped, left: (clamped / durationMs) * width, width });
          };
          if (event.key === "ArrowRight") move((hover?.ms ?? -step / 2) + step);
          else if (event.key === "ArrowLeft") move((hover?.ms ?? step / 2) - step);
          else if (event.key === "Enter" && hover) onSeek?.(hover.ms / 1000);
          else return;
          event.preventDefault();
        }}
        onBlur={() => setHover(null)}
      />
    </div>
  );
}
