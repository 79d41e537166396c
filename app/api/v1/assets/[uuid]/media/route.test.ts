import { randomUUID } from "node:crypto";
import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actAs } from "@/lib/testing/session";
import { GET, HEAD } from "@/app/api/v1/assets/[uuid]/media/route";
import { getDb } from "@/lib/db";
import { createAsset, createUser } from "@/lib/seed/factories";

// The media route on real files: ranges, whole files, and each refusal with its status. `dir` is
// the folder of a filesystem source; `outside` is a folder no source names, holding a "secret".

const BYTES = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
const SECRET = "root:x:0:0:not for the browser\n";
let dir: string;
let outside: string;
let mp4: string;
const users = {} as Record<"operator" | "editor" | "admin", string>;
const playable = { container: "mp4", videoCodec: "h264", audioCodec: "aac" } as const;

const request = (uuid: string, init: RequestInit = {}) =>
  [new Request(`http://localhost/api/v1/assets/${uuid}/media`, init), { params: Promise.resolve({ uuid }) }] as const;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-route-"));
  outside = await mkdtemp(path.join(os.tmpdir(), "asset-desk-outside-"));
  await writeFile(path.join(dir, "clip.mp4"), BYTES);
  await writeFile(path.join(outside, "secret.mp4"), SECRET);
  const db = await getDb();
  await db.source.create({ data: { kind: "filesystem", name: `route ${randomUUID()}`, roots: [dir] } });
  mp4 = (await createAsset(db, { uri: path.join(dir, "clip.mp4"), ...playable })).uuid;
  for (const role of ["operator", "editor", "admin"] as const) users[role] = (await createUser(db, { role })).uuid;
  await actAs(users.operator);
});
afterAll(() => Promise.all([rm(dir, { recursive: true, force: true }), rm(outside, { recursive: true, force: true })]));

/** Expects the 404 a file the desk must not serve gets: no bytes, and no path in the answer. */
async function expectRefused(response: Response, ...paths: string[]) {
  expect(response.status).toBe(404);
  const text = await response.text();
  expect(JSON.parse(text)).toMatchObject({ code: "not_found" });
  expect(text).not.toContain(SECRET.trim());
  for (const file of paths) expect(text).not.toContain(file);
}

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

  it("refuses a format browsers do not play as it is with 415, saying how it previews instead", async () => {
    await writeFile(path.join(dir, "clip.ts"), BYTES);
    const { uuid } = await createAsset(await getDb(), {
      uri: path.join(dir, "clip.ts"),
      container: "mpegts",
      videoCodec: "mpeg2video",
      audioCodec: "ac3",
    });
    const response = await GET(...request(uuid));
    expect(response.status).toBe(415);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toMatchObject({
      code: "unsupported_media",
      detail: "Browsers cannot play this file as it is; its preview is transcoded: MPEG-2/AC-3 in MPEG-TS.",
    });
  });

  it("answers 404 for a missing file without naming its path, for an unknown uuid, and 400 for a malformed one", async () => {
    const uri = path.join(dir, "gone.mp4");
    const { uuid } = await createAsset(await getDb(), { uri, ...playable });
    const missing = await GET(...request(uuid));
    await expectRefused(missing, uri, dir);

    const unknown = await GET(...request(randomUUID()));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "not_found", detail: "No asset has this uuid." });
    for (const malformed of ["42", "not-a-uuid"]) {
      const response = await GET(...request(malformed));
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ code: "invalid_input", errors: { uuid: ["must be a uuid"] } });
    }
  });

  it("refuses a file outside every source's folder: /etc/passwd named by an asset, as a path or a file:// URI", async () => {
    const db = await getDb();
    for (const uri of [
      "/etc/passwd",
      "file:///etc/passwd",
      path.join(dir, "..", path.basename(outside), "secret.mp4"),
    ]) {
      // Forced into the database as an edit used to allow: container and codecs that pass for MP4.
      const { uuid } = await createAsset(db, { uri, ...playable });
      await expectRefused(await GET(...request(uuid)), uri, "/etc/passwd", outside);
      await expectRefused(await HEAD(...request(uuid, { method: "HEAD" })), uri);
    }
  });

  it("refuses a symlink inside a source's folder that leads outside it, and serves one that stays inside", async () => {
    const db = await getDb();
    const escape = path.join(dir, "escape.mp4");
    await symlink(path.join(outside, "secret.mp4"), escape);
    await mkdir(path.join(dir, "linked"));
    await symlink(outside, path.join(dir, "linked", "folder"));
    for (const uri of [escape, path.join(dir, "linked", "folder", "secret.mp4")]) {
      const { uuid } = await createAsset(db, { uri, ...playable });
      await expectRefused(await GET(...request(uuid, { headers: { range: "bytes=0-9" } })), uri, outside);
    }
    const inside = path.join(dir, "alias.mp4");
    await symlink("clip.mp4", inside);
    const { uuid } = await createAsset(db, { uri: inside, ...playable });
    const response = await GET(...request(uuid, { headers: { range: "bytes=0-9" } }));
    expect(response.status).toBe(206);
    expect(Buffer.from(await response.arrayBuffer())).toEqual(BYTES.subarray(0, 10));
  });

  it("serves files under a path-map target of a media server, and under a source folder reached through a symlink", async () => {
    const db = await getDb();
    const mapped = await mkdtemp(path.join(os.tmpdir(), "asset-desk-mapped-"));
    try {
      await mkdir(path.join(mapped, "real"));
      await writeFile(path.join(mapped, "real", "a.mp4"), BYTES);
      await symlink(path.join(mapped, "real"), path.join(mapped, "via-link"));
      const { uuid } = await createAsset(db, { uri: path.join(mapped, "real", "a.mp4"), ...playable });
      await expectRefused(await GET(...request(uuid)));
      // The path map names the folder by its symlink; the file's real path is compared with the root's real path.
      await db.source.create({
        data: {
          kind: "jellyfin",
          name: `mapped ${randomUUID()}`,
          url: "http://jellyfin.test",
          secret: "k",
          pathMaps: [{ from: "/srv/media", to: path.join(mapped, "via-link") }],
        },
      });
      expect((await GET(...request(uuid))).status).toBe(200);
    } finally {
      await rm(mapped, { recursive: true, force: true });
    }
  });

  it("treats a deleted asset as unknown below trash.manage: 404 for operators and editors, the file for admins", async () => {
    const db = await getDb();
    const deleted = await createAsset(db, {
      uri: path.join(dir, "deleted.mp4"),
      ...playable,
      isDeleted: true,
      deletedAt: new Date(),
    });
    await writeFile(deleted.uri, BYTES);
    try {
      const unknown = await (await GET(...request(randomUUID()))).json();
      for (const role of ["operator", "editor"] as const) {
        await actAs(users[role]);
        const response = await GET(...request(deleted.uuid));
        expect(response.status).toBe(404);
        expect(await response.json()).toMatchObject({ code: "not_found", detail: unknown.detail });
      }
      await actAs(users.admin);
      expect((await GET(...request(deleted.uuid))).status).toBe(200);
    } finally {
      await actAs(users.operator);
    }
  });
});
