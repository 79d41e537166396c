import path from "node:path";

/** Bytes read to sniff a file: enough for two MPEG-TS packets (sync bytes at 0 and 188). */
export const SNIFF_BYTES = 512;

const MEDIA_EXTENSIONS = new Set([
  "mp4",
  "m4v",
  "mov",
  "mkv",
  "webm",
  "avi",
  "mpg",
  "mpeg",
  "m2v",
  "m2ts",
  "mts",
  "vob",
  "wmv",
  "asf",
  "flv",
  "ogv",
  "ogg",
  "mxf",
  "3gp",
  "mp3",
  "m4a",
  "aac",
  "ac3",
  "flac",
  "wav",
  "opus",
  "wma",
]);

// What sits next to media in a library (subtitles, artwork, metadata, downloads in progress) and
// code: skipped by name, so the walk does not open them.
const OTHER_EXTENSIONS = new Set([
  "txt",
  "nfo",
  "srt",
  "ass",
  "ssa",
  "sub",
  "idx",
  "sup",
  "vtt",
  "jpg",
  "jpeg",
  "png",
  "gif",
  "bmp",
  "webp",
  "tif",
  "tiff",
  "heic",
  "xml",
  "json",
  "yaml",
  "yml",
  "csv",
  "html",
  "htm",
  "md",
  "pdf",
  "db",
  "ini",
  "log",
  "torrent",
  "part",
  "tmp",
  "crdownload",
  "nzb",
  "sfv",
  "par2",
  "md5",
  "sha1",
  "sha256",
  "url",
  "lnk",
  "m3u",
  "m3u8",
  "pls",
  "cue",
  "zip",
  "rar",
  "7z",
  "gz",
  "tar",
  "iso",
  "exe",
  "dll",
  "js",
  "mjs",
  "tsx",
]);

const extensionOf = (file: string) => path.extname(file).slice(1).toLowerCase();

/** Whether only the first bytes can tell: `.ts` (MPEG-TS or TypeScript) and missing or unknown extensions. */
export function needsSniff(file: string): boolean {
  const extension = extensionOf(file);
  return extension === "ts" || !(MEDIA_EXTENSIONS.has(extension) || OTHER_EXTENSIONS.has(extension));
}

/**
 * Whether a file is worth probing. `head` (its first SNIFF_BYTES bytes) is needed where
 * `needsSniff` says so; without it such a file is not a candidate.
 */
export function isMediaCandidate(file: string, head?: Buffer): boolean {
  const extension = extensionOf(file);
  if (extension === "ts") return head !== undefined && isMpegTs(head);
  if (MEDIA_EXTENSIONS.has(extension)) return true;
  if (OTHER_EXTENSIONS.has(extension)) return false;
  return head !== undefined && SIGNATURES.some((matches) => matches(head));
}

const ascii = (head: Buffer, offset: number, text: string) =>
  head.toString("latin1", offset, offset + text.length) === text;
const bytes = (head: Buffer, offset: number, values: number[]) =>
  values.every((value, i) => head[offset + i] === value);

const isMpegTs = (head: Buffer) => head[0] === 0x47 && head[188] === 0x47;

// An MPEG audio frame header: 11 sync bits, layer II or III, no reserved version, bitrate or sample
// rate. Layer I, all but unused, is refused so that UTF-16 text (FF FE) does not pass; ADTS (raw AAC)
// marks itself with the otherwise reserved layer 0.
function isMpegAudioFrame(head: Buffer): boolean {
  const [first, second, third] = head;
  if (first !== 0xff || second === undefined || third === undefined || (second & 0xe0) !== 0xe0) return false;
  if ((second & 0xf6) === 0xf0) return true;
  const layer = (second >> 1) & 3;
  return (layer === 1 || layer === 2) && ((second >> 3) & 3) !== 1 && third >> 4 !== 15 && ((third >> 2) & 3) !== 3;
}

const SIGNATURES: ((head: Buffer) => boolean)[] = [
  (head) => ascii(head, 4, "ftyp"), // MP4, MOV, 3GP, M4A
  (head) => bytes(head, 0, [0x1a, 0x45, 0xdf, 0xa3]), // Matroska, WebM (EBML)
  (head) => ascii(head, 0, "RIFF") && (ascii(head, 8, "AVI ") || ascii(head, 8, "WAVE")),
  isMpegTs,
  (head) => bytes(head, 0, [0x00, 0x00, 0x01, 0xba]), // MPEG program stream (MPG, VOB)
  (head) => ascii(head, 0, "OggS"),
  (head) => ascii(head, 0, "FLV\x01"),
  (head) => bytes(head, 0, [0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11]), // ASF (WMV, WMA)
  (head) => ascii(head, 0, "ID3") || isMpegAudioFrame(head), // MP3, MP2, AAC
  (head) => ascii(head, 0, "fLaC"),
];
