import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actAs } from "@/lib/testing/session";
import { GET, HEAD } from "@/app/api/v1/assets/[uuid]/media/route";
import { getDb } from "@/lib/db";
import { createAsset, createUser } from "@/lib/seed/factories";

// The media route on real files: ranges, whole files, and each refusal with its status.

const BYTES = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
let dir: string;
let mp4: string;

const request = (uuid: string, init: RequestInit = {}) =>
  [new Request(`http://localhost/api/v1/assets/${uuid}/media`, init), { params: Promise.resolve({ uuid }) }] as const;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-route-"));
  await writeFile(path.join(dir, "clip.mp4"), BYTES);
  const db = await getDb();
  mp4 = (await createAsset(db, { uri: path.join(dir, "clip.mp4"), container: "mp4", videoCodec: "h264", audioCodec: "aac" })).uuid;
  await actAs((await createUser(db, { role: "operator" })).uuid);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("GET /api/v1/assets/[uuid]/media", () => {
  it("sends the requested range with 206 and Content-Range", async () => {
    const response = await GET(...request(mp4, { headers: { range: "bytes=100-199" } }));
    expect(response.status).toBe(206);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      "accept-ranges": "bytes",
      "content-range": "bytes 100-199/1000",
      "content-length": "100",
      "content-type": "video/mp4",
      "cache-control": "private, no-store",
    });
    expect(Buffer.from(await response.arrayBuffer())).toEqual(BYTES.subarray(100, 200));
  });

  it("sends the whole file with 200 without a usable Range header", async () => {
    for (const range of [undefined, "bytes=0-9,20-29", "bytes=nonsense"]) {
      const response = await GET(...request(mp4, { headers: range ? { range } : {} }));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-length")).toBe("1000");
      expect(response.headers.has("content-range")).toBe(false);
      expect(Buffer.from(await response.arrayBuffer())).toEqual(BYTES);
    }
  });

  it("answers 416 with the file size for a range beyond the end", async () => {
    const response = await GET(...request(mp4, { headers: { range: "bytes=1000-" } }));
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe("bytes */1000");
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await HEAD(...request(mp4, { method: "HEAD", headers: { range: "bytes=-10" } }));
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe("bytes 990-999/1000");
    expect(response.body).toBeNull();
  });

  it("refuses formats browsers do not play with 415 and the reason", async () => {
    const { uuid } = await createAsset(await getDb(), { uri: path.join(dir, "clip.ts"), container: "mpegts", videoCodec: "mpeg2video", audioCodec: "ac3" });
    const response = await GET(...request(uuid));
    expect(response.status).toBe(415);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({ code: "unsupported_media", detail: "Browsers cannot play MPEG-TS with MPEG-2 video; open the file in a desktop player." });
  });

  it("answers 404 for a missing file and an unknown uuid, 400 for a malformed one", async () => {
    const uri = path.join(dir, "gone.mp4");
    const { uuid } = await createAsset(await getDb(), { uri, container: "mp4", videoCodec: "h264", audioCodec: "aac" });
    const missing = await GET(...request(uuid));
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: "not_found", detail: `The file is not readable at ${uri}` });

    const unknown = await GET(...request(randomUUID()));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "not_found", detail: "No asset has this uuid." });
    for (const malformed of ["42", "not-a-uuid"]) {
      const response = await GET(...request(malformed));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "invalid_input", errors: { uuid: ["must be a uuid"] } });
    }
  });
});
