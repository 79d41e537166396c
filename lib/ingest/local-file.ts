import "server-only";
import { stat } from "node:fs/promises";
import { hashFile } from "@/lib/ingest/hash";
import { ProbeError, probeFile } from "@/lib/ingest/probe";
import { fileTime, type Content } from "@/lib/ingest/plan";

/** Hashes and probes a file on this machine. A file ffprobe cannot read is still recorded (with the error); one that cannot be opened is not. */
export async function readLocalFile(file: string, size: number, mtimeMs: number): Promise<Content> {
  let hashSha256: string;
  try {
    hashSha256 = await hashFile(file);
  } catch (error) {
    return {
      kind: "unreadable",
      error: `Could not read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    };
  }
  const read = { kind: "read" as const, size, mtime: fileTime(mtimeMs), hashSha256 };
  try {
    const { durationMs, videoCodec, audioCodec, container, full } = await probeFile(file);
    return { ...read, probeError: null, durationMs, videoCodec, audioCodec, container, probe: full };
  } catch (error) {
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

/** Runs `work` over the items with at most `limit` at once (hashing is I/O and CPU, probing a child process). */
export async function eachLimited<T>(
  items: Iterable<T>,
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const iterator = items[Symbol.iterator]();
  const worker = async () => {
    for (let next = iterator.next(); !next.done; next = iterator.next()) await work(next.value);
  };
  await Promise.all(Array.from({ length: limit }, worker));
}
