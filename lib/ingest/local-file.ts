import "server-only";
import { stat } from "node:fs/promises";
import { hashFile } from "@/lib/ingest/file-threads";
import { ProbeError, probeFile } from "@/lib/ingest/probe";
import { fileTime, type Content } from "@/lib/ingest/plan";

/**
 * Hashes and probes a file on this machine, both at once (a hashing thread and the ffprobe helper).
 * A file ffprobe cannot read is still recorded (with the error); one that cannot be opened, or
 * whose hashing thread died, is not, and the caller goes on with the next file.
 */
export async function readLocalFile(file: string, size: number, mtimeMs: number): Promise<Content> {
  const [hashed, probed] = await Promise.allSettled([hashFile(file), probeFile(file)]);
  if (hashed.status === "rejected") {
    const error = hashed.reason as NodeJS.ErrnoException;
    return {
      kind: "unreadable",
      error: `Could not read ${file}: ${error.code === "ETHREADLOST" ? error.message : (error.code ?? error.message)}`,
    };
  }
  const read = { kind: "read" as const, size, mtime: fileTime(mtimeMs), hashSha256: hashed.value };
  if (probed.status === "fulfilled") {
    const { durationMs, videoCodec, audioCodec, container, full } = probed.value;
    return { ...read, probeError: null, durationMs, videoCodec, audioCodec, container, probe: full };
  }
  const error = probed.reason as unknown;
  if (!(error instanceof ProbeError)) throw error;
  if (error.code === "unreadable") return { kind: "unreadable", error: error.message };
  return {
    ...read,
    probeError: error.message,
    probe: null,
    durationMs: null,
    videoCodec: null,
    audioCodec: null,
    container: null,
  };
}

/** Size and modification time of a local file, or null when it is not reachable from here. */
export async function statLocal(file: string): Promise<{ size: number; mtimeMs: number } | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? { size: info.size, mtimeMs: info.mtimeMs } : null;
  } catch {
    return null;
  }
}

/**
 * Runs `work` over the items with at most `limit` at once (hashing is I/O and CPU, probing a child
 * process). The items may come from an async iterator (a walk): they are pulled as work frees up.
 */
export async function eachLimited<T>(
  items: Iterable<T> | AsyncIterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = Symbol.asyncIterator in items ? items[Symbol.asyncIterator]() : items[Symbol.iterator]();
  const worker = async () => {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) await work(next.value);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}
