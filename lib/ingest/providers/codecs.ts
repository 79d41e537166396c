// Plex and Jellyfin name codecs and containers their own way; the app compares them with what
// ffprobe reports, so both are mapped into one vocabulary here. Names not in a table pass through
// lower-cased: both servers mostly use ffmpeg's names already. Maps, not objects, so a name such
// as "constructor" from a server cannot reach Object.prototype.

/** Provider codec name → ffprobe codec_name. */
const CODEC_ALIASES = new Map<string, string>(
  Object.entries({
    // Plex says "dca" (ffmpeg's old DTS decoder name); ffprobe says "dts" for DTS and DTS-HD alike.
    dca: "dts",
    "dca-ma": "dts",
    "dts-hd": "dts",
    // Names some tools and older Emby/Jellyfin builds use instead of ffmpeg's.
    h265: "hevc",
    x265: "hevc",
    avc: "h264",
    x264: "h264",
    mpeg2: "mpeg2video",
    mpeg1: "mpeg1video",
    "vc-1": "vc1",
    xvid: "mpeg4",
    divx: "mpeg4",
    // "pcm" (Plex) stays: ffprobe's pcm_s16le / pcm_s24le… need a sample format Plex does not give.
  }),
);

/** Provider container name → short container name (mostly the usual file extension). */
const CONTAINER_ALIASES = new Map<string, string>(
  Object.entries({
    // Jellyfin may send ffprobe's demuxer list; the ISO family is mostly .mp4, Matroska mostly .mkv.
    "mov,mp4,m4a,3gp,3g2,mj2": "mp4",
    "matroska,webm": "mkv",
    matroska: "mkv",
    m4v: "mp4",
    // Blu-ray .m2ts and camcorder .mts are MPEG transport streams too.
    ts: "mpegts",
    m2ts: "mpegts",
    mts: "mpegts",
    // MPEG program streams (.mpg, DVD .vob).
    mpg: "mpeg",
    vob: "mpeg",
    // Plex and ffprobe say "asf"; people know the files as .wmv.
    asf: "wmv",
    ogv: "ogg",
  }),
);

export function normalizeCodec(name: string | null | undefined): string | null {
  const key = name?.trim().toLowerCase();
  if (!key) return null;
  return CODEC_ALIASES.get(key) ?? key;
}

export function normalizeContainer(name: string | null | undefined): string | null {
  const key = name?.trim().toLowerCase();
  if (!key) return null;
  const whole = CONTAINER_ALIASES.get(key);
  if (whole) return whole;
  // An unknown demuxer list: its first name is the format's own.
  const first = key.split(",")[0]!.trim();
  return CONTAINER_ALIASES.get(first) ?? first;
}
