// How the desk previews an asset in a browser, decided from the probed container and codecs
// (ffprobe's names), choosing the cheapest way that works:
//   direct    — formats every current browser plays, sent as they are (HTTP Range);
//   remux     — H.264 video (and AAC/MP3 audio) in another container: rewrapped into HLS segments
//               with `ffmpeg -c copy`, no re-encode (other audio becomes AAC, which is cheap);
//   transcode — anything else: H.264 + AAC, at most 720p, as HLS segments made on demand.
// Where the bytes come from (the file, or the Plex/Jellyfin server that lists it) is decided on the
// server (lib/preview/preview.ts). Pure: the detail page, the routes and client components share it.

export interface MediaFormat {
  container: string | null;
  videoCodec: string | null;
  audioCodec: string | null;
}

export type PreviewMode = "direct" | "remux" | "transcode";

export type PreviewPlan =
  | { mode: "direct"; mimeType: string; why: string }
  | { mode: "remux"; audio: "copy" | "aac"; why: string }
  | { mode: "transcode"; why: string }
  | { mode: "none"; why: string };

// The formats every current browser plays as they are. `null` audio means a file without audio.
const DIRECT = [
  { containers: ["mp4", "mov", "m4v"], mimeType: "video/mp4", video: ["h264"], audio: ["aac", "mp3", null] },
  { containers: ["webm"], mimeType: "video/webm", video: ["vp8", "vp9", "av1"], audio: ["opus", "vorbis", null] },
] as const satisfies ReadonlyArray<{
  containers: readonly string[];
  mimeType: string;
  video: readonly string[];
  audio: readonly (string | null)[];
}>;
// Audio-only files browsers play as they are.
const DIRECT_AUDIO: Record<string, string> = {
  mp3: "audio/mpeg",
  m4a: "audio/mp4",
  ogg: "audio/ogg",
  flac: "audio/flac",
  wav: "audio/wav",
};
// Codecs that HLS in MPEG-TS carries to every browser (hls.js, Safari) without re-encoding.
const COPY_VIDEO = new Set(["h264"]);
const COPY_AUDIO = new Set(["aac", "mp3"]);

// How people name the formats; unknown names are shown as ffprobe gives them.
const LABELS: Record<string, string> = {
  mp4: "MP4",
  mov: "QuickTime (MOV)",
  m4v: "MP4",
  webm: "WebM",
  mkv: "Matroska (MKV)",
  matroska: "Matroska (MKV)",
  mpegts: "MPEG-TS",
  mpeg: "MPEG-PS",
  avi: "AVI",
  mxf: "MXF",
  wmv: "Windows Media",
  flv: "Flash Video",
  h264: "H.264",
  hevc: "HEVC (H.265)",
  mpeg2video: "MPEG-2",
  mpeg1video: "MPEG-1",
  mpeg4: "MPEG-4 Part 2",
  prores: "ProRes",
  dnxhd: "DNxHD",
  vc1: "VC-1",
  wmv3: "WMV 9",
  vp8: "VP8",
  vp9: "VP9",
  av1: "AV1",
  aac: "AAC",
  mp3: "MP3",
  mp2: "MP2",
  ac3: "AC-3",
  eac3: "E-AC-3",
  dts: "DTS",
  truehd: "TrueHD",
  flac: "FLAC",
  opus: "Opus",
  vorbis: "Vorbis",
};

export const formatLabel = (name: string) => LABELS[name] ?? (name.startsWith("pcm_") ? "PCM" : name);
const normalise = (name: string | null) => name?.trim().toLowerCase() || null;

export function previewPlan(format: MediaFormat): PreviewPlan {
  const container = normalise(format.container);
  const video = normalise(format.videoCodec);
  const audio = normalise(format.audioCodec);
  if (!container || (!video && !audio)) {
    return { mode: "none", why: "Not probed yet: the desk does not know this file's format, so it cannot preview it." };
  }
  if (!video) {
    const mimeType = DIRECT_AUDIO[container];
    if (mimeType && (container !== "m4a" || audio === "aac")) {
      return { mode: "direct", mimeType, why: `direct: ${formatLabel(audio!)} audio` };
    }
    return COPY_AUDIO.has(audio!)
      ? { mode: "remux", audio: "copy", why: `remuxed: ${formatLabel(audio!)} audio in ${formatLabel(container)}` }
      : { mode: "transcode", why: `transcoded: ${formatLabel(audio!)} audio` };
  }
  const family = DIRECT.find((entry) => (entry.containers as readonly string[]).includes(container));
  if (
    family &&
    (family.video as readonly string[]).includes(video) &&
    (family.audio as readonly (string | null)[]).includes(audio)
  ) {
    return { mode: "direct", mimeType: family.mimeType, why: `direct: ${describe(container, video, audio)}` };
  }
  if (COPY_VIDEO.has(video)) {
    const copyAudio = audio === null || COPY_AUDIO.has(audio);
    return {
      mode: "remux",
      audio: copyAudio ? "copy" : "aac",
      why: copyAudio
        ? `remuxed: ${describe(container, video, audio)}, rewrapped without re-encoding`
        : `remuxed: ${describe(container, video, audio)}; the video is copied, the ${formatLabel(audio!)} audio becomes AAC`,
    };
  }
  return { mode: "transcode", why: `transcoded: ${describe(container, video, audio)}` };
}

function describe(container: string, video: string, audio: string | null): string {
  return `${formatLabel(video)}${audio ? `/${formatLabel(audio)}` : ""} in ${formatLabel(container)}`;
}
