import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createFileThreads, hashFile, statFiles } from "@/lib/ingest/file-threads";

const exec = promisify(execFile);
let dir: string;
let big: string;
let bytes: Buffer;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-threads-"));
  bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 7);
  big = path.join(dir, "f.bin");
  await writeFile(big, bytes);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const sha256sum = async (file: string) => (await exec("sha256sum", [file])).stdout.split(" ")[0];

it("hashes a file larger than one read chunk as sha256sum does", async () => {
  expect(await hashFile(big)).toBe(createHash("sha256").update(bytes).digest("hex"));
  expect(await hashFile(big)).toBe(await sha256sum(big));
});

it("hashes many files at once, each with its own digest", async () => {
  const files = await Promise.all(
    Array.from({ length: 12 }, async (_, i) => {
      const file = path.join(dir, `n${i}.bin`);
      await writeFile(file, Buffer.alloc(100_000 + i, i));
      return file;
    }),
  );
  const ours = await Promise.all(files.map(hashFile));
  expect(ours).toEqual(await Promise.all(files.map(sha256sum)));
});

it("rejects a file it cannot read with the system's code, and goes on", async () => {
  await expect(hashFile(path.join(dir, "gone.bin"))).rejects.toMatchObject({ code: "ENOENT" });
  expect(await hashFile(big)).toBe(await sha256sum(big));
});

it("stats a folder's files in one go, in order, with an error for the one that is not there", async () => {
  const stats = await statFiles([big, path.join(dir, "gone.bin")]);
  expect(stats[0]).toMatchObject({ size: bytes.length, mtimeMs: expect.any(Number) });
  expect(stats[1]!.error).toMatch(/ENOENT/);
});

it("fails only the file a thread held when the thread dies, and hashes the next on a new thread", async () => {
  const threads = createFileThreads(1);
  const huge = path.join(dir, "huge.bin");
  await writeFile(huge, Buffer.alloc(64 * 1024 * 1024, 1));
  try {
    // The thread is still starting when it is stopped: it dies holding the file, as a crash would.
    const held = threads.hash(huge);
    const [thread] = threads.workers();
    await thread!.terminate();
    await expect(held).rejects.toMatchObject({ code: "ETHREADLOST" });
    expect(await threads.hash(big)).toBe(await sha256sum(big));
  } finally {
    await threads.close();
  }
});
