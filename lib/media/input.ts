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
  if (input.kind === "file") return ["-i", input.path];
  const headers = Object.entries(input.headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join("");
  // Reconnect on a dropped connection; HTTP seeks use Range, which both servers support.
  return [
    ...(headers ? ["-headers", headers] : []),
    "-reconnect",
    "1",
    "-reconnect_on_network_error",
    "1",
    "-i",
    input.url,
  ];
}
