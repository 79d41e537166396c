// Which assets a browser's <video> element can play, decided from the probed container and codecs
// (ffprobe's names). Pure: the detail page, the media route and client components share it.

export type Playback = { playable: true; mimeType: string } | { playable: false; reason: string };

export interface MediaFormat {
  container: string | null;
  videoCodec: string | null;
  audioCodec: string | null;
}

// The formats every current browser plays. Anything else (MKV, MPEG-TS, AVI, HEVC, MPEG-2 video,
// ProRes, PCM, AC-3, …) plays in some browsers at best, so the desk does not offer it. `null`
// audio means a file without an audio stream.
const PLAYABLE = [
  { containers: ["mp4", "mov"], mimeType: "video/mp4", video: ["h264"], audio: ["aac", "mp3", null] },
  { containers: ["webm"], mimeType: "video/webm", video: ["vp8", "vp9", "av1"], audio: ["opus", "vorbis", null] },
] as const satisfies ReadonlyArray<{
  containers: readonly string[];
  mimeType: string;
  video: readonly string[];
  audio: readonly (string | null)[];
}>;

// How people name the formats; unknown names are shown as ffprobe gives them.
const LABELS: Record<string, string> = {
  mp4: "MP4",
  mov: "QuickTime (MOV)",
  webm: "WebM",
  mkv: "Matroska (MKV)",
  matroska: "Matroska (MKV)",
  mpegts: "MPEG-TS",
  avi: "AVI",
  h264: "H.264",
  hevc: "HEVC (H.265)",
  mpeg2video: "MPEG-2",
  mpeg4: "MPEG-4 Part 2",
  prores: "ProRes",
  vp8: "VP8",
  vp9: "VP9",
  av1: "AV1",
  aac: "AAC",
  mp3: "MP3",
  ac3: "AC-3",
  eac3: "E-AC-3",
  opus: "Opus",
  vorbis: "Vorbis",
};

const label = (name: string) => LABELS[name] ?? (name.startsWith("pcm_") ? "PCM" : name);
const normalise = (name: string | null) => name?.trim().toLowerCase() || null;
const OPEN_ELSEWHERE = "open the file in a desktop player";

export function browserPlayback(format: MediaFormat): Playback {
  const container = normalise(format.container);
  const video = normalise(format.videoCodec);
  const audio = normalise(format.audioCodec);
  if (!container || !video) {
    return {
      playable: false,
      reason: "Not probed yet: the desk does not know this file's format, so it cannot offer a preview.",
    };
  }
  const family = PLAYABLE.find((entry) => (entry.containers as readonly string[]).includes(container));
  if (!family) {
    return {
      playable: false,
      reason: `Browsers cannot play ${label(container)} with ${label(video)} video; ${OPEN_ELSEWHERE}.`,
    };
  }
  if (!(family.video as readonly string[]).includes(video)) {
    return {
      playable: false,
      reason: `Browsers cannot play ${label(video)} video in ${label(container)}; ${OPEN_ELSEWHERE}.`,
    };
  }
  if (!(family.audio as readonly (string | null)[]).includes(audio)) {
    return {
      playable: false,
      reason: `Browsers cannot play ${label(audio!)} audio in ${label(container)}; ${OPEN_ELSEWHERE}.`,
    };
  }
  return { playable: true, mimeType: family.mimeType };
}
