import { execFile, execFileSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { fakeMovie, startFakeMediaServer, type FakeMediaServer } from "../lib/testing/fake-media-server";
import { expect, test } from "./fixtures";

// An asset only a Jellyfin server can reach (no path map leads to its file) previews through that
// server: the desk's ffmpeg reads the fake server's stream endpoint (with the API key in a header)
// and transcodes it; the browser never sees the server or its key. When the page closes, the
// ffmpeg process ends.

const FFMPEG = process.env.FFMPEG_PATH || "/usr/bin/ffmpeg";
const MINUTES = 10;
const run = promisify(execFile);
let work: string;
let server: FakeMediaServer;
const apiKey = `key-${randomBytes(12).toString("hex")}`;

test.beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), "asset-desk-e2e-provider-"));
  const file = path.join(work, "broadcast.ts");
  // Long enough that no encoder gets through it while the test watches.
  await run(FFMPEG, [
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    `testsrc2=size=320x240:rate=25:duration=${MINUTES * 60}`,
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=440:duration=${MINUTES * 60}`,
    "-c:v",
    "mpeg2video",
    "-c:a",
    "mp2",
    "-f",
    "mpegts",
    file,
  ]);
  server = await startFakeMediaServer({
    token: apiKey,
    libraries: [
      {
        key: "1",
        name: "Broadcast",
        type: "movie",
        items: [
          fakeMovie({
            key: "7001",
            title: "Evening news",
            // The server's own path: nothing on the desk's machine is there, and no path map leads to it.
            path: "/srv/jellyfin/Broadcast/evening-news.ts",
            file,
            size: (await stat(file)).size,
            durationMs: MINUTES * 60_000,
            container: "mpegts",
            videoCodec: "mpeg2video",
            audioCodec: "mp2",
          }),
        ],
      },
    ],
  });
});

test.afterAll(async () => {
  await server?.close();
  await rm(work, { recursive: true, force: true });
});

/** The server's ffmpeg processes working on this asset (their cache folder is named after its uuid). */
function encodersOf(uuid: string): string[] {
  return execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })
    .split("\n")
    .filter((line) => line.includes("ffmpeg") && line.includes(uuid));
}

test("a Jellyfin-only asset plays through the desk from its first frame and from 75 %, and its ffmpeg ends when the page closes", async ({
  page,
  loginAs,
}) => {
  await loginAs("admin");
  const name = `Jellyfin ${randomUUID().slice(0, 8)}`;
  await page.goto("/sources");
  const form = page.getByRole("form", { name: "Add source" });
  await form.getByRole("radio", { name: "Jellyfin" }).check();
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Server URL").fill(server.jellyfinUrl);
  await form.getByLabel("API key").fill(apiKey);
  await form.getByRole("button", { name: "Add source" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Source added." })).toBeVisible();
  await page.getByRole("button", { name: `Scan ${name}` }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("succeeded", { timeout: 60_000 });

  const seen: string[] = [];
  page.on("request", (request) => seen.push(`${request.url()} ${JSON.stringify(request.headers())}`));
  await page.goto("/assets?q=evening-news");
  await page.getByRole("link", { name: "evening-news.ts", exact: true }).first().click();
  const uuid = (await page.getByTestId("asset-uuid").textContent()) ?? "";
  await expect(page.getByTestId("preview-mode")).toHaveText(
    `transcoded: MPEG-2/MP2 in MPEG-TS, from Jellyfin server “${name}”`,
  );
  const video = page.getByRole("region", { name: "Preview" }).getByLabel("Media preview");
  const state = () =>
    video.evaluate((element: HTMLVideoElement) => ({
      readyState: element.readyState,
      currentTime: element.currentTime,
      duration: element.duration,
    }));

  await expect.poll(async () => (await state()).readyState).toBeGreaterThanOrEqual(2);
  await video.evaluate((element: HTMLVideoElement) => {
    element.muted = true;
    return element.play();
  });
  await expect.poll(async () => (await state()).currentTime).toBeGreaterThan(0.5);
  expect((await state()).duration).toBeCloseTo(MINUTES * 60, 0);

  const target = MINUTES * 60 * 0.75;
  await video.evaluate((element: HTMLVideoElement, time) => {
    element.currentTime = time;
  }, target);
  await expect.poll(async () => (await state()).currentTime).toBeGreaterThan(target + 0.5);
  expect((await state()).readyState).toBeGreaterThanOrEqual(2);

  // The fake server was asked for the file's bytes with the key in a header; the browser never saw the key.
  expect(server.requests.some((request) => request.path.startsWith("/jellyfin/Videos/7001/stream"))).toBe(true);
  expect(seen.filter((line) => line.includes(apiKey) || line.includes(server.url))).toEqual([]);

  // Leave the page while its ffmpeg works: it ends within 10 s.
  await video.evaluate((element: HTMLVideoElement) => {
    element.currentTime = element.duration * 0.4;
  });
  await expect.poll(() => encodersOf(uuid).length).toBeGreaterThan(0);
  await page.close();
  await expect.poll(() => encodersOf(uuid), { timeout: 10_000 }).toEqual([]);
});
