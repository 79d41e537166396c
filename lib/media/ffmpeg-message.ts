// ffmpeg's own words for a failure, fit to show a user: its last distinct lines without the
// "[demuxer @ 0x…]" prefixes, and without paths or URLs (they name the server's folders or a
// provider's address, and a provider URL may carry a key).

/**
 * The gist of ffmpeg's stderr. Each of `known` (the input's path or URL) reads "the file"; any other
 * absolute path or URL reads "…".
 */
export function ffmpegMessage(stderr: string, known: string[] = []): string {
  const lines = stderr
    .split("\n")
    .map((line) => line.replace(/^\[[^\]]* @ 0x[0-9a-f]+\]\s*/, "").trim())
    .filter(Boolean);
  let message = [...new Set(lines)].slice(-3).join("; ");
  for (const text of known) if (text) message = message.split(text).join("the file");
  return message.replace(/(^|[\s'"(])(?:[a-z][a-z0-9+.-]*:\/\/|\/)[^\s'")]*/gi, "$1…").slice(0, 300);
}

/** "ffmpeg could not read the file: …", the words thumbnails and QC store for a file ffmpeg failed on. */
export function unreadableFileMessage(stderr: string): string {
  const message = ffmpegMessage(stderr);
  return `ffmpeg could not read the file${message ? `: ${message}` : "."}`;
}
