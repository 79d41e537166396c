import "server-only";
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";

const CHUNK = 1024 * 1024;

/**
 * sha256 of a file as lower-case hex, read in 1 MiB chunks into one reused buffer: large reads hash
 * about twice as fast as 64 KiB ones, and a fresh Buffer per chunk cost more CPU than the digest
 * itself (docs/benchmarks.md, "Where the time goes").
 */
export async function hashFile(file: string): Promise<string> {
  const hash = createHash("sha256");
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await handle.close();
  }
  return hash.digest("hex");
}
