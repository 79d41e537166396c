import { execFile } from "node:child_process";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { makeMediaFixtures } from "@/lib/testing/media-fixtures";

// The CLI as operators and scripts use it: a real process on an embedded database folder of its
// own (no PostgreSQL needed), its exit code, its --json summary and its error messages.

let work: string;
let media: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "asset-desk-cli-"));
  media = path.join(work, "media");
  const files = await makeMediaFixtures(path.join(work, "fixtures"));
  await import("node:fs/promises").then((fs) => fs.mkdir(media));
  await copyFile(files.mp4, path.join(media, "one.mp4"));
  await copyFile(files.webm, path.join(media, "two.webm"));
  await copyFile(files.corrupt, path.join(media, "three.mp4"));
}, 60_000);

afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ASSET_DESK_DATA_DIR: path.join(work, "db"), NODE_ENV: "production", LOG_LEVEL: "warn" };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, ["cli/asset-desk.js", ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

it("scans a folder, prints a JSON summary with the run's uuid, and a rescan finds nothing new", async () => {
  const first = await cli("scan", media, "--json");
  expect(first.code, first.stderr).toBe(0);
  const summary = JSON.parse(first.stdout) as { uuid: string; status: string; counts: Record<string, number>; errors: { path: string; error: string }[] };
  expect(summary.uuid).toMatch(/^[0-9a-f-]{36}$/);
  expect(summary).toMatchObject({ status: "succeeded", counts: { new: 2, failed: 1, missing: 0 } });
  expect(summary.errors).toEqual([{ path: path.join(media, "three.mp4"), error: expect.stringMatching(/invalid data/i) }]);
  expect(first.stdout).not.toMatch(/"id":\s*\d/);

  const again = await cli("scan", media, "--json");
  expect(again.code, again.stderr).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ counts: { new: 0, changed: 0, unchanged: 3 } });
}, 120_000);

it("exits non-zero with a clear message for a folder that does not exist", async () => {
  const result = await cli("scan", path.join(work, "nowhere"));
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(`Folder not found on the server: ${path.join(work, "nowhere")}`);
}, 120_000);

it("exits non-zero with the server named when a media server cannot be reached, still printing the failed run", async () => {
  const result = await cli("import", "plex", "--url", "http://127.0.0.1:9", "--token", "secret-token-value", "--json");
  expect(result.code).toBe(1);
  expect(JSON.parse(result.stdout)).toMatchObject({ status: "failed", error: expect.stringContaining("127.0.0.1:9") });
  expect(result.stdout + result.stderr).not.toContain("secret-token-value");
}, 120_000);
