import "server-only";
import type { Dirent, Stats } from "node:fs";
import { open, readdir, realpath, stat } from "node:fs/promises";
import path from "node:path";
import { insideMediaRoots, type MediaRoots } from "@/lib/assets/media-roots";
import { statFiles } from "@/lib/ingest/file-threads";
import { isMediaCandidate, needsSniff, SNIFF_BYTES } from "@/lib/ingest/media-kind";

/** What a walk reports. Hidden files and folders (name starting with ".") are not reported at all. */
export type WalkEntry =
  /** A media candidate (see media-kind.ts); the path is absolute and normalized. */
  | { kind: "file"; path: string; size: number; mtimeMs: number }
  /** A file its name or first bytes show is not media (subtitles, artwork, text, code): counted, not probed. */
  | { kind: "skipped"; path: string }
  /** A folder that could not be listed, a broken link, a file that could not be sniffed; the walk goes on. */
  | { kind: "error"; path: string; message: string };

type Found = WalkEntry | { kind: "folder"; path: string; linked: boolean };

// Several folders and many stats in flight keep libuv's thread pool busy: a library is mostly
// small folders (one film, its poster, its subtitles), where one folder at a time would crawl.
const FOLDERS_AT_ONCE = 8;
const STATS_AT_ONCE = 64;

/**
 * Walks the folders for media files, following links without looping (a folder is read once,
 * by device and inode) and only where they lead inside the roots walked: a link out of a share
 * (to /etc, to the desk's own data) is reported as an error, never hashed or probed, just as the
 * media route would refuse to serve it. Throws before yielding anything when a root is missing or
 * not a folder.
 */
export async function* walkMedia(roots: string[], options: { signal?: AbortSignal } = {}): AsyncGenerator<WalkEntry> {
  const real = await Promise.all(roots.map(checkRoot));
  const within: MediaRoots = { real: await Promise.all(real.map((root) => realpath(root))) };
  // Linked folders wait until every real folder is read, so a folder reachable both ways is
  // reported under its real path.
  const linked: string[] = [];
  const visited = new Set<string>();
  const running = new Map<number, Promise<{ id: number; found: Found[] }>>();
  for (let nextId = 0; ;) {
    options.signal?.throwIfAborted();
    while (running.size < FOLDERS_AT_ONCE) {
      const folder = real.pop() ?? (running.size === 0 ? linked.pop() : undefined);
      if (folder === undefined) break;
      const id = nextId++;
      running.set(
        id,
        readFolder(folder, visited, within).then((found) => ({ id, found })),
      );
    }
    if (running.size === 0) return;
    const { id, found } = await Promise.race(running.values());
    running.delete(id);
    for (const item of found) {
      if (item.kind === "folder") (item.linked ? linked : real).push(item.path);
      else yield item;
    }
  }
}

async function checkRoot(root: string): Promise<string> {
  const folder = path.resolve(root);
  const info = await stat(folder).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT" || error.code === "ENOTDIR") return null;
    throw new Error(`Cannot read folder ${folder}: ${error.message}`, { cause: error });
  });
  if (!info) throw new Error(`Folder not found: ${folder}`);
  if (!info.isDirectory()) throw new Error(`Not a folder: ${folder}`);
  return folder;
}

// Never rejects: a walk left early must not leave a rejected promise behind.
async function readFolder(folder: string, visited: Set<string>, within: MediaRoots): Promise<Found[]> {
  let entries: Dirent[];
  try {
    const info = await stat(folder);
    const key = `${info.dev}:${info.ino}`;
    if (visited.has(key)) return [];
    visited.add(key);
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    return [{ kind: "error", path: folder, message: messageOf(error) }];
  }
  const visible = entries.filter((entry) => !entry.name.startsWith("."));
  // Plain files whose name shows media are stat-ed together on a file thread; links, folders and
  // files to sniff one by one.
  const plain = visible.filter((entry) => entry.isFile() && !needsSniff(entry.name) && isMediaCandidate(entry.name));
  const others = visible.filter((entry) => !plain.includes(entry));
  const found: Found[] = [];
  const files = plain.map((entry) => path.join(folder, entry.name));
  for (let start = 0; start < files.length; start += STATS_AT_ONCE) {
    const chunk = files.slice(start, start + STATS_AT_ONCE);
    const stats = await statFiles(chunk).catch((error: unknown) => chunk.map(() => ({ error: messageOf(error) })));
    stats.forEach((info, i) =>
      found.push(
        info.error === undefined
          ? { kind: "file", path: chunk[i]!, size: info.size, mtimeMs: info.mtimeMs }
          : { kind: "error", path: chunk[i]!, message: info.error },
      ),
    );
  }
  for (let start = 0; start < others.length; start += STATS_AT_ONCE) {
    const chunk = others.slice(start, start + STATS_AT_ONCE);
    for (const item of await Promise.all(
      chunk.map((entry) => visitEntry(path.join(folder, entry.name), entry, within)),
    )) {
      if (item) found.push(item);
    }
  }
  return found;
}

async function visitEntry(file: string, entry: Dirent, within: MediaRoots): Promise<Found | null> {
  try {
    if (entry.isDirectory()) return { kind: "folder", path: file, linked: false };
    let info: Stats | undefined;
    if (entry.isSymbolicLink()) {
      const target = await realpath(file);
      if (!within.real.includes(target) && !insideMediaRoots(target, within))
        return { kind: "error", path: file, message: LINK_OUTSIDE };
      info = await stat(file);
      if (info.isDirectory()) return { kind: "folder", path: file, linked: true };
      if (!info.isFile()) return null;
    } else if (!entry.isFile()) {
      return null; // sockets, pipes, devices
    }
    const head = needsSniff(file) ? await readHead(file) : undefined;
    if (!isMediaCandidate(file, head)) return { kind: "skipped", path: file };
    info ??= await stat(file);
    return { kind: "file", path: file, size: info.size, mtimeMs: info.mtimeMs };
  } catch (error) {
    return { kind: "error", path: file, message: messageOf(error) };
  }
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(SNIFF_BYTES), 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const LINK_OUTSIDE = "The link leads outside the source's folders, so it is not followed.";

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
