"use client";

import type { QcEvent, QcEventKind } from "@/lib/qc/types";

// The QC events on a timeline under the player, one band per kind, and the same events as a list.
// Clicking an event (on the timeline or in the list) asks `onSeek` to play from its start.

const KINDS: Record<QcEventKind, { label: string; colour: string }> = {
  black: { label: "Black", colour: "bg-slate-900" },
  silence: { label: "Silence", colour: "bg-sky-600" },
  freeze: { label: "Still picture", colour: "bg-amber-500" },
};

function clock(ms: number): string {
  const tenths = Math.round(ms / 100);
  const seconds = Math.floor(tenths / 10);
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}.${tenths % 10}`;
}

export const eventLabel = (event: QcEvent) =>
  `${KINDS[event.kind].label} ${clock(event.startMs)}–${clock(event.endMs)}`;

export function QcTimeline({
  events,
  durationMs,
  onSeek,
}: {
  events: QcEvent[];
  durationMs: number;
  /** Seconds to play from; undefined when the asset cannot play here. */
  onSeek?: (seconds: number) => void;
}) {
  const seek = (event: QcEvent) => onSeek?.(event.startMs / 1000);
  const percent = (ms: number) => `${Math.min(100, Math.max(0, (ms / durationMs) * 100))}%`;
  return (
    <div className="space-y-2" aria-label="QC timeline" role="group">
      <div className="space-y-1">
        {(Object.keys(KINDS) as QcEventKind[]).map((kind) => (
          <div key={kind} className="flex items-center gap-2">
            <span className="w-20 text-xs text-slate-600">{KINDS[kind].label}</span>
            <div className="relative h-3 grow rounded bg-slate-100">
              {events
                .filter((event) => event.kind === kind)
                .map((event) => (
                  <button
                    key={`${event.startMs}-${event.endMs}`}
                    type="button"
                    title={eventLabel(event)}
                    aria-label={`Play from ${eventLabel(event)}`}
                    disabled={!onSeek}
                    onClick={() => seek(event)}
                    className={`absolute top-0 h-3 min-w-1 rounded ${KINDS[kind].colour} hover:opacity-80`}
                    style={{ left: percent(event.startMs), width: percent(event.endMs - event.startMs) }}
                  />
                ))}
            </div>
          </div>
        ))}
      </div>
      {events.length === 0 ? (
        <p className="text-xs text-slate-600">No black, silence or still picture found.</p>
      ) : (
        <ul className="space-y-0.5 text-sm" aria-label="QC events">
          {events.map((event) => (
            <li key={`${event.kind}-${event.startMs}`}>
              <button
                type="button"
                disabled={!onSeek}
                onClick={() => seek(event)}
                className="text-left text-sky-800 hover:underline disabled:text-slate-700 disabled:no-underline"
              >
                {eventLabel(event)}
              </button>{" "}
              <span className="text-xs text-slate-500">({((event.endMs - event.startMs) / 1000).toFixed(1)} s)</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
