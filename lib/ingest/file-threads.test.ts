import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { hashFile } from "@/lib/ingest/file-threads";

it("hashes a file larger than one read chunk like a one-shot sha256", async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-hash-"));
  try {
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
    await writeFile(path.join(dir, "f.bin"), bytes);
    expect(await hashFile(path.join(dir, "f.bin"))).toBe(createHash("sha256").update(bytes).digest("hex"));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
