import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import path from "node:path";
import { parseRange } from "../media/byte-range";
import type { FakeFileReply, FakePart, FakeReply } from "./fake-media-server-types";

// The media bytes behind the fake's stream endpoints (Jellyfin /Videos/{id}/stream, Plex
// /library/parts/{id}/…/file): a part's local `file`, with Range as both servers answer it.

const CONTENT_TYPES: Record<string, string> = {
  ".mp4": "video/mp4",
  ".m4v": "video/mp4",
  ".mkv": "video/x-matroska",
  ".webm": "video/webm",
  ".ts": "video/mp2t",
  ".avi": "video/x-msvideo",
  ".mov": "video/quicktime",
};

/** The part's file as a reply, or null when the part has none to serve. */
export function partFileReply(part: FakePart | undefined): FakeFileReply | null {
  if (!part?.file) return null;
  const contentType = CONTENT_TYPES[path.extname(part.file).toLowerCase()] ?? "application/octet-stream";
  return { file: part.file, contentType };
}

export function isFileReply(reply: FakeReply | FakeFileReply): reply is FakeFileReply {
  return "file" in reply;
}

export async function sendFile(request: IncomingMessage, response: ServerResponse, reply: FakeFileReply) {
  const size = (await stat(reply.file)).size;
  const range = parseRange(request.headers.range, size);
  const base = { "Content-Type": reply.contentType, "Accept-Ranges": "bytes" };
  if (range.kind === "unsatisfiable") {
    response.writeHead(416, { ...base, "Content-Range": `bytes */${size}` });
    response.end();
    return;
  }
  const { start, end } = range.kind === "partial" ? range : { start: 0, end: size - 1 };
  response.writeHead(range.kind === "partial" ? 206 : 200, {
    ...base,
    "Content-Length": String(Math.max(0, end - start + 1)),
    ...(range.kind === "partial" ? { "Content-Range": `bytes ${start}-${end}/${size}` } : {}),
  });
  if (request.method === "HEAD" || end < start) {
    response.end();
    return;
  }
  const bytes = createReadStream(reply.file, { start, end });
  bytes.on("error", () => response.destroy());
  bytes.pipe(response);
}
