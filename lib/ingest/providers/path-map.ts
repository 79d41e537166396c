import { KnownError } from "@/lib/errors";

/** Rewrites a path as a media server sees it (`from`) into the path this machine sees (`to`). */
export interface PathMap {
  from: string;
  to: string;
}

// A drive letter (D:\ or D:/) or a UNC share (\\server\share): a path from a Windows server.
const WINDOWS_PATH = /^(?:[A-Za-z]:[\\/]|\\\\)/;

/**
 * The path with the longest matching `from` prefix replaced by its `to`; unchanged when none
 * matches. A prefix matches whole path segments only, so `/media` does not match `/media2/x`.
 * Windows paths match case-insensitively with either slash, and come out with forward slashes.
 */
export function applyPathMaps(path: string, maps: PathMap[]): string {
  const target = comparable(path);
  let best: { prefix: string; to: string } | undefined;
  for (const map of maps) {
    const from = comparable(map.from);
    const prefix = trimTrailingSeparators(from.text);
    if (from.windows !== target.windows || !hasSegmentPrefix(target.text, prefix, target.windows)) continue;
    if (!best || prefix.length > best.prefix.length) best = { prefix, to: map.to };
  }
  if (!best) return path;
  return trimTrailingSeparators(best.to) + target.text.slice(best.prefix.length);
}

/** "FROM=TO" from the command line; split on the first `=`, so FROM may not hold one. */
export function parsePathMap(text: string): PathMap {
  const at = text.indexOf("=");
  const from = at === -1 ? "" : text.slice(0, at).trim();
  const to = at === -1 ? "" : text.slice(at + 1).trim();
  if (!from || !to) {
    throw new KnownError("invalid", `A path map reads FROM=TO, like /data/media=/mnt/media; got "${text}"`);
  }
  return { from, to };
}

function comparable(path: string): { windows: boolean; text: string } {
  const windows = WINDOWS_PATH.test(path);
  const text = windows ? path.replaceAll("\\", "/") : path;
  return { windows, text };
}

/** `prefix` (without a trailing separator) is `text` or a run of `text`'s leading segments. */
function hasSegmentPrefix(text: string, prefix: string, ignoreCase: boolean): boolean {
  const head = text.slice(0, prefix.length);
  const same = ignoreCase ? head.localeCompare(prefix, undefined, { sensitivity: "accent" }) === 0 : head === prefix;
  return same && (text.length === prefix.length || text[prefix.length] === "/");
}

function trimTrailingSeparators(path: string): string {
  return path.replace(/[\\/]+$/, "");
}
