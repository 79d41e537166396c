// Which bytes an HTTP Range header asks for. Pure and free of server-only imports, so the media
// route, the provider proxy's tests and the fake media server (which e2e may start outside Next)
// read ranges by one rule.

/** What to send for a Range header (RFC 9110 §14): `start`/`end` are inclusive byte offsets. */
export type RangeRequest =
  { kind: "whole" } | { kind: "partial"; start: number; end: number } | { kind: "unsatisfiable" };

/**
 * Reads a single `bytes=` range: `a-b`, `a-` and `-n` (the last n bytes). A header the server may
 * ignore is ignored, and the whole file is sent: a missing or malformed header, another unit, and
 * a list of several ranges (media elements ask for one at a time; multipart/byteranges is not worth
 * its weight here). A well-formed range that starts beyond the end of the file cannot be satisfied.
 */
export function parseRange(header: string | null | undefined, size: number): RangeRequest {
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header?.trim() ?? "");
  if (!match) return { kind: "whole" };
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return { kind: "whole" };
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return { kind: "whole" };
  if (start >= size) return { kind: "unsatisfiable" };
  return { kind: "partial", start, end: last === "" ? size - 1 : Math.min(Number(last), size - 1) };
}
