import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { sampleLibraries, startFakeMediaServer, type FakeMediaServer } from "@/lib/testing/fake-media-server";
import { backoffMs, getJson, parseServerUrl, serverUrl } from "./http";
import { listJellyfinLibraries } from "./jellyfin";
import { listPlexLibraries, readPlex } from "./plex";
import type { ProviderConnection } from "./types";

const SECRET = "s3cret-token-value";
let server: FakeMediaServer;
let plex: ProviderConnection;

beforeEach(async () => {
  server = await startFakeMediaServer({ token: SECRET, libraries: sampleLibraries() });
  // A small backoff keeps the failure cases fast. The timeout stays generous: on a busy machine a
  // healthy request can take longer than a short one, and would be reported as a timeout.
  plex = { url: server.plexUrl, secret: SECRET, timeoutMs: 10_000, retries: 2, retryDelayMs: 1 };
});
afterEach(() => server.close());

describe("getJson failures", () => {
  it("reports a rejected token as unauthorized, once, without the secret", async () => {
    const error = await listPlexLibraries({ ...plex, secret: "wrong-token" }).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ code: "unauthorized", status: 401 });
    expect(String(error)).toContain("Plex rejected the token (HTTP 401)");
    expect(String(error)).not.toContain("wrong-token");
    expect(server.requests).toHaveLength(1);
  });

  it("says which server rejected the key", async () => {
    const jellyfin = { ...plex, url: server.jellyfinUrl, secret: "wrong-key" };

    await expect(listJellyfinLibraries(jellyfin)).rejects.toThrow("Jellyfin rejected the API key (HTTP 401)");
  });

  it("gives up with a timeout error after the retries when the server is too slow", async () => {
    server.inject({ kind: "delay", ms: 60_000 });

    await expect(listPlexLibraries({ ...plex, timeoutMs: 100 })).rejects.toMatchObject({
      code: "timeout",
      message: expect.stringMatching(/within 100 ms/),
    });
    expect(server.requests).toHaveLength(3);
  });

  it("retries transient 503s and then succeeds", async () => {
    server.inject({ kind: "status", status: 503, times: 2 });

    const libraries = await listPlexLibraries(plex);

    expect(libraries.map((library) => library.name)).toEqual(["Movies", "TV Shows", "Music"]);
    expect(server.requests).toHaveLength(3);
  });

  it("retries in the middle of a paged read without losing or repeating items", async () => {
    server.inject({ kind: "status", status: 502, times: 1, path: "/plex/library/sections/1/all" });

    const keys: string[] = [];
    for await (const page of readPlex({ ...plex, libraries: ["Movies"], pageSize: 3 }))
      keys.push(...page.items.map((item) => item.key));

    expect(new Set(keys)).toEqual(new Set(["101", "102", "103", "104", "105", "201", "202"]));
  });

  it("reports a transient status that persists as an http error with the status", async () => {
    server.inject({ kind: "status", status: 429 });

    await expect(listPlexLibraries(plex)).rejects.toMatchObject({ code: "http", status: 429 });
    expect(server.requests).toHaveLength(3);
  });

  it("does not retry other server errors", async () => {
    server.inject({ kind: "status", status: 500 });

    await expect(listPlexLibraries(plex)).rejects.toMatchObject({ code: "http", status: 500 });
    expect(server.requests).toHaveLength(1);
  });

  it("reports a missing path as not_found", async () => {
    const url = serverUrl(parseServerUrl("plex", plex.url), "/library/sections/99/all");
    const headers = { Accept: "application/json", "X-Plex-Token": SECRET };

    await expect(getJson(url, { ...plex, provider: "plex", schema: z.unknown(), headers })).rejects.toMatchObject({
      code: "not_found",
      status: 404,
    });
  });

  it("reports broken JSON and HTML pages as malformed, without retrying", async () => {
    server.inject({ kind: "malformed-json", times: 1 });
    await expect(listPlexLibraries(plex)).rejects.toMatchObject({
      code: "malformed",
      message: expect.stringContaining('Plex sent a reply that is not JSON: {"MediaContainer"'),
    });

    server.inject({ kind: "html", times: 1 });
    await expect(listJellyfinLibraries({ ...plex, url: server.jellyfinUrl })).rejects.toThrow(
      "Jellyfin sent a reply that is not JSON: <!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in</body></ht…",
    );
    expect(server.requests).toHaveLength(2);
  });

  it("reports JSON of the wrong shape as malformed, naming where", async () => {
    const url = serverUrl(parseServerUrl("jellyfin", server.jellyfinUrl), "/Library/VirtualFolders");
    const schema = z.looseObject({ Items: z.array(z.unknown()) });
    const headers = { Authorization: `MediaBrowser Token="${SECRET}"` };

    await expect(getJson(url, { ...plex, provider: "jellyfin", schema, headers })).rejects.toMatchObject({
      code: "malformed",
      message: expect.stringMatching(/^Jellyfin sent a reply of an unexpected shape: /),
    });
  });

  it("retries a connection closed without a reply, then reports the server unreachable", async () => {
    server.inject({ kind: "close" });

    const error = await listPlexLibraries(plex).catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      code: "unreachable",
      message: expect.stringContaining(`Cannot reach Plex at ${server.plexUrl}/library/sections`),
    });
    expect(server.requests).toHaveLength(3);
  });

  it("reports a refused connection as unreachable, naming the URL", async () => {
    const url = server.plexUrl;
    await server.close();

    await expect(listPlexLibraries({ ...plex, url })).rejects.toMatchObject({
      code: "unreachable",
      message: expect.stringContaining("ECONNREFUSED"),
    });
    server = await startFakeMediaServer();
  });

  it("stops at once when the caller aborts", async () => {
    server.inject({ kind: "delay", ms: 60_000 });
    const controller = new AbortController();
    const listing = listPlexLibraries({ ...plex, signal: controller.signal });
    // Abort once the server holds the request, whatever the machine's speed.
    await vi.waitFor(() => expect(server.requests).toHaveLength(1), { timeout: 30_000 });
    controller.abort(new Error("import cancelled"));

    await expect(listing).rejects.toThrow("import cancelled");
    expect(server.requests).toHaveLength(1);
  });
});

describe("server URLs", () => {
  it("accepts a base URL with or without a trailing slash, keeping its path", () => {
    expect(serverUrl(parseServerUrl("jellyfin", "http://nas:8096/jellyfin/"), "/Items", { Limit: "1" }).href).toBe(
      "http://nas:8096/jellyfin/Items?Limit=1",
    );
    expect(serverUrl(parseServerUrl("plex", "https://plex.local:32400"), "/library/sections").href).toBe(
      "https://plex.local:32400/library/sections",
    );
  });

  it("rejects a URL that is not http or https", () => {
    expect(() => parseServerUrl("plex", "ftp://plex.local")).toThrow(
      "The Plex URL must start with http:// or https:// (got ftp://)",
    );
    expect(() => parseServerUrl("jellyfin", "nas:8096")).toThrow(/must start with http/);
    expect(() => parseServerUrl("jellyfin", "not a url")).toThrow('The Jellyfin URL "not a url" is not a URL');
  });
});

describe("backoffMs", () => {
  it("grows exponentially with jitter, and waits at least as long as Retry-After asks", () => {
    for (let attempt = 0; attempt < 4; attempt++) {
      const delay = backoffMs(attempt, 100);
      expect(delay).toBeGreaterThanOrEqual((100 * 2 ** attempt) / 2);
      expect(delay).toBeLessThanOrEqual(100 * 2 ** attempt);
    }
    expect(backoffMs(0, 100, 2_000)).toBe(2_000);
    expect(backoffMs(20, 100)).toBeLessThanOrEqual(10_000);
  });
});
