import "server-only";

// What ffmpeg reads an asset from: its file, when the file lies inside the media roots
// (lib/assets/media-roots.ts), or else the Plex or Jellyfin server that lists it, over HTTP with
// the source's secret in a header. The secret stays on the server: it goes to ffmpeg and to the
// provider, never into a URL or body the browser sees.

export type MediaInput =
  | { kind: "file"; path: string }
  | { kind: "provider"; provider: "plex" | "jellyfin"; url: string; headers: Record<string, string> };

/** ffmpeg's arguments for reading the input (after any input options such as -ss). */
export function ffmpegInputArgs(input: MediaInput): string[] {
  return [...protocolArgs(input), "-i", input.kind === "file" ? input.path : input.url];
}

/** ffprobe takes the same protocol options and `-i`. */
export const ffprobeInputArgs = ffmpegInputArgs;

function protocolArgs(input: MediaInput): string[] {
  if (input.kind === "file") return [];
  const headers = Object.entries(input.headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  // Reconnect on a dropped connection; HTTP seeks use Range, which both servers support.
  return [...(headers ? ["-headers", headers] : []), "-reconnect", "1", "-reconnect_on_network_error", "1"];
}
