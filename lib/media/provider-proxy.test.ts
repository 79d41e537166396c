import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { proxyProviderMedia } from "@/lib/media/provider-proxy";
import type { ProviderInput } from "@/lib/media/resolve-input";
import { fakeMovie, startFakeMediaServer, type FakeMediaServer } from "@/lib/testing/fake-media-server";
import { makeMediaFixtures } from "@/lib/testing/media-fixtures";

// Direct play through a media server: the desk's answer to the browser, against the fake
// Jellyfin server over real sockets serving a real media file.

// Short enough for the slow-server test, long enough for the fake server's answers on a busy
// machine (at 300 ms, loaded runs timed out on ordinary requests).
vi.hoisted(() => {
  process.env.PROVIDER_TIMEOUT_MS = "3000";
});

const TOKEN = "proxy-token-0123456789";
const HEADERS_SENT = ["accept-ranges", "cache-control", "content-length", "content-range", "content-type"];
let server: FakeMediaServer;
let temp: string;
let clip: Buffer;
let input: ProviderInput;

beforeAll(async () => {
  temp = await mkdtemp(path.join(os.tmpdir(), "asset-desk-proxy-"));
  const fixtures = await makeMediaFixtures(temp);
  clip = await readFile(fixtures.mp4);
  server = await startFakeMediaServer({
    token: TOKEN,
    libraries: [
      {
        key: "1",
        name: "Movies",
        type: "movie",
        items: [fakeMovie({ key: "102", title: "Remote", path: "/srv/remote.mp4", file: fixtures.mp4 })],
      },
    ],
  });
  input = {
    kind: "provider",
    provider: "jellyfin",
    url: `${server.jellyfinUrl}/Videos/102/stream?static=true`,
    headers: { Authorization: `MediaBrowser Token="${TOKEN}"` },
    source: { uuid: "6f1c2a9e-0b7d-4c55-9a51-3d2f1e0c8b47", name: "Living room" },
  };
}, 60_000);

afterEach(() => {
  server.state.faults.length = 0;
});

afterAll(async () => {
  await server?.close();
  await rm(temp, { recursive: true, force: true });
});

const browser = (headers: Record<string, string> = {}, method = "GET") =>
  new Request("http://desk.test/api/v1/assets/x/media", { method, headers });

async function problemOf(response: Response) {
  const text = await response.text();
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(server.url.replace("http://", ""));
  return JSON.parse(text) as { code: string; detail: string };
}

describe("proxyProviderMedia", () => {
  it("passes a Range on and answers 206 with exactly those bytes and only its own headers", async () => {
    const seen = server.requests.length;
    const response = await proxyProviderMedia(
      input,
      browser({ range: "bytes=100-1099" }),
      new AbortController().signal,
    );
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 100-1099/${clip.length}`);
    expect(response.headers.get("content-type")).toBe("video/mp4");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect([...response.headers.keys()].filter((name) => !HEADERS_SENT.includes(name))).toEqual([]);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(clip.subarray(100, 1100));
    expect(server.requests.slice(seen)).toMatchObject([
      { method: "GET", headers: { range: "bytes=100-1099", authorization: `MediaBrowser Token="${TOKEN}"` } },
    ]);
  });

  it("sends the whole file with 200 without a Range, and only the head for HEAD", async () => {
    const whole = await proxyProviderMedia(input, browser(), new AbortController().signal);
    expect(whole.status).toBe(200);
    expect(Buffer.from(await whole.arrayBuffer())).toEqual(clip);
    const head = await proxyProviderMedia(input, browser({}, "HEAD"), new AbortController().signal);
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe(String(clip.length));
    expect(head.body).toBeNull();
  });

  it("answers 416 with the file's size for a Range past its end", async () => {
    const response = await proxyProviderMedia(
      input,
      browser({ range: `bytes=${clip.length}-` }),
      new AbortController().signal,
    );
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${clip.length}`);
    expect(await problemOf(response)).toMatchObject({ code: "range_not_satisfiable" });
  });

  it("answers 502 naming the source, never its address or token, when the server is down", async () => {
    server.inject({ kind: "close", times: 1 });
    const response = await proxyProviderMedia(input, browser({ range: "bytes=0-" }), new AbortController().signal);
    expect(response.status).toBe(502);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await problemOf(response)).toMatchObject({
      code: "provider_unreachable",
      detail: expect.stringMatching(/^Jellyfin server “Living room” cannot be reached/),
    });
  });

  it("answers 502 when the server is slower than PROVIDER_TIMEOUT_MS, or refuses the key", async () => {
    server.inject({ kind: "delay", ms: 10_000, times: 1 });
    const slow = await proxyProviderMedia(input, browser(), new AbortController().signal);
    expect(await problemOf(slow)).toMatchObject({
      code: "provider_unreachable",
      detail: expect.stringContaining("“Living room” did not answer within 3000 ms"),
    });
    const refused = await proxyProviderMedia(
      { ...input, headers: { Authorization: 'MediaBrowser Token="stale"' } },
      browser(),
      new AbortController().signal,
    );
    expect(refused.status).toBe(502);
    expect(await problemOf(refused)).toMatchObject({ detail: expect.stringContaining("refused the desk's token") });
  });

  it("ends the upstream read when the browser goes away", async () => {
    const browserGone = new AbortController();
    const response = await proxyProviderMedia(input, browser(), browserGone.signal);
    const reader = response.body!.getReader();
    browserGone.abort();
    await expect(reader.read()).rejects.toThrow();
    await expect(proxyProviderMedia(input, browser(), browserGone.signal)).rejects.toThrow();
  });
});
