import type { ProbeColumns } from "@/lib/ingest/full-probe";

// How the table and the detail page name a full probe's figures (client-safe).

/** "1080p", "576i", or null when the height is unknown. */
export function scanLabel(height: number | null, interlaced: boolean | null): string | null {
  return height === null ? null : `${height}${interlaced ? "i" : "p"}`;
}

/** "mono", "stereo", "5.1" (6 channels), "7.1" (8), else "N ch". */
export function channelsLabel(channels: number | null): string | null {
  if (channels === null) return null;
  return ({ 1: "mono", 2: "stereo", 6: "5.1", 8: "7.1" } as Record<number, string>)[channels] ?? `${channels} ch`;
}

/** One line for the table: "1080i · HDR · 5.1 · eng, fra · 2 subtitles"; null before the full probe. */
export function streamsSummary(streams: ProbeColumns): string | null {
  if (streams.subtitleCount === null) return null;
  const parts = [
    scanLabel(streams.videoHeight, streams.interlaced),
    streams.hdr ? "HDR" : null,
    channelsLabel(streams.audioChannels),
    streams.audioLanguages?.length ? streams.audioLanguages.join(", ") : null,
    streams.subtitleCount ? `${streams.subtitleCount} subtitle${streams.subtitleCount === 1 ? "" : "s"}` : null,
  ];
  return parts.filter(Boolean).join(" · ") || "no streams";
}
