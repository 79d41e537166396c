import "server-only";
import { constants } from "node:fs";
import { open, readlink, type FileHandle } from "node:fs/promises";
import { Readable } from "node:stream";
import { insideMediaRoots, resolveMediaPath, type MediaRoots } from "@/lib/assets/media-roots";

// Serving an asset's file to the browser's media element: a stream of exactly the bytes a Range
// header asks for (read by lib/media/byte-range.ts). The route handler decides status codes and headers.

export interface MediaFile {
  size: number;
  /** The bytes from start to end (inclusive), read as the client consumes them; closes the file at the end or on cancel. */
  stream(start: number, end: number): ReadableStream<Uint8Array>;
  close(): Promise<void>;
}

/**
 * Opens the file so that a missing, unreadable or forbidden one is known before any response is
 * sent; null when it cannot be read or lies outside the media roots (lib/assets/media-roots.ts).
 *
 * Time of check and time of use: the real path is resolved and checked, then opened without
 * following a symlink at its last step (O_NOFOLLOW; O_NONBLOCK so a named pipe cannot hold the
 * open), and the path the kernel reports for the open descriptor (/proc/self/fd) is checked again,
 * so a folder swapped for a symlink between the check and the open is caught. Where /proc is not
 * mounted the first check stands alone.
 */
export async function openMediaFile(uri: string, roots: MediaRoots): Promise<MediaFile | null> {
  const real = await resolveMediaPath(uri, roots);
  if (!real) return null;
  let handle: FileHandle | undefined;
  try {
    // The path is data (anywhere on the server), not part of the app: keep the bundler from tracing it.
    handle = await open(
      /* turbopackIgnore: true */ real,
      constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK,
    );
    const opened = await readlink(`/proc/self/fd/${handle.fd}`).catch(() => real);
    if (!insideMediaRoots(opened, roots)) throw new Error("opened outside the media roots");
    const stat = await handle.stat();
    if (!stat.isFile()) throw new Error("not a regular file");
    const file = handle;
    return {
      size: stat.size,
      stream: (start, end) =>
        Readable.toWeb(file.createReadStream({ start, end, highWaterMark: 1024 * 1024 })) as ReadableStream<Uint8Array>,
      close: () => file.close(),
    };
  } catch {
    await handle?.close().catch(() => undefined);
    return null;
  }
}
