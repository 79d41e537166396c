import { mkdir, readdir, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { cacheDir, evictLeastRecentlyUsed } from "@/lib/media/cache";

// The cache keeps each kind under its cap by removing the least recently used entries first, and
// never one that is in use.

it("removes the least recently used entries until the kind fits its cap, keeping those in use", async () => {
  const root = cacheDir("preview");
  const entries = ["oldest", "in-use", "old", "recent"];
  for (const [index, name] of entries.entries()) {
    const dir = path.join(root, name);
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "0.ts"), Buffer.alloc(100_000));
    // Used an hour apart, oldest first.
    const usedAt = new Date(Date.now() - (entries.length - index) * 3_600_000);
    await utimes(dir, usedAt, usedAt);
  }

  // 400,000 bytes in all; a cap of 250,000 needs two entries gone: the oldest, then — the second
  // oldest being in use — the third.
  const result = await evictLeastRecentlyUsed("preview", { capBytes: 250_000, inUse: new Set(["in-use"]) });
  expect(result).toEqual({ removed: 2, bytes: 200_000, totalBytes: 200_000 });
  expect((await readdir(root)).sort()).toEqual(["in-use", "recent"]);

  // Under the cap: nothing goes.
  expect(await evictLeastRecentlyUsed("preview", { capBytes: 250_000 })).toMatchObject({ removed: 0 });
});
