// The HLS timeline of a preview: where each segment starts, and the playlist that lists them all up
// front (a VOD playlist), so a player can seek anywhere before any segment has been made.
// Transcodes cut every SEGMENT_SECONDS (the encoder is told to put a keyframe there); a remux can
// only cut at the source's own keyframes, so its segments start at the first keyframe at least
// SEGMENT_SECONDS after the previous cut. Pure.

export const SEGMENT_SECONDS = 4;

export interface SegmentMap {
  /** Start of each segment, in seconds from the start of the media; starts[0] is 0. */
  starts: number[];
  /** Seconds of media in all. */
  duration: number;
}

/** Segments of `length` seconds (the last one shorter) over `duration` seconds. */
export function uniformSegments(duration: number, length = SEGMENT_SECONDS): SegmentMap {
  const count = Math.max(1, Math.ceil(duration / length - 1e-6));
  return { starts: Array.from({ length: count }, (_, k) => k * length), duration };
}

/**
 * Segments cut at keyframes (seconds from the start of the media, any order): each cut is the
 * first keyframe at least `length` seconds after the previous one. Without keyframes (audio only)
 * the cuts are uniform, as audio can be cut anywhere.
 */
export function keyframeSegments(keyframes: readonly number[], duration: number, length = SEGMENT_SECONDS): SegmentMap {
  if (keyframes.length === 0) return uniformSegments(duration, length);
  const starts = [0];
  for (const time of [...keyframes].sort((a, b) => a - b)) {
    // A cut too close to the end would make a sliver of a segment.
    if (time >= starts[starts.length - 1]! + length && time < duration - 0.5) starts.push(time);
  }
  return { starts, duration };
}

export function segmentEnd(map: SegmentMap, index: number): number {
  return map.starts[index + 1] ?? map.duration;
}

/** The VOD media playlist (RFC 8216), each segment's URI made by `uri`. */
export function mediaPlaylist(map: SegmentMap, uri: (index: number) => string): string {
  const lengths = map.starts.map((start, index) => segmentEnd(map, index) - start);
  const lines = [
    "#EXTM3U",
    "#EXT-X-VERSION:3",
    `#EXT-X-TARGETDURATION:${Math.max(1, Math.ceil(Math.max(...lengths)))}`,
    "#EXT-X-MEDIA-SEQUENCE:0",
    "#EXT-X-PLAYLIST-TYPE:VOD",
    ...lengths.flatMap((length, index) => [`#EXTINF:${length.toFixed(3)},`, uri(index)]),
    "#EXT-X-ENDLIST",
  ];
  return `${lines.join("\n")}\n`;
}
