import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Ajv2020, { type ValidateFunction } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actAs } from "@/lib/testing/session";
import { buildOpenApiDocument, type OpenApiOperation, type OpenApiResponse } from "@/lib/api/openapi";
import { linkEpisode } from "@/lib/assets/episodes";
import type { Transition } from "@/lib/assets/transitions";
import { applyTransition } from "@/lib/assets/workflow";
import { createApiToken } from "@/lib/auth/api-tokens";
import { ROLES } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { createSource } from "@/lib/ingest/sources";
import { createAsset, createUser } from "@/lib/seed/factories";
import { makeClip } from "@/lib/testing/thumbnail-fixtures";
import { makeThumbnails } from "@/lib/thumbnails/make";

// Every answer of /api/v1 checked against the OpenAPI document: each operation is called through
// its route handler (found from the URL as Next finds it), for its successes and for each problem
// it documents, and status, content type and body must be what the document says. At the end,
// every operation and every documented status must have been seen (500 and 503 aside).

const document = buildOpenApiDocument();
const DOCUMENT_URI = "https://asset-desk.test/openapi.json";
const ajv = new Ajv2020({ allErrors: true });
addFormats(ajv);
// The document's own fields are not JSON Schema keywords; declared, the whole document can be added
// and each response schema reached by a JSON pointer, its $refs resolving inside the document.
for (const key of Object.keys(document)) ajv.addKeyword(key);
ajv.addSchema({ ...document, $id: DOCUMENT_URI });

const OPERATIONS = new Map(
  Object.entries(document.paths).flatMap(([apiPath, methods]) =>
    Object.entries(methods).map(
      ([method, operation]) =>
        [operation.operationId, { apiPath, method, operation: operation as OpenApiOperation }] as const,
    ),
  ),
);
const NOT_EXERCISED = ["500", "503"];
const seen = new Set<string>();

const pointer = (...segments: string[]) =>
  segments.map((segment) => encodeURIComponent(segment.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/");
const validators = new Map<string, ValidateFunction>();
function validator(uri: string): ValidateFunction {
  if (!validators.has(uri)) validators.set(uri, ajv.compile({ $ref: uri }));
  return validators.get(uri)!;
}

/** Keys that must never appear: integer ids, whatever they are called, and sizes that are not strings. */
function leaks(value: unknown, at = "$"): string[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => leaks(item, `${at}[${index}]`));
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [
    ...(key === "id" || (/Id$/.test(key) && Number.isInteger(inner)) ? [`${at}.${key}`] : []),
    ...(key === "size" && typeof inner !== "string" ? [`${at}.size is not a string`] : []),
    ...leaks(inner, `${at}.${key}`),
  ]);
}

type Caller = Role | "anonymous" | "throttled";
interface Call {
  as?: Caller;
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

const users = {} as Record<Role, { uuid: string; email: string }>;
const tokens = {} as Record<Role | "throttled", string>;

/** The route module Next would pick for this path below /api/v1: a folder of that name, else a [param] folder. */
async function routeFor(pathname: string) {
  let dir = path.resolve("app/api/v1");
  const params: Record<string, string> = {};
  for (const segment of pathname.split("/").filter(Boolean)) {
    const folders = (await readdir(dir, { withFileTypes: true }))
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name);
    const dynamic = folders.find((name) => /^\[\w+\]$/.test(name));
    if (folders.includes(segment)) dir = path.join(dir, segment);
    else if (dynamic) {
      params[dynamic.slice(1, -1)] = segment;
      dir = path.join(dir, dynamic);
    } else throw new Error(`No route serves /api/v1${pathname}`);
  }
  return {
    module: (await import(/* @vite-ignore */ path.join(dir, "route.ts"))) as Record<
      string,
      (request: Request, context: unknown) => Promise<Response>
    >,
    params,
  };
}

/** Calls an operation as a client would: by default as the least role allowed, with a bearer token. */
async function call(operationId: string, input: Call = {}): Promise<Response> {
  const { apiPath, method, operation } = OPERATIONS.get(operationId)!;
  const pathname = apiPath.replace(
    /\{(\w+)\}/g,
    (_, name: string) => input.params?.[name] ?? (name === "segment" ? "0000000000000000-0.ts" : randomUUID()),
  );
  const as = input.as ?? operation["x-required-capability"]?.roles[0] ?? "anonymous";
  const headers = new Headers(input.headers);
  if (as !== "anonymous" && !headers.has("authorization")) headers.set("authorization", `Bearer ${tokens[as]}`);
  const body =
    input.body === undefined ? undefined : typeof input.body === "string" ? input.body : JSON.stringify(input.body);
  if (body !== undefined) headers.set("content-type", "application/json");
  await actAs(null);
  const { module, params } = await routeFor(pathname);
  const handler = module[method.toUpperCase()];
  if (!handler) throw new Error(`${pathname} has no ${method.toUpperCase()} handler`);
  const request = new Request(`http://localhost/api/v1${pathname}${input.query ? `?${input.query}` : ""}`, {
    method: method.toUpperCase(),
    headers,
    body,
  });
  return handler(request, { params: Promise.resolve(params) });
}

/** Checks an answer against the document: status, content type, body. Returns the parsed JSON body. */
async function expectContract(operationId: string, status: number, response: Response): Promise<unknown> {
  const { apiPath, method, operation } = OPERATIONS.get(operationId)!;
  const contentType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
  const json = /[/+]json$/.test(contentType);
  const text = json ? await response.text() : "";
  if (!json) await response.body?.cancel();
  expect(response.status, `${operationId}: ${text.slice(0, 300)}`).toBe(status);
  const declared = operation.responses[String(status)];
  expect(declared, `${operationId} answered ${status}, which the document does not list`).toBeDefined();
  const [base, answer] =
    "$ref" in declared!
      ? [declared.$ref, document.components.responses[declared.$ref.split("/").pop()!]!]
      : [`#/${pointer("paths", apiPath, method, "responses", String(status))}`, declared as OpenApiResponse];
  const mediaType = Object.keys(answer.content ?? {}).find(
    (type) => type === contentType || (type.endsWith("/*") && contentType.startsWith(type.slice(0, -1))),
  );
  expect(mediaType, `${operationId} ${status}: content type ${contentType}`).toBeDefined();
  expect(response.headers.get("x-request-id")).toBeTruthy();
  seen.add(`${operationId} ${status}`);
  if (!json) return undefined;
  const body: unknown = JSON.parse(text);
  if (answer.content![mediaType!]!.schema) {
    const validate = validator(`${DOCUMENT_URI}${base}/${pointer("content", mediaType!, "schema")}`);
    expect(validate(body), `${operationId} ${status}: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }
  // The document describes sizes and ids rather than carrying them.
  if (operationId !== "getOpenApi") expect(leaks(body)).toEqual([]);
  return body;
}

const SETUP_ACTOR = { id: null, uuid: null, email: "contract@test.local", role: "server" as const };
const PREREQUISITE: Record<Transition, Transition[]> = {
  approve: [],
  revoke: ["approve"],
  promote: ["approve"],
  withdraw: ["approve", "promote"],
  delete: [],
  restore: ["delete"],
  purge: ["delete"],
};
// An asset each transition refuses (409), where one exists: see RULES.
/** An asset each transition refuses with 409 (a deleted one would be 404 to the editors who call these: unknown below trash.manage). */
const REFUSED: Partial<Record<Transition, () => Promise<string>>> = {
  approve: () => assetAfter([], { durationMs: null }),
  revoke: () => assetAfter(["approve", "promote"]),
  promote: () => assetAfter([]),
  delete: () => assetAfter(["approve", "promote"]),
  purge: () => assetAfter([]),
};

/** A new asset taken through these transitions first. */
async function assetAfter(steps: Transition[], overrides: Parameters<typeof createAsset>[1] = {}): Promise<string> {
  const db = await getDb();
  const { uuid } = await createAsset(db, overrides);
  for (const step of steps)
    await applyTransition(db, SETUP_ACTOR, step, { kind: "uuids", uuids: [uuid] }, { bulk: false, tags: ["contract"] });
  return uuid;
}

let dir: string;
let unique: string;
const fixture = {} as {
  detail: string;
  mp4: string;
  mpegts: string;
  clip: string;
  clipPending: string;
  sourceUuid: string;
  runUuid: string;
};

beforeAll(async () => {
  const db = await getDb();
  for (const role of ROLES) {
    users[role] = await createUser(db, { role });
    tokens[role] = (
      await createApiToken(db, SETUP_ACTOR, { ownerEmail: users[role].email, name: `contract ${role}` })
    ).secret;
  }
  tokens.throttled = (
    await createApiToken(db, SETUP_ACTOR, { ownerEmail: users.admin.email, name: "contract throttled" })
  ).secret;
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-contract-"));
  unique = `contract-${process.pid}-${Date.now()}`;
  await writeFile(path.join(dir, "clip.mp4"), Buffer.alloc(1000, 7));
  fixture.mp4 = await assetAfter([], {
    uri: path.join(dir, "clip.mp4"),
    container: "mp4",
    videoCodec: "h264",
    audioCodec: "aac",
  });
  // A real MPEG-TS file: its preview is transcoded by the real ffmpeg.
  await promisify(execFile)("ffmpeg", [
    "-v",
    "error",
    "-f",
    "lavfi",
    "-i",
    "testsrc2=size=160x120:rate=25:duration=2",
    "-c:v",
    "mpeg2video",
    "-f",
    "mpegts",
    path.join(dir, "clip.ts"),
  ]);
  fixture.mpegts = await assetAfter([], {
    uri: path.join(dir, "clip.ts"),
    container: "mpegts",
    videoCodec: "mpeg2video",
    audioCodec: null,
    durationMs: 2000,
  });
  // An asset with everything the detail can carry: a provider reference, an episode, a catalog entry.
  fixture.detail = await assetAfter(["approve", "promote"]);
  const { id: assetId } = await db.asset.findUniqueOrThrow({ where: { uuid: fixture.detail }, select: { id: true } });
  await db.providerRef.create({ data: { assetId, provider: "plex", providerKey: "1234", raw: { title: "Pilot" } } });
  await linkEpisode(db, SETUP_ACTOR, fixture.detail, {
    seriesTitle: "Contract",
    seasonNumber: 1,
    episodeNumber: 1,
    title: "Pilot",
  });
  fixture.sourceUuid = (
    await createSource(db, SETUP_ACTOR, {
      kind: "filesystem",
      name: unique,
      roots: [dir],
      url: "",
      secret: "",
      libraries: [],
      pathMaps: [],
    })
  ).uuid;
  // Two real clips for the thumbnail routes: one with its pictures made, one without.
  for (const name of ["clip-made", "clip-pending"] as const) {
    const file = path.join(dir, `${name}.mp4`);
    await makeClip(file, { seconds: 3 });
    const uuid = await assetAfter([], { uri: file, durationMs: 3_000, videoCodec: "mpeg4", probeError: null });
    if (name === "clip-made") {
      fixture.clip = uuid;
      expect(await makeThumbnails(db, uuid)).toBe("made");
    } else fixture.clipPending = uuid;
  }
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("successes", () => {
  it("listAssets: a page of assets; deleted ones only for trash.manage", async () => {
    const page = (await expectContract(
      "listAssets",
      200,
      await call("listAssets", { query: "sort=size&dir=desc&per=25" }),
    )) as { items: unknown[] };
    expect(page.items.length).toBeGreaterThan(0);
    await expectContract("listAssets", 403, await call("listAssets", { as: "operator", query: "status=deleted" }));
  });

  it("exportAssetsCsv: the view as CSV; deleted assets only for trash.manage", async () => {
    await expectContract(
      "exportAssetsCsv",
      200,
      await call("exportAssetsCsv", { query: "status=pending&columns=uri,size" }),
    );
    await expectContract(
      "exportAssetsCsv",
      403,
      await call("exportAssetsCsv", { as: "editor", query: "status=deleted" }),
    );
  });

  it("getAsset: the detail with provider references, episodes and catalog entry", async () => {
    const detail = (await expectContract(
      "getAsset",
      200,
      await call("getAsset", { params: { uuid: fixture.detail } }),
    )) as Record<string, unknown[] | object | null>;
    expect(detail).toMatchObject({
      providerRefs: [expect.anything()],
      episodes: [expect.anything()],
      catalogEntry: expect.anything(),
    });
  });

  it("getAssetMedia: the whole file, a range, and each refusal", async () => {
    await expectContract("getAssetMedia", 200, await call("getAssetMedia", { params: { uuid: fixture.mp4 } }));
    await expectContract(
      "getAssetMedia",
      206,
      await call("getAssetMedia", { params: { uuid: fixture.mp4 }, headers: { range: "bytes=0-99" } }),
    );
    await expectContract(
      "getAssetMedia",
      416,
      await call("getAssetMedia", { params: { uuid: fixture.mp4 }, headers: { range: "bytes=5000-" } }),
    );
    await expectContract("getAssetMedia", 415, await call("getAssetMedia", { params: { uuid: fixture.mpegts } }));
  });

  it("getAssetPreview, its playlist and a segment: made by ffmpeg, a stale playlist, a format that plays as it is", async () => {
    const uuid = fixture.mpegts;
    expect(
      await expectContract("getAssetPreview", 200, await call("getAssetPreview", { params: { uuid } })),
    ).toMatchObject({ mode: "transcode", url: `/api/v1/assets/${uuid}/preview/index.m3u8` });
    const playlist = await call("getAssetPreviewPlaylist", { params: { uuid } });
    const segment = (await playlist.clone().text()).split("\n").find((line) => line.endsWith(".ts"))!;
    await expectContract("getAssetPreviewPlaylist", 200, playlist);
    await expectContract(
      "getAssetPreviewPlaylist",
      415,
      await call("getAssetPreviewPlaylist", { params: { uuid: fixture.mp4 } }),
    );
    await expectContract(
      "getAssetPreviewSegment",
      200,
      await call("getAssetPreviewSegment", { params: { uuid, segment } }),
    );
    await expectContract(
      "getAssetPreviewSegment",
      409,
      await call("getAssetPreviewSegment", { params: { uuid, segment: "0000000000000000-0.ts" } }),
    );
    await expectContract(
      "getAssetPreviewSegment",
      415,
      await call("getAssetPreviewSegment", { params: { uuid: fixture.mp4, segment } }),
    );
  });

  it.each(["getAssetPoster", "getAssetStrip", "getAssetStripVtt"])(
    "%s: the picture once made; 404 thumbnail_pending before",
    async (operationId) => {
      const pending = await call(operationId, { params: { uuid: fixture.clipPending } });
      expect(Number(pending.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await expectContract(operationId, 404, pending)).toMatchObject({ code: "thumbnail_pending" });
      await expectContract(operationId, 200, await call(operationId, { params: { uuid: fixture.clip } }));
    },
  );

  it("requestThumbnails: by uuids and by filter", async () => {
    expect(
      await expectContract(
        "requestThumbnails",
        202,
        await call("requestThumbnails", { body: { uuids: [fixture.clip] } }),
      ),
    ).toMatchObject({ matched: 1, queued: 1 });
    expect(
      await expectContract(
        "requestThumbnails",
        202,
        await call("requestThumbnails", { body: { filter: { q: path.join(dir, "clip-") } } }),
      ),
    ).toMatchObject({ matched: 2, queued: 2 });
  });

  it("getAssetQc, runAssetQc, requestQc: QC read, queued one by one and in bulk; refused when unreadable", async () => {
    const qc = await expectContract("getAssetQc", 200, await call("getAssetQc", { params: { uuid: fixture.clip } }));
    expect(qc).toMatchObject({ verdict: null, current: false, result: null });
    expect(
      await expectContract("runAssetQc", 202, await call("runAssetQc", { params: { uuid: fixture.clip } })),
    ).toMatchObject({ matched: 1, queued: 1 });
    expect(await (await call("getAssetQc", { params: { uuid: fixture.clip } })).json()).toMatchObject({
      job: "waiting",
    });
    const unreadable = await assetAfter([], { probeError: "moov atom not found" });
    await expectContract("runAssetQc", 409, await call("runAssetQc", { params: { uuid: unreadable } }));
    expect(
      await expectContract(
        "requestQc",
        202,
        await call("requestQc", { body: { filter: { q: path.join(dir, "clip-") } } }),
      ),
    ).toMatchObject({ matched: 2, queued: 2 });
  });

  it("approveAsset: a QC-failed asset is refused without qcOverride and approved with it", async () => {
    const uuid = await assetAfter([]);
    await (await getDb()).asset.update({ where: { uuid }, data: { qcVerdict: "fail" } });
    await expectContract("approveAsset", 409, await call("approveAsset", { params: { uuid } }));
    const body = { qcOverride: "Intended black slate; signed off." };
    expect(
      await expectContract("approveAsset", 200, await call("approveAsset", { params: { uuid }, body })),
    ).toMatchObject({
      changed: true,
    });
  });

  it.each(Object.keys(PREREQUISITE) as Transition[])("%sAsset: changed, already done, refused", async (transition) => {
    const operationId = `${transition}Asset`;
    const uuid = await assetAfter(PREREQUISITE[transition]);
    const body = {
      ...(transition === "promote" ? { tags: ["news"] } : {}),
      ...(transition === "delete" || transition === "purge" ? { reason: "duplicate" } : {}),
    };
    expect(await expectContract(operationId, 200, await call(operationId, { params: { uuid }, body }))).toEqual({
      uuid,
      transition,
      changed: true,
    });
    // Done again: a no-op. A deleted asset is the trash's, so that is asked as an admin.
    const again = await call(operationId, { params: { uuid }, as: transition === "delete" ? "admin" : undefined });
    // A purged asset is gone for good: unknown.
    if (transition === "purge") await expectContract(operationId, 404, again);
    else expect(await expectContract(operationId, 200, again)).toMatchObject({ changed: false });
    const refused = REFUSED[transition];
    if (refused) await expectContract(operationId, 409, await call(operationId, { params: { uuid: await refused() } }));
  });

  it.each(["approve", "promote", "delete", "restore", "purge"])(
    "bulk %s: by uuids and by filter",
    async (transition) => {
      const operationId = `bulk${transition[0]!.toUpperCase()}${transition.slice(1)}`;
      const trash = transition === "restore" || transition === "purge";
      const steps: Transition[] = transition === "promote" ? ["approve"] : trash ? ["delete"] : [];
      const uuids = [await assetAfter(steps), await assetAfter(steps)];
      expect(await expectContract(operationId, 200, await call(operationId, { body: { uuids } }))).toMatchObject({
        changed: 2,
      });
      const uri = `/media/${unique}/${transition}.mkv`;
      await assetAfter(steps, { uri });
      expect(
        await expectContract(
          operationId,
          200,
          await call(operationId, { body: { filter: { q: uri, ...(trash ? { status: "deleted" } : {}) } } }),
        ),
      ).toMatchObject({ changed: 1 });
      await expectContract(operationId, 400, await call(operationId, { body: { filter: { status: "nope" } } }));
    },
  );

  it("editAssetMetadata: saved and normalised; a stale version is 409", async () => {
    const uuid = await assetAfter([]);
    expect(
      await expectContract(
        "editAssetMetadata",
        200,
        await call("editAssetMetadata", {
          params: { uuid },
          body: { title: " Pilot ", tags: ["News", "news"], version: 1 },
        }),
      ),
    ).toEqual({ uuid, changed: ["title", "tags"], version: 2 });
    await expectContract(
      "editAssetMetadata",
      409,
      await call("editAssetMetadata", { params: { uuid }, body: { description: "late", version: 1 } }),
    );
    expect(await (await call("getAsset", { params: { uuid } })).json()).toMatchObject({
      title: "Pilot",
      tags: ["news"],
      description: null,
    });
  });

  it("bulkTags: by uuids and by filter", async () => {
    const uuids = [await assetAfter([]), await assetAfter([])];
    expect(
      await expectContract("bulkTags", 200, await call("bulkTags", { body: { uuids, add: ["Contract"] } })),
    ).toMatchObject({ matched: 2, changed: 2 });
    expect(
      await expectContract(
        "bulkTags",
        200,
        await call("bulkTags", { body: { filter: { tag: "contract" }, remove: ["contract"] } }),
      ),
    ).toMatchObject({ changed: 2 });
  });

  it("listAssetNotes, addAssetNote, editAssetNote: the thread; a deleted asset and a late edit are 409", async () => {
    const uuid = await assetAfter([]);
    const note = (await expectContract(
      "addAssetNote",
      201,
      await call("addAssetNote", { params: { uuid }, body: { body: "Check the captions." } }),
    )) as { uuid: string };
    expect(
      await expectContract("listAssetNotes", 200, await call("listAssetNotes", { params: { uuid } })),
    ).toMatchObject({ items: [{ uuid: note.uuid, body: "Check the captions.", editedAt: null }] });
    const params = { uuid, noteUuid: note.uuid };
    expect(
      await expectContract(
        "editAssetNote",
        200,
        await call("editAssetNote", { params, body: { body: "Check the captions at 02:10." } }),
      ),
    ).toMatchObject({ body: "Check the captions at 02:10.", editedAt: expect.any(String) });
    await (
      await getDb()
    ).assetNote.update({
      where: { uuid: note.uuid },
      data: { createdAt: new Date(Date.now() - 60 * 60 * 1000) },
    });
    await expectContract("editAssetNote", 409, await call("editAssetNote", { params, body: { body: "late" } }));
    const deleted = await assetAfter(["delete"]);
    await expectContract(
      "addAssetNote",
      409,
      await call("addAssetNote", { as: "admin", params: { uuid: deleted }, body: { body: "gone" } }),
    );
  });

  it("listCatalog and listAudit: pages with entries", async () => {
    for (const operationId of ["listCatalog", "listAudit"]) {
      const page = (await expectContract(operationId, 200, await call(operationId, { query: "dir=asc&per=25" }))) as {
        items: unknown[];
      };
      expect(page.items.length).toBeGreaterThan(0);
    }
  });

  it("getCatalogEntry, editCatalogEntry, replaceCatalogSource: read, edited (409 when stale), re-sourced (409 when refused)", async () => {
    const db = await getDb();
    const { uuid: entry } = await db.catalogAsset.findFirstOrThrow({
      where: { sourceAsset: { uuid: fixture.detail } },
      select: { uuid: true },
    });
    const read = (await expectContract(
      "getCatalogEntry",
      200,
      await call("getCatalogEntry", { params: { uuid: entry } }),
    )) as { version: number };
    expect(
      await expectContract(
        "editCatalogEntry",
        200,
        await call("editCatalogEntry", {
          params: { uuid: entry },
          body: { title: " Contract pilot ", tags: ["Pilot", "contract"], version: read.version },
        }),
      ),
    ).toMatchObject({
      changed: ["title", "tags"],
      entry: { uuid: entry, title: "Contract pilot", tags: ["contract", "pilot"] },
    });
    await expectContract(
      "editCatalogEntry",
      409,
      await call("editCatalogEntry", { params: { uuid: entry }, body: { title: "Stale", version: read.version } }),
    );
    const replacement = await assetAfter(["approve"], { probeError: null });
    expect(
      await expectContract(
        "replaceCatalogSource",
        200,
        await call("replaceCatalogSource", { params: { uuid: entry }, body: { assetUuid: replacement } }),
      ),
    ).toMatchObject({
      previous: { assetUuid: fixture.detail },
      current: { assetUuid: replacement },
      entry: { uuid: entry },
    });
    await expectContract(
      "replaceCatalogSource",
      409,
      await call("replaceCatalogSource", { params: { uuid: entry }, body: { assetUuid: await assetAfter([]) } }),
    );
  });

  it("reprobeAsset, requestReprobe and getProbeRun: read now, 409 for a file not reachable; a run reads back", async () => {
    const file = path.join(dir, "reprobe.mp4");
    await makeClip(file, { seconds: 1 });
    const uuid = await assetAfter([], { uri: file, probeError: "Invalid data found when processing input" });
    expect(await expectContract("reprobeAsset", 200, await call("reprobeAsset", { params: { uuid } }))).toMatchObject({
      uuid,
      probeError: null,
    });
    await expectContract("reprobeAsset", 409, await call("reprobeAsset", { params: { uuid: fixture.detail } }));
    const run = (await expectContract(
      "requestReprobe",
      202,
      await call("requestReprobe", { body: { uuids: [uuid] } }),
    )) as { uuid: string };
    expect(
      await expectContract("getProbeRun", 200, await call("getProbeRun", { params: { uuid: run.uuid } })),
    ).toMatchObject({ uuid: run.uuid, kind: "reprobe", total: 1 });
  });

  it("startScan and getScanRun: queued, then refused while queued; the run reads back", async () => {
    const run = (await expectContract(
      "startScan",
      202,
      await call("startScan", { params: { uuid: fixture.sourceUuid } }),
    )) as { uuid: string };
    await expectContract("startScan", 409, await call("startScan", { params: { uuid: fixture.sourceUuid } }));
    expect(
      await expectContract("getScanRun", 200, await call("getScanRun", { params: { uuid: run.uuid } })),
    ).toMatchObject({ uuid: run.uuid, status: "queued" });
  });

  it("remapSource: the pre-flight (dryRun); refused while a scan of the source is queued", async () => {
    const body = { from: dir, to: `${dir}-remounted` };
    expect(
      await expectContract(
        "remapSource",
        200,
        await call("remapSource", { params: { uuid: fixture.sourceUuid }, body: { ...body, dryRun: true } }),
      ),
    ).toMatchObject({ dryRun: true, batchUuid: null, folders: { before: [dir], after: [body.to] } });
    // The scan startScan queued above is still queued.
    await expectContract("remapSource", 409, await call("remapSource", { params: { uuid: fixture.sourceUuid }, body }));
  });

  it("resolveMove: a new asset merged into the missing one with the same bytes; refused when it is not missing", async () => {
    const db = await getDb();
    const bytes = { size: 4242n, hashSha256: "ab".repeat(32) };
    const fresh = await createAsset(db, { ...bytes, uri: `/contract/${unique}/new.mp4` });
    const present = await createAsset(db, { ...bytes, uri: `/contract/${unique}/present.mp4` });
    await expectContract(
      "resolveMove",
      409,
      await call("resolveMove", { params: { uuid: fresh.uuid }, body: { into: present.uuid } }),
    );
    const missing = await createAsset(db, { ...bytes, uri: `/contract/${unique}/old.mp4`, missingSince: new Date() });
    expect(
      await expectContract(
        "resolveMove",
        200,
        await call("resolveMove", { params: { uuid: fresh.uuid }, body: { into: missing.uuid } }),
      ),
    ).toEqual({ assetUuid: missing.uuid, uri: fresh.uri, removedUuid: fresh.uuid });
  });

  it("setSourceSchedule: every N hours, cron, off; a bad cron expression is a 400 that changes nothing", async () => {
    const params = { uuid: fixture.sourceUuid };
    const every = (await expectContract(
      "setSourceSchedule",
      200,
      await call("setSourceSchedule", { params, body: { kind: "every", hours: 12 } }),
    )) as { nextScanAt: string };
    expect(every).toMatchObject({ schedule: { kind: "every", hours: 12 }, description: "every 12 hours" });
    expect(new Date(every.nextScanAt).getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    expect(
      await expectContract(
        "setSourceSchedule",
        200,
        await call("setSourceSchedule", { params, body: { kind: "cron", expression: "30 4 * * 1" } }),
      ),
    ).toMatchObject({ description: "cron 30 4 * * 1 (UTC)", nextScanAt: expect.stringMatching(/T04:30:00/) });
    await expectContract(
      "setSourceSchedule",
      400,
      await call("setSourceSchedule", { params, body: { kind: "cron", expression: "every day" } }),
    );
    await expectContract(
      "setSourceSchedule",
      400,
      await call("setSourceSchedule", { params, body: { kind: "every", hours: 0 } }),
    );
    expect(
      await (
        await getDb()
      ).source.findUniqueOrThrow({ where: { uuid: fixture.sourceUuid }, select: { scanCron: true } }),
    ).toEqual({ scanCron: "30 4 * * 1" });
    expect(
      await expectContract(
        "setSourceSchedule",
        200,
        await call("setSourceSchedule", { params, body: { kind: "off" } }),
      ),
    ).toEqual({ schedule: { kind: "off" }, description: "off", nextScanAt: null });
  });

  it("getTrashRetention and setTrashRetention: off by default, set, read back, off again; 0 days is a 400", async () => {
    expect(await expectContract("getTrashRetention", 200, await call("getTrashRetention"))).toEqual({ days: null });
    expect(
      await expectContract("setTrashRetention", 200, await call("setTrashRetention", { body: { days: 30 } })),
    ).toEqual({ days: 30 });
    expect(await expectContract("getTrashRetention", 200, await call("getTrashRetention"))).toEqual({ days: 30 });
    await expectContract("setTrashRetention", 400, await call("setTrashRetention", { body: { days: 0 } }));
    expect(
      await expectContract("setTrashRetention", 200, await call("setTrashRetention", { body: { days: null } })),
    ).toEqual({ days: null });
  });

  it("getOpenApi: this document, to anyone", async () => {
    expect(await expectContract("getOpenApi", 200, await call("getOpenApi"))).toEqual(
      JSON.parse(JSON.stringify(document)),
    );
  });

  it("answers a signed-in browser's session as it answers a token", async () => {
    await actAs(users.operator.uuid);
    const { GET } = await import("@/app/api/v1/catalog/route");
    await expectContract("listCatalog", 200, await GET(new Request("http://localhost/api/v1/catalog")));
  });
});

/** Calls with a token whose window for this minute is full; once more if the minute turned in between. */
async function callOverLimit(operationId: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    await (
      await getDb()
    )
      .$executeRaw`UPDATE api_tokens SET window_start = date_trunc('minute', now()), window_count = 1000000 WHERE name = 'contract throttled'`;
    const response = await call(operationId, { as: "throttled" });
    if (response.status === 429 || attempt === 2) return response;
    await response.body?.cancel();
  }
}

describe("problems every operation can answer", () => {
  const operations = [...OPERATIONS.values()].map(({ operation }) => [operation.operationId, operation] as const);
  const restricted = operations.filter(
    ([, operation]) => operation["x-required-capability"] && operation.responses["403"],
  );
  const withParams = operations.filter(([, operation]) =>
    operation.parameters?.some((parameter) => parameter.in === "path"),
  );
  const withQuery = operations.filter(([, operation]) =>
    operation.parameters?.some((parameter) => parameter.in === "query"),
  );
  const withBody = operations.filter(([, operation]) => operation.requestBody);
  const unsafe = [...OPERATIONS.values()]
    .filter(({ method }) => method !== "get")
    .map(({ operation }) => [operation.operationId, operation] as const);

  it.each(operations)(
    "%s: 401 for a token that is unknown or not a bearer token, 429 past the rate limit",
    async (operationId, operation) => {
      if (operation["x-required-capability"])
        await expectContract(operationId, 401, await call(operationId, { as: "anonymous" }));
      await expectContract(
        operationId,
        401,
        await call(operationId, { headers: { authorization: "Bearer adk_unknown" } }),
      );
      await expectContract(
        operationId,
        401,
        await call(operationId, { headers: { authorization: "Basic YWRtaW46YWRtaW4=" } }),
      );
      const throttled = await callOverLimit(operationId);
      expect(Number(throttled.headers.get("retry-after"))).toBeGreaterThan(0);
      await expectContract(operationId, 429, throttled);
    },
  );

  it.each(restricted)("%s: 403 for a role without the capability", async (operationId, operation) => {
    const refused = ROLES.filter((role) => !operation["x-required-capability"]!.roles.includes(role));
    for (const role of refused) await expectContract(operationId, 403, await call(operationId, { as: role }));
  });

  // Operations whose body has required fields: a valid one, so the unknown uuid is what answers.
  const validBody: Record<string, unknown> = {
    editCatalogEntry: { version: 1 },
    replaceCatalogSource: { assetUuid: randomUUID() },
    remapSource: { from: "/a", to: "/b" },
    resolveMove: { into: randomUUID() },
    addAssetNote: { body: "hello" },
    editAssetNote: { body: "hello" },
    setSourceSchedule: { kind: "off" },
  };
  it.each(withParams)("%s: 400 for a malformed uuid, 404 for an unknown one", async (operationId) => {
    const body = validBody[operationId];
    await expectContract(operationId, 400, await call(operationId, { params: { uuid: "42" }, body }));
    await expectContract(operationId, 404, await call(operationId, { params: { uuid: randomUUID() }, body }));
  });

  it.each(withQuery)("%s: 400 for an unknown or unreadable query parameter", async (operationId) => {
    await expectContract(operationId, 400, await call(operationId, { query: "bogus=1" }));
    await expectContract(operationId, 400, await call(operationId, { query: "dir=sideways" }));
  });

  it.each(withBody)("%s: 400 for a body with unknown keys or that is not JSON", async (operationId) => {
    await expectContract(operationId, 400, await call(operationId, { body: { bogus: 1 } }));
    await expectContract(operationId, 400, await call(operationId, { body: "{ not json" }));
  });

  it.each(withBody)("%s: 413 for a body over 1 MiB", async (operationId) => {
    await expectContract(
      operationId,
      413,
      await call(operationId, { body: JSON.stringify({ uuids: [], pad: "x".repeat(1024 * 1024) }) }),
    );
  });

  it.each(unsafe)("%s: 403 for a change with the session cookie from another origin", async (operationId) => {
    const { apiPath, method } = OPERATIONS.get(operationId)!;
    await actAs(users.admin.uuid);
    const pathname = apiPath.replace(/\{(\w+)\}/g, () => randomUUID());
    const { module, params } = await routeFor(pathname);
    const request = new Request(`http://localhost/api/v1${pathname}`, {
      method: method.toUpperCase(),
      headers: { "content-type": "application/json", origin: "https://evil.example" },
      body: "{}",
    });
    await expectContract(
      operationId,
      403,
      await module[method.toUpperCase()]!(request, { params: Promise.resolve(params) }),
    );
  });
});

describe("the document", () => {
  it("describes sizes as decimal strings", () => {
    expect(document.components.schemas.Asset?.properties?.size).toMatchObject({ type: "string" });
  });

  it("was exercised for every operation and every answer it documents (500 and 503 aside)", () => {
    const missing = [...OPERATIONS.values()].flatMap(({ operation }) =>
      Object.keys(operation.responses)
        .filter((status) => !NOT_EXERCISED.includes(status))
        .map((status) => `${operation.operationId} ${status}`)
        .filter((key) => !seen.has(key)),
    );
    expect(missing).toEqual([]);
  });
});
