// The full probe: every stream ffprobe reports, normalised to the fields a broadcast review needs,
// and the few figures derived from it that the table filters on (columns of their own, indexed).
// Pure, so the normaliser is tested on ffprobe's JSON and the writer (lib/ingest/probe-columns.ts)
// and the detail page read the same shape.

/** ffprobe's per-stream fields the full probe reads (a subset of probe.ts's schema). */
export interface FfprobeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  display_aspect_ratio?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  field_order?: string;
  pix_fmt?: string;
  bits_per_raw_sample?: string;
  color_transfer?: string;
  bit_rate?: string;
  channels?: number;
  channel_layout?: string;
  sample_rate?: string;
  disposition?: { attached_pic?: number };
  tags?: { language?: string };
}

export type FieldOrder = "progressive" | "tff" | "bff";
export type HdrKind = "hdr10" | "hlg";

export interface VideoStream {
  index: number;
  codec: string | null;
  width: number | null;
  height: number | null;
  /** "16:9" as ffprobe gives it. */
  displayAspect: string | null;
  /** Frames per second, to three decimals (29.97 as 29.97). */
  frameRate: number | null;
  /** null where the file does not say (ffprobe's "unknown"). */
  fieldOrder: FieldOrder | null;
  pixelFormat: string | null;
  bitDepth: number | null;
  /** ffprobe's color_transfer (bt709, smpte2084, arib-std-b67…). */
  transfer: string | null;
  hdr: HdrKind | null;
  bitRate: number | null;
}

export interface AudioStream {
  index: number;
  codec: string | null;
  channels: number | null;
  channelLayout: string | null;
  sampleRate: number | null;
  /** ISO 639-2 as tagged, lower case; null for none or "und". */
  language: string | null;
  bitRate: number | null;
}

export interface SubtitleStream {
  index: number;
  codec: string | null;
  language: string | null;
}

export interface FullProbe {
  video: VideoStream[];
  audio: AudioStream[];
  subtitles: SubtitleStream[];
}

/** The columns beside `probe` that the table filters on; all null when there is no full probe. */
export interface ProbeColumns {
  videoHeight: number | null;
  interlaced: boolean | null;
  hdr: boolean | null;
  audioChannels: number | null;
  audioLanguages: string[] | null;
  subtitleCount: number | null;
}

const HDR_TRANSFERS: Record<string, HdrKind> = { smpte2084: "hdr10", "arib-std-b67": "hlg" };
// ffprobe names the field first *displayed* second: tt and bt show the top field first.
const FIELD_ORDERS: Record<string, FieldOrder> = {
  progressive: "progressive",
  tt: "tff",
  bt: "tff",
  bb: "bff",
  tb: "bff",
};

const text = (value: string | undefined) => (value && value !== "unknown" ? value : null);
const integer = (value: string | undefined) => {
  const parsed = Number(value);
  return value !== undefined && Number.isSafeInteger(parsed) && parsed > 0 ? parsed : null;
};
const language = (value: string | undefined) => {
  const tag = value?.trim().toLowerCase();
  return tag && tag !== "und" ? tag : null;
};

/** Frames per second of ffprobe's first readable rate ("30000/1001" → 29.97), three decimals. */
export function frameRate(...rates: (string | undefined)[]): number | null {
  for (const rate of rates) {
    const [num, den] = (rate ?? "").split("/").map(Number);
    if (num && den && Number.isFinite(num / den)) return Math.round((num / den) * 1000) / 1000;
  }
  return null;
}

// 8 bits unless the pixel format names more (yuv420p10le → 10); ffprobe's bits_per_raw_sample wins.
function bitDepth(stream: FfprobeStream): number | null {
  const raw = integer(stream.bits_per_raw_sample);
  if (raw) return raw;
  if (!stream.pix_fmt) return null;
  const match = /p(\d{2})(le|be)?$/.exec(stream.pix_fmt);
  return match ? Number(match[1]) : 8;
}

export function fullProbeOf(streams: readonly FfprobeStream[]): FullProbe {
  const probe: FullProbe = { video: [], audio: [], subtitles: [] };
  for (const stream of streams) {
    const codec = stream.codec_name ?? null;
    if (stream.codec_type === "video" && stream.disposition?.attached_pic !== 1) {
      const transfer = text(stream.color_transfer);
      probe.video.push({
        index: stream.index,
        codec,
        width: stream.width ?? null,
        height: stream.height ?? null,
        displayAspect:
          stream.display_aspect_ratio && stream.display_aspect_ratio !== "0:1" ? stream.display_aspect_ratio : null,
        frameRate: frameRate(stream.avg_frame_rate, stream.r_frame_rate),
        fieldOrder: FIELD_ORDERS[stream.field_order ?? ""] ?? null,
        pixelFormat: stream.pix_fmt ?? null,
        bitDepth: bitDepth(stream),
        transfer,
        hdr: transfer ? (HDR_TRANSFERS[transfer] ?? null) : null,
        bitRate: integer(stream.bit_rate),
      });
    } else if (stream.codec_type === "audio") {
      probe.audio.push({
        index: stream.index,
        codec,
        channels: stream.channels ?? null,
        channelLayout: text(stream.channel_layout),
        sampleRate: integer(stream.sample_rate),
        language: language(stream.tags?.language),
        bitRate: integer(stream.bit_rate),
      });
    } else if (stream.codec_type === "subtitle") {
      probe.subtitles.push({ index: stream.index, codec, language: language(stream.tags?.language) });
    }
  }
  return probe;
}

/** The filter columns of a full probe: the first video stream's picture, the widest audio, every language. */
export function probeColumnsOf(probe: FullProbe | null): ProbeColumns {
  if (!probe)
    return {
      videoHeight: null,
      interlaced: null,
      hdr: null,
      audioChannels: null,
      audioLanguages: null,
      subtitleCount: null,
    };
  const video = probe.video[0];
  const channels = probe.audio.flatMap((stream) => (stream.channels ? [stream.channels] : []));
  return {
    videoHeight: video?.height ?? null,
    interlaced: video?.fieldOrder ? video.fieldOrder !== "progressive" : video ? false : null,
    hdr: video ? video.hdr !== null : null,
    audioChannels: channels.length ? Math.max(...channels) : null,
    audioLanguages: [...new Set(probe.audio.flatMap((stream) => (stream.language ? [stream.language] : [])))].sort(),
    subtitleCount: probe.subtitles.length,
  };
}
