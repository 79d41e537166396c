import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeMediaServer, type FakeMediaServer } from "@/lib/testing/fake-media-server";
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

interface CliOptions {
  env?: Record<string, string>;
  /** Written to the command's standard input (closed either way, as in a script). */
  input?: string;
  dataDir?: string;
}

function cliWith(options: CliOptions, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ASSET_DESK_DATA_DIR: options.dataDir ?? path.join(work, "db"),
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    ...options.env,
  };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ["cli/asset-desk.js", ...args],
      { env, timeout: 120_000 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? "");
  });
}

const cli = (...args: string[]) => cliWith({}, ...args);

it("scans a folder, prints a JSON summary with the run's uuid, and a rescan finds nothing new", async () => {
  const first = await cli("scan", media, "--json");
  expect(first.code, first.stderr).toBe(0);
  const summary = JSON.parse(first.stdout) as {
    uuid: string;
    status: string;
    counts: Record<string, number>;
    errors: { path: string; error: string }[];
  };
  expect(summary.uuid).toMatch(/^[0-9a-f-]{36}$/);
  expect(summary).toMatchObject({ status: "succeeded", counts: { new: 2, failed: 1, missing: 0 } });
  expect(summary.errors).toEqual([
    { path: path.join(media, "three.mp4"), error: expect.stringMatching(/invalid data/i) },
  ]);
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
  const result = await cliWith(
    { env: { ASSET_DESK_PLEX_TOKEN: "secret-token-value" } },
    "import",
    "plex",
    "--url",
    "http://127.0.0.1:9",
    "--json",
  );
  expect(result.code).toBe(1);
  expect(JSON.parse(result.stdout)).toMatchObject({ status: "failed", error: expect.stringContaining("127.0.0.1:9") });
  expect(result.stdout + result.stderr).not.toContain("secret-token-value");
}, 120_000);

describe("a media server's secret", () => {
  const TOKEN = "plex-cli-token-4242";
  let server: FakeMediaServer;

  beforeAll(async () => {
    server = await startFakeMediaServer({ token: TOKEN, libraries: [] });
  });

  afterAll(async () => {
    await server?.close();
  });

  it("is taken from ASSET_DESK_PLEX_TOKEN / ASSET_DESK_JELLYFIN_API_KEY", async () => {
    const plex = await cliWith(
      { env: { ASSET_DESK_PLEX_TOKEN: TOKEN } },
      "import",
      "plex",
      "--url",
      server.plexUrl,
      "--json",
    );
    expect(plex.code, plex.stderr).toBe(0);
    expect(JSON.parse(plex.stdout)).toMatchObject({ status: "succeeded" });
    const jellyfin = await cliWith(
      { env: { ASSET_DESK_JELLYFIN_API_KEY: TOKEN } },
      "import",
      "jellyfin",
      "--url",
      server.jellyfinUrl,
      "--json",
    );
    expect(jellyfin.code, jellyfin.stderr).toBe(0);
    expect(server.requests.at(-1)?.headers.authorization).toContain(TOKEN);
  }, 120_000);

  it("is read from standard input when the variable is not set", async () => {
    const result = await cliWith({ input: `${TOKEN}\n` }, "import", "plex", "--url", server.plexUrl, "--json");
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: "succeeded" });
    expect(server.requests.at(-1)?.headers["x-plex-token"]).toBe(TOKEN);
    expect(result.stdout + result.stderr).not.toContain(TOKEN);

    const none = await cliWith({}, "import", "plex", "--url", server.plexUrl);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain("No Plex token given: set ASSET_DESK_PLEX_TOKEN, or pass it on standard input");
  }, 120_000);

  it("is refused on the command line, before any process or database sees it", async () => {
    const dataDir = path.join(work, "untouched");
    const requests = server.requests.length;
    for (const args of [
      ["--token", "argv-token-1111"],
      ["--token=argv-token-1111"],
      ["--api-key", "argv-token-1111"],
    ]) {
      const kind = args[0]!.startsWith("--token") ? "plex" : "jellyfin";
      const result = await cliWith({ dataDir }, "import", kind, "--url", server.plexUrl, ...args);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(
        /is refused: a secret on the command line can be read by every user of this machine/,
      );
      expect(result.stderr).toContain(kind === "plex" ? "ASSET_DESK_PLEX_TOKEN" : "ASSET_DESK_JELLYFIN_API_KEY");
      expect(result.stdout + result.stderr).not.toContain("argv-token-1111");
    }
    // Refused by the first process: no database was opened, no server was asked.
    expect(existsSync(dataDir)).toBe(false);
    expect(server.requests.length).toBe(requests);
  }, 120_000);
});
