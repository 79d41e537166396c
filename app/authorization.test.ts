import { mkdir, readdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { actAs } from "@/lib/testing/session";
import { createApiToken } from "@/lib/auth/api-tokens";
import { can, type Capability } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { linkEpisode } from "@/lib/assets/episodes";
import { isDefinedAction } from "@/lib/define-action";
import { applyTransition } from "@/lib/assets/workflow";
import { createRun } from "@/lib/ingest/runs";
import { createSource } from "@/lib/ingest/sources";
import { createAsset, createUser } from "@/lib/seed/factories";
import { requestReprobe } from "@/lib/assets/probe-runs";
import { makeClip } from "@/lib/testing/thumbnail-fixtures";
import { createQcProfile } from "@/lib/qc/profiles";

// Every server action and route handler the app exports, called as anonymous and as each role.
// The outcome must match lib/auth/permissions.ts, and a refused call must leave the database as
// it was. An export missing from ENDPOINTS fails the test: new endpoints declare who may call them.
// Every export of an actions.ts must be made by defineAction, so none skips its parse and check.

type Fn = (...args: unknown[]) => Promise<unknown>;
interface Endpoint {
  capability: Capability | "public";
  /** Prepares what the call needs, before the database is fingerprinted; returns extra fixture values. */
  setup?: (fixture: Fixture) => Promise<Record<string, string>>;
  /** Calls the endpoint with valid input; returns what it returned (an action's result or a route's Response). */
  call?: (fn: Fn, fixture: Fixture & { extra: Record<string, string> }) => Promise<unknown>;
}
interface Fixture {
  unique: string;
  targetUuid: string;
  assetUuid: string;
  /** A pending, probed asset made for this call alone. */
  freshAssetUuid: string;
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

// As the desk's own pages send them: a POST made with the session cookie is JSON from the desk's origin.
const api = (method: "GET" | "POST" | "PATCH" | "PUT", path: string, body?: object) =>
  new Request(`http://localhost/api/v1${path}`, {
    method,
    ...(method !== "GET"
      ? {
          body: JSON.stringify(body ?? {}),
          headers: { "content-type": "application/json", origin: "http://localhost" },
        }
      : {}),
  });
const params = (values: Record<string, string>) => ({ params: Promise.resolve(values) });

const mediaRequest =
  (method: "GET" | "HEAD"): Endpoint["call"] =>
  (fn, { assetUuid }) =>
    fn(new Request(`http://localhost/api/v1/assets/${assetUuid}/media`, { method, headers: { range: "bytes=0-99" } }), {
      params: Promise.resolve({ uuid: assetUuid }),
    });

const thumbnailRequest =
  (file: string): Endpoint["call"] =>
  (fn, { assetUuid }) =>
    fn(new Request(`http://localhost/api/v1/assets/${assetUuid}/${file}`), {
      params: Promise.resolve({ uuid: assetUuid }),
    });

const SETUP_ACTOR = { id: null, uuid: null, email: "setup@test.local" };

/** An asset in the trash, for the trash's own operations. */
async function deletedAsset(): Promise<{ deletedUuid: string }> {
  const db = await getDb();
  const { uuid } = await createAsset(db);
  await applyTransition(
    db,
    { ...SETUP_ACTOR, role: "server" },
    "delete",
    { kind: "uuids", uuids: [uuid] },
    { bulk: false },
  );
  return { deletedUuid: uuid };
}

/** A catalog entry of its own, and an approved asset that could become its source. */
async function catalogEntry(): Promise<{ catalogUuid: string; version: string; replacementUuid: string }> {
  const db = await getDb();
  const actor = { ...SETUP_ACTOR, role: "server" as const };
  const uuids = [
    (await createAsset(db, { probeError: null })).uuid,
    (await createAsset(db, { probeError: null })).uuid,
  ];
  await applyTransition(db, actor, "approve", { kind: "uuids", uuids }, { bulk: false });
  await applyTransition(db, actor, "promote", { kind: "uuids", uuids: [uuids[0]!] }, { bulk: false });
  const entry = await db.catalogAsset.findFirstOrThrow({ where: { sourceAsset: { uuid: uuids[0] } } });
  return { catalogUuid: entry.uuid, version: String(entry.version), replacementUuid: uuids[1]! };
}

/** An asset whose uri is a real (tiny) media file of its own: what "probe again" reads. */
async function mediaAsset({ unique }: Fixture): Promise<{ mediaAssetUuid: string }> {
  const file = path.join(os.tmpdir(), `${unique}.mp4`);
  await makeClip(file, { seconds: 1 });
  return { mediaAssetUuid: (await createAsset(await getDb(), { uri: file })).uuid };
}

async function folderSource({ unique }: Fixture): Promise<{ sourceUuid: string }> {
  const source = await createSource(await getDb(), SETUP_ACTOR, {
    kind: "filesystem",
    name: unique,
    roots: [os.tmpdir()],
    url: "",
    secret: "",
    libraries: [],
    pathMaps: [],
  });
  return { sourceUuid: source.uuid };
}

/** A folder source over a folder of its own, and an existing folder to re-map it to. */
async function remappableSource({ unique }: Fixture): Promise<{ sourceUuid: string; from: string; to: string }> {
  const from = path.join(os.tmpdir(), `${unique}-share`);
  const to = path.join(os.tmpdir(), `${unique}-remounted`);
  await Promise.all([mkdir(from, { recursive: true }), mkdir(to, { recursive: true })]);
  const source = await createSource(await getDb(), SETUP_ACTOR, {
    kind: "filesystem",
    name: unique,
    roots: [from],
    url: "",
    secret: "",
    libraries: [],
    pathMaps: [],
  });
  return { sourceUuid: source.uuid, from, to };
}

/** A new asset with the bytes of a missing one: a possible move to resolve. */
async function possibleMove({ unique }: Fixture): Promise<{ newUuid: string; missingUuid: string }> {
  const db = await getDb();
  const bytes = { size: 777n, hashSha256: "cd".repeat(32) };
  const fresh = await createAsset(db, { ...bytes, uri: `/auth/${unique}/new.mp4` });
  const missing = await createAsset(db, { ...bytes, uri: `/auth/${unique}/old.mp4`, missingSince: new Date() });
  return { newUuid: fresh.uuid, missingUuid: missing.uuid };
}

const qcProfileFields = (name: string) => ({
  name,
  targetLufs: "-23",
  toleranceLu: "1",
  maxTruePeakDbtp: "-1",
  blackMinS: "1",
  silenceMinS: "2",
  edgeS: "2",
  freezeMinS: "2",
});
const qcProfile = async ({ unique }: Fixture) => ({
  profileUuid: (
    await createQcProfile(await getDb(), SETUP_ACTOR, {
      name: `${unique}-profile`,
      targetLufs: -23,
      toleranceLu: 1,
      maxTruePeakDbtp: -1,
      blackMinS: 1,
      silenceMinS: 2,
      edgeS: 2,
      freezeMinS: 2,
    })
  ).uuid,
});

const ENDPOINTS: Record<string, Endpoint> = {
  "app/(desk)/qc-profiles/actions.ts#createQcProfileAction": {
    capability: "qc.profiles",
    call: (fn, { unique }) => fn(null, form(qcProfileFields(unique))),
  },
  "app/(desk)/qc-profiles/actions.ts#updateQcProfileAction": {
    capability: "qc.profiles",
    setup: qcProfile,
    call: (fn, { unique, extra }) =>
      fn(null, form({ ...qcProfileFields(`${unique}-renamed`), profileUuid: extra.profileUuid! })),
  },
  "app/(desk)/qc-profiles/actions.ts#setDefaultQcProfileAction": {
    capability: "qc.profiles",
    setup: qcProfile,
    call: (fn, { extra }) => fn(null, form({ profileUuid: extra.profileUuid! })),
  },
  "app/(desk)/qc-profiles/actions.ts#deleteQcProfileAction": {
    capability: "qc.profiles",
    setup: qcProfile,
    call: (fn, { extra }) => fn(null, form({ profileUuid: extra.profileUuid! })),
  },
  "app/(desk)/assets/actions.ts#runQcAction": {
    capability: "qc.run",
    call: (fn, { freshAssetUuid }) => fn(null, form({ uuid: freshAssetUuid })),
  },
  "app/(desk)/assets/actions.ts#requestQcAction": {
    capability: "qc.bulk",
    call: (fn, { freshAssetUuid }) => fn({ selection: { kind: "uuids", uuids: [freshAssetUuid] } }),
  },
  "app/(desk)/assets/actions.ts#qcProgressAction": {
    capability: "qc.run",
    call: async (fn, { freshAssetUuid }) => {
      // Only whoever asked follows a request: each caller asks first (anonymous cannot).
      const { runQcAction } = await import("@/app/(desk)/assets/actions");
      const asked = await runQcAction(null, form({ uuid: freshAssetUuid }));
      const requestUuid = asked.ok ? asked.report.requestUuid : "00000000-0000-4000-8000-000000000000";
      return fn({ requestUuid });
    },
  },
  "app/api/v1/assets/[uuid]/qc/route.ts#GET": {
    capability: "assets.read",
    call: (fn, { assetUuid }) => fn(api("GET", `/assets/${assetUuid}/qc`), params({ uuid: assetUuid })),
  },
  "app/api/v1/assets/[uuid]/qc/route.ts#POST": {
    capability: "qc.run",
    call: (fn, { freshAssetUuid }) => fn(api("POST", `/assets/${freshAssetUuid}/qc`), params({ uuid: freshAssetUuid })),
  },
  "app/api/v1/assets/qc/route.ts#POST": {
    capability: "qc.bulk",
    call: (fn, { freshAssetUuid }) => fn(api("POST", "/assets/qc", { uuids: [freshAssetUuid] })),
  },
  "app/(desk)/users/actions.ts#createUserAction": {
    capability: "admin.manage",
    call: (fn, { unique }) =>
      fn(
        null,
        form({ email: `${unique}@test.local`, name: "Created", role: "operator", password: "a long enough password" }),
      ),
  },
  "app/(desk)/users/actions.ts#setUserRoleAction": {
    capability: "admin.manage",
    call: (fn, { targetUuid }) => fn(null, form({ userUuid: targetUuid, role: "editor" })),
  },
  "app/(desk)/users/actions.ts#setUserDisabledAction": {
    capability: "admin.manage",
    call: (fn, { targetUuid }) => fn(null, form({ userUuid: targetUuid, disabled: "true" })),
  },
  "app/(desk)/users/actions.ts#resetUserPasswordAction": {
    capability: "admin.manage",
    call: (fn, { targetUuid }) => fn(null, form({ userUuid: targetUuid, password: "another long password" })),
  },
  "app/(desk)/users/actions.ts#endUserSessionsAction": {
    capability: "admin.manage",
    call: (fn, { targetUuid }) => fn(null, form({ userUuid: targetUuid })),
  },
  "app/(desk)/users/actions.ts#endMySessionsAction": {
    capability: "assets.read",
    call: (fn) => fn(),
  },
  "app/(desk)/tokens/actions.ts#createTokenAction": {
    capability: "admin.manage",
    setup: async () => ({ ownerEmail: (await createUser(await getDb(), { role: "operator" })).email }),
    call: (fn, { unique, extra }) => fn(null, form({ ownerEmail: extra.ownerEmail!, name: unique })),
  },
  "app/(desk)/tokens/actions.ts#revokeTokenAction": {
    capability: "admin.manage",
    setup: async ({ unique }) => {
      const owner = await createUser(await getDb(), { role: "operator" });
      return {
        tokenUuid: (await createApiToken(await getDb(), SETUP_ACTOR, { ownerEmail: owner.email, name: unique })).uuid,
      };
    },
    call: (fn, { extra }) => fn(null, form({ tokenUuid: extra.tokenUuid! })),
  },
  "app/api/v1/assets/[uuid]/media/route.ts#GET": { capability: "assets.read", call: mediaRequest("GET") },
  "app/api/v1/assets/[uuid]/media/route.ts#HEAD": { capability: "assets.read", call: mediaRequest("HEAD") },
  "app/api/v1/assets/[uuid]/preview/route.ts#GET": {
    capability: "assets.read",
    call: (fn, { assetUuid }) => fn(api("GET", `/assets/${assetUuid}/preview`), params({ uuid: assetUuid })),
  },
  "app/api/v1/assets/[uuid]/preview/index.m3u8/route.ts#GET": {
    capability: "assets.read",
    call: (fn, { assetUuid }) => fn(api("GET", `/assets/${assetUuid}/preview/index.m3u8`), params({ uuid: assetUuid })),
  },
  "app/api/v1/assets/[uuid]/preview/[segment]/route.ts#GET": {
    capability: "assets.read",
    call: (fn, { assetUuid }) =>
      fn(api("GET", `/assets/${assetUuid}/preview/0000000000000000-0.ts`), {
        params: Promise.resolve({ uuid: assetUuid, segment: "0000000000000000-0.ts" }),
      }),
  },
  "app/api/v1/assets/[uuid]/poster.jpg/route.ts#GET": {
    capability: "assets.read",
    call: thumbnailRequest("poster.jpg"),
  },
  "app/api/v1/assets/[uuid]/strip.jpg/route.ts#GET": { capability: "assets.read", call: thumbnailRequest("strip.jpg") },
  "app/api/v1/assets/[uuid]/strip.vtt/route.ts#GET": { capability: "assets.read", call: thumbnailRequest("strip.vtt") },
  "app/api/v1/assets/thumbnails/route.ts#POST": {
    capability: "assets.read",
    call: (fn, { freshAssetUuid }) => fn(api("POST", "/assets/thumbnails", { uuids: [freshAssetUuid] })),
  },
  "app/(desk)/assets/actions.ts#requestThumbnailsAction": {
    capability: "assets.read",
    call: (fn, { freshAssetUuid }) => fn({ selection: { kind: "uuids", uuids: [freshAssetUuid] } }),
  },
  "app/(desk)/assets/probe/actions.ts#reprobeAssetAction": {
    capability: "assets.reprobe",
    setup: mediaAsset,
    call: (fn, { extra }) => fn(null, form({ uuid: extra.mediaAssetUuid! })),
  },
  "app/(desk)/assets/probe/actions.ts#requestReprobeAction": {
    capability: "assets.reprobe",
    call: (fn, { freshAssetUuid }) => fn({ selection: { kind: "uuids", uuids: [freshAssetUuid] } }),
  },
  "app/(desk)/assets/probe/actions.ts#startBackfillAction": {
    capability: "assets.reprobe",
    call: (fn) => fn(null, form({})),
  },
  "app/api/v1/assets/[uuid]/probe/route.ts#POST": {
    capability: "assets.reprobe",
    setup: mediaAsset,
    call: (fn, { extra }) =>
      fn(api("POST", `/assets/${extra.mediaAssetUuid}/probe`), params({ uuid: extra.mediaAssetUuid! })),
  },
  "app/api/v1/assets/probe/route.ts#POST": {
    capability: "assets.reprobe",
    call: (fn, { freshAssetUuid }) => fn(api("POST", "/assets/probe", { uuids: [freshAssetUuid] })),
  },
  "app/api/v1/probe-runs/[uuid]/route.ts#GET": {
    capability: "assets.read",
    setup: async () => ({
      runUuid: (
        await requestReprobe(await getDb(), { ...SETUP_ACTOR, role: "server" }, { kind: "uuids", uuids: [assetUuid] })
      ).uuid,
    }),
    call: (fn, { extra }) =>
      fn(new Request(`http://localhost/api/v1/probe-runs/${extra.runUuid}`), params({ uuid: extra.runUuid! })),
  },
  "app/(desk)/views/actions.ts#saveViewAction": {
    capability: "assets.read",
    call: (fn, { unique }) => fn(null, form({ table: "assets", name: unique, query: "?sort=size" })),
  },
  "app/(desk)/views/actions.ts#deleteViewAction": {
    capability: "assets.read",
    call: async (fn, { unique }) => {
      // Each caller deletes a view of its own (only owners may), saved just before as that caller.
      const { saveViewAction } = await import("@/app/(desk)/views/actions");
      const saved = await saveViewAction(null, form({ table: "assets", name: unique, query: "" }));
      return fn(
        null,
        form({ viewUuid: "uuid" in saved ? saved.uuid : "00000000-0000-4000-8000-000000000000", table: "assets" }),
      );
    },
  },
  "app/(desk)/assets/actions.ts#transitionAssetAction": {
    capability: "assets.approve",
    call: (fn, { freshAssetUuid }) => fn(null, form({ uuid: freshAssetUuid, transition: "approve" })),
  },
  "app/(desk)/assets/actions.ts#previewBulkAction": {
    capability: "assets.approve",
    call: (fn, { freshAssetUuid }) =>
      fn({ transition: "approve", selection: { kind: "uuids", uuids: [freshAssetUuid] } }),
  },
  "app/(desk)/assets/actions.ts#bulkTransitionAction": {
    capability: "assets.approve",
    call: (fn, { unique }) => fn({ transition: "approve", selection: { kind: "filter", query: `?q=${unique}` } }),
    setup: async ({ unique }) => ({ asset: (await createAsset(await getDb(), { uri: `/auth/${unique}.mkv` })).uuid }),
  },
  "app/(desk)/assets/actions.ts#undoBatchAction": {
    capability: "assets.approve",
    setup: async ({ freshAssetUuid }) => {
      const db = await getDb();
      const report = await applyTransition(
        db,
        { id: null, uuid: null, email: "setup@test.local", role: "server" },
        "approve",
        { kind: "uuids", uuids: [freshAssetUuid] },
        { bulk: true },
      );
      return { batchUuid: report.batchUuid! };
    },
    call: (fn, { extra }) => fn(null, form({ batchUuid: extra.batchUuid! })),
  },
  "app/(desk)/assets/actions.ts#editAssetAction": {
    capability: "assets.edit",
    // The metadata only: a new path must name a real file inside a source's folders (lib/assets/edit.test.ts).
    setup: async ({ freshAssetUuid }) => ({
      uri: (await (await getDb()).asset.findUniqueOrThrow({ where: { uuid: freshAssetUuid }, select: { uri: true } }))
        .uri,
    }),
    call: (fn, { freshAssetUuid, extra }) =>
      fn(
        null,
        form({
          uuid: freshAssetUuid,
          version: "1",
          uri: extra.uri!,
          durationMs: "60000",
          videoCodec: "h264",
          audioCodec: "aac",
          container: "mkv",
        }),
      ),
  },
  "app/(desk)/assets/actions.ts#linkEpisodeAction": {
    capability: "assets.edit",
    call: (fn, { freshAssetUuid, unique }) =>
      fn(
        null,
        form({
          uuid: freshAssetUuid,
          seriesTitle: `Series ${unique}`,
          seasonNumber: "1",
          episodeNumber: "2",
          title: "Pilot",
        }),
      ),
  },
  "app/(desk)/assets/actions.ts#unlinkEpisodeAction": {
    capability: "assets.edit",
    setup: async ({ freshAssetUuid, unique }) => {
      const db = await getDb();
      const linked = await linkEpisode(
        db,
        { id: null, uuid: null, email: "setup@test.local", role: "server" },
        freshAssetUuid,
        { seriesTitle: `Series ${unique}`, seasonNumber: 1, episodeNumber: 1, title: "Pilot" },
      );
      return { episodeUuid: linked.episodeUuid };
    },
    call: (fn, { freshAssetUuid, extra }) => fn(null, form({ uuid: freshAssetUuid, episodeUuid: extra.episodeUuid! })),
  },
  "app/(desk)/assets/editorial/actions.ts#editMetadataAction": {
    capability: "assets.edit",
    call: (fn, { freshAssetUuid }) =>
      fn(null, form({ uuid: freshAssetUuid, version: "1", title: "Title", description: "", tags: "News, sport" })),
  },
  "app/(desk)/assets/editorial/actions.ts#bulkTagsAction": {
    capability: "assets.edit",
    call: (fn, { freshAssetUuid }) =>
      fn({ selection: { kind: "uuids", uuids: [freshAssetUuid] }, add: "news", remove: "" }),
  },
  "app/(desk)/assets/editorial/actions.ts#addNoteAction": {
    capability: "assets.read",
    call: (fn, { freshAssetUuid }) => fn(null, form({ uuid: freshAssetUuid, body: "Looks fine to me." })),
  },
  "app/(desk)/assets/editorial/actions.ts#editNoteAction": {
    capability: "assets.read",
    call: async (fn, { freshAssetUuid }) => {
      // Only its author edits a note: each caller writes one first (anonymous cannot).
      const { addNoteAction } = await import("@/app/(desk)/assets/editorial/actions");
      const added = await addNoteAction(null, form({ uuid: freshAssetUuid, body: "First thought" }));
      const noteUuid = added.ok ? added.note.uuid : "00000000-0000-4000-8000-000000000000";
      return fn(null, form({ uuid: freshAssetUuid, noteUuid, body: "Second thought" }));
    },
  },
  "app/api/v1/assets/[uuid]/route.ts#PATCH": {
    capability: "assets.edit",
    call: (fn, { freshAssetUuid }) =>
      fn(
        api("PATCH", `/assets/${freshAssetUuid}`, { title: "Title", tags: ["news"] }),
        params({ uuid: freshAssetUuid }),
      ),
  },
  "app/api/v1/assets/tags/route.ts#POST": {
    capability: "assets.edit",
    call: (fn, { freshAssetUuid }) => fn(api("POST", "/assets/tags", { uuids: [freshAssetUuid], add: ["news"] })),
  },
  "app/api/v1/assets/[uuid]/notes/route.ts#GET": {
    capability: "assets.read",
    call: (fn, { assetUuid }) => fn(api("GET", `/assets/${assetUuid}/notes`), params({ uuid: assetUuid })),
  },
  "app/api/v1/assets/[uuid]/notes/route.ts#POST": {
    capability: "assets.read",
    call: (fn, { freshAssetUuid }) =>
      fn(api("POST", `/assets/${freshAssetUuid}/notes`, { body: "hello" }), params({ uuid: freshAssetUuid })),
  },
  "app/api/v1/assets/[uuid]/notes/[noteUuid]/route.ts#PATCH": {
    capability: "assets.read",
    call: async (fn, { freshAssetUuid }) => {
      // Each caller edits a note of its own, written just before through the API.
      const { POST } = await import("@/app/api/v1/assets/[uuid]/notes/route");
      const written = await POST(api("POST", `/assets/${freshAssetUuid}/notes`, { body: "hello" }), {
        params: Promise.resolve({ uuid: freshAssetUuid }),
      });
      const noteUuid = written.ok
        ? ((await written.json()) as { uuid: string }).uuid
        : "00000000-0000-4000-8000-000000000000";
      return fn(api("PATCH", `/assets/${freshAssetUuid}/notes/${noteUuid}`, { body: "hello again" }), {
        params: Promise.resolve({ uuid: freshAssetUuid, noteUuid }),
      });
    },
  },
  "app/(desk)/sources/actions.ts#createSourceAction": {
    capability: "admin.manage",
    call: (fn, { unique }) => fn(null, form({ kind: "filesystem", name: unique, roots: os.tmpdir() })),
  },
  "app/(desk)/sources/actions.ts#updateSourceAction": {
    capability: "admin.manage",
    setup: folderSource,
    call: (fn, { unique, extra }) =>
      fn(
        null,
        form({ sourceUuid: extra.sourceUuid!, kind: "filesystem", name: `${unique} renamed`, roots: os.tmpdir() }),
      ),
  },
  "app/(desk)/sources/actions.ts#deleteSourceAction": {
    capability: "admin.manage",
    setup: folderSource,
    call: (fn, { extra }) => fn(null, form({ sourceUuid: extra.sourceUuid! })),
  },
  "app/(desk)/sources/actions.ts#startScanAction": {
    capability: "assets.edit",
    setup: folderSource,
    call: (fn, { extra }) => fn(null, form({ sourceUuid: extra.sourceUuid! })),
  },
  "app/(desk)/sources/remap/actions.ts#previewRemapAction": {
    capability: "sources.remap",
    setup: remappableSource,
    call: (fn, { extra }) => fn(null, form({ sourceUuid: extra.sourceUuid!, from: extra.from!, to: extra.to! })),
  },
  "app/(desk)/sources/remap/actions.ts#applyRemapAction": {
    capability: "sources.remap",
    setup: remappableSource,
    call: (fn, { extra }) => fn(null, form({ sourceUuid: extra.sourceUuid!, from: extra.from!, to: extra.to! })),
  },
  "app/api/v1/sources/[uuid]/remap/route.ts#POST": {
    capability: "sources.remap",
    setup: remappableSource,
    call: (fn, { extra }) =>
      fn(
        api("POST", `/sources/${extra.sourceUuid}/remap`, { from: extra.from, to: extra.to }),
        params({ uuid: extra.sourceUuid! }),
      ),
  },
  "app/(desk)/sources/runs/actions.ts#resolveMoveAction": {
    capability: "assets.resolve_move",
    setup: possibleMove,
    call: (fn, { extra }) => fn(null, form({ assetUuid: extra.newUuid!, intoUuid: extra.missingUuid! })),
  },
  "app/api/v1/assets/[uuid]/resolve-move/route.ts#POST": {
    capability: "assets.resolve_move",
    setup: possibleMove,
    call: (fn, { extra }) =>
      fn(
        api("POST", `/assets/${extra.newUuid}/resolve-move`, { into: extra.missingUuid }),
        params({ uuid: extra.newUuid! }),
      ),
  },
  "app/api/v1/scan-runs/[uuid]/route.ts#GET": {
    capability: "assets.read",
    setup: async (fixture) => {
      const { sourceUuid } = await folderSource(fixture);
      return { runUuid: (await createRun(await getDb(), SETUP_ACTOR, sourceUuid, "cli")).uuid };
    },
    call: (fn, { extra }) =>
      fn(new Request(`http://localhost/api/v1/scan-runs/${extra.runUuid}`), {
        params: Promise.resolve({ uuid: extra.runUuid }),
      }),
  },
  "app/api/v1/assets/route.ts#GET": {
    capability: "assets.read",
    call: (fn) => fn(api("GET", "/assets?status=pending")),
  },
  "app/api/v1/assets/export.csv/route.ts#GET": {
    capability: "assets.read",
    call: (fn) => fn(api("GET", "/assets/export.csv?status=pending&columns=uri")),
  },
  "app/api/v1/assets/[uuid]/route.ts#GET": {
    capability: "assets.read",
    call: (fn, { assetUuid }) => fn(api("GET", `/assets/${assetUuid}`), params({ uuid: assetUuid })),
  },
  "app/api/v1/assets/[uuid]/[transition]/route.ts#POST": {
    capability: "assets.approve",
    call: (fn, { freshAssetUuid }) =>
      fn(api("POST", `/assets/${freshAssetUuid}/approve`, {}), params({ uuid: freshAssetUuid, transition: "approve" })),
  },
  "app/api/v1/assets/approve/route.ts#POST": {
    capability: "assets.approve",
    call: (fn, { freshAssetUuid }) => fn(api("POST", "/assets/approve", { uuids: [freshAssetUuid] })),
  },
  "app/api/v1/assets/promote/route.ts#POST": {
    capability: "assets.approve",
    call: (fn, { freshAssetUuid }) => fn(api("POST", "/assets/promote", { uuids: [freshAssetUuid] })),
  },
  "app/api/v1/assets/delete/route.ts#POST": {
    capability: "assets.delete",
    call: (fn, { freshAssetUuid }) => fn(api("POST", "/assets/delete", { uuids: [freshAssetUuid], reason: "test" })),
  },
  "app/api/v1/assets/restore/route.ts#POST": {
    capability: "trash.manage",
    setup: deletedAsset,
    call: (fn, { extra }) => fn(api("POST", "/assets/restore", { uuids: [extra.deletedUuid] })),
  },
  "app/api/v1/assets/purge/route.ts#POST": {
    capability: "trash.manage",
    setup: deletedAsset,
    call: (fn, { extra }) => fn(api("POST", "/assets/purge", { uuids: [extra.deletedUuid], reason: "test" })),
  },
  "app/api/v1/sources/[uuid]/schedule/route.ts#PUT": {
    capability: "admin.manage",
    setup: folderSource,
    call: (fn, { extra }) =>
      fn(
        api("PUT", `/sources/${extra.sourceUuid}/schedule`, { kind: "every", hours: 6 }),
        params({ uuid: extra.sourceUuid! }),
      ),
  },
  "app/api/v1/trash/retention/route.ts#GET": {
    capability: "trash.manage",
    call: (fn) => fn(api("GET", "/trash/retention")),
  },
  "app/api/v1/trash/retention/route.ts#PUT": {
    capability: "trash.manage",
    call: (fn) => fn(api("PUT", "/trash/retention", { days: 90 })),
  },
  "app/(desk)/trash/actions.ts#setTrashRetentionAction": {
    capability: "trash.manage",
    call: (fn) => fn(null, form({ days: "90" })),
  },
  "app/api/v1/catalog/route.ts#GET": { capability: "assets.read", call: (fn) => fn(api("GET", "/catalog")) },
  "app/(desk)/catalog/actions.ts#editCatalogEntryAction": {
    capability: "catalog.edit",
    setup: catalogEntry,
    call: (fn, { extra }) =>
      fn(null, form({ uuid: extra.catalogUuid!, version: extra.version!, title: "Renamed", tags: "news, late" })),
  },
  "app/(desk)/catalog/actions.ts#previewReplaceSourceAction": {
    capability: "catalog.edit",
    setup: catalogEntry,
    call: (fn, { extra }) => fn({ uuid: extra.catalogUuid!, asset: `/assets/${extra.replacementUuid!}` }),
  },
  "app/(desk)/catalog/actions.ts#replaceSourceAction": {
    capability: "catalog.edit",
    setup: catalogEntry,
    call: (fn, { extra }) =>
      fn({ uuid: extra.catalogUuid!, asset: extra.replacementUuid!, version: Number(extra.version) }),
  },
  "app/api/v1/catalog/[uuid]/route.ts#GET": {
    capability: "assets.read",
    setup: catalogEntry,
    call: (fn, { extra }) => fn(api("GET", `/catalog/${extra.catalogUuid}`), params({ uuid: extra.catalogUuid! })),
  },
  "app/api/v1/catalog/[uuid]/route.ts#PATCH": {
    capability: "catalog.edit",
    setup: catalogEntry,
    call: (fn, { extra }) =>
      fn(
        api("PATCH", `/catalog/${extra.catalogUuid}`, { title: "Renamed", version: Number(extra.version) }),
        params({ uuid: extra.catalogUuid! }),
      ),
  },
  "app/api/v1/catalog/[uuid]/source/route.ts#POST": {
    capability: "catalog.edit",
    setup: catalogEntry,
    call: (fn, { extra }) =>
      fn(
        api("POST", `/catalog/${extra.catalogUuid}/source`, { assetUuid: extra.replacementUuid }),
        params({ uuid: extra.catalogUuid! }),
      ),
  },
  "app/api/v1/openapi.json/route.ts#GET": { capability: "public" },
  "app/api/v1/audit/route.ts#GET": { capability: "trash.manage", call: (fn) => fn(api("GET", "/audit")) },
  "app/api/v1/sources/[uuid]/scans/route.ts#POST": {
    capability: "assets.edit",
    setup: folderSource,
    call: (fn, { extra }) => fn(api("POST", `/sources/${extra.sourceUuid}/scans`), params({ uuid: extra.sourceUuid! })),
  },
  // Liveness and readiness probes for load balancers.
  "app/api/health/route.ts#GET": { capability: "public" },
  "app/api/ready/route.ts#GET": { capability: "public" },
  // next-auth's own sign-in, sign-out, CSRF and session endpoints.
  "app/api/auth/[...nextauth]/route.ts#GET": { capability: "public" },
  "app/api/auth/[...nextauth]/route.ts#POST": { capability: "public" },
};

async function endpointFiles(dir = "app"): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && (entry.name === "route.ts" || entry.name === "actions.ts"))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

async function exportedEndpoints(): Promise<Array<[string, Fn]>> {
  const found: Array<[string, Fn]> = [];
  for (const file of await endpointFiles()) {
    const exports = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(exports)) {
      if (typeof value === "function") found.push([`${file}#${name}`, value as Fn]);
    }
  }
  return found;
}

/** A fingerprint of every row of every table: equal fingerprints mean nothing was written. */
async function databaseFingerprint(): Promise<string> {
  const db = await getDb();
  const tables = await db.$queryRaw<Array<{ table_name: string }>>`
    SELECT table_name FROM information_schema.tables
    WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations')
    ORDER BY table_name`;
  const parts: string[] = [];
  for (const { table_name } of tables) {
    const [row] = await db.$queryRawUnsafe<Array<{ digest: string | null }>>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${table_name}" t`,
    );
    parts.push(`${table_name}:${row?.digest}`);
  }
  return parts.join(",");
}

const ROLES: Array<Role | "anonymous"> = ["anonymous", "operator", "editor", "admin"];
const users = {} as Record<Role, string>;
let counter = 0;
let assetUuid: string;

beforeAll(async () => {
  const db = await getDb();
  for (const role of ["operator", "editor", "admin"] as const) users[role] = (await createUser(db, { role })).uuid;
  assetUuid = (await createAsset(db, { container: "mp4", videoCodec: "h264", audioCodec: "aac" })).uuid;
});

describe("every server action and route handler", () => {
  it("is declared in the authorization table", async () => {
    const exported = (await exportedEndpoints()).map(([key]) => key).sort();
    expect(exported).toEqual(Object.keys(ENDPOINTS).sort());
  });

  it("is made by defineAction when it is a server action", async () => {
    const handWritten = (await exportedEndpoints())
      .filter(([key, fn]) => key.split("#")[0]!.endsWith("actions.ts") && !isDefinedAction(fn))
      .map(([key]) => key);
    expect(handWritten).toEqual([]);
  });

  const protectedEndpoints = Object.entries(ENDPOINTS).filter(([, endpoint]) => endpoint.capability !== "public");
  describe.each(protectedEndpoints)("%s", (key, endpoint) => {
    it.each(ROLES)("as %s: allowed exactly when the table says so; a refusal changes nothing", async (role) => {
      const [file, name] = key.split("#") as [string, string];
      const exports = (await import(/* @vite-ignore */ path.resolve(file))) as Record<string, Fn>;
      const fn = exports[name]!;
      const db = await getDb();
      const target = await createUser(db, { role: "operator" });
      await actAs(role === "anonymous" ? null : users[role]);
      const fixture: Fixture = {
        unique: `endpoint-${process.pid}-${++counter}`,
        targetUuid: target.uuid,
        assetUuid,
        freshAssetUuid: (await createAsset(db)).uuid,
      };
      const extra = (await endpoint.setup?.(fixture)) ?? {};

      const before = await databaseFingerprint();
      const result = await endpoint.call!(fn, { ...fixture, extra });
      const allowed = role !== "anonymous" && endpoint.capability !== "public" && can(role, endpoint.capability);

      if (result instanceof Response) {
        // Route handlers are judged by status: 401 anonymous, 403 not allowed, anything else allowed.
        await result.body?.cancel();
        if (allowed) expect([401, 403]).not.toContain(result.status);
        else expect(result.status).toBe(role === "anonymous" ? 401 : 403);
      } else if (allowed) {
        expect(result).toMatchObject({ ok: true });
      } else {
        expect(result).toEqual({
          ok: false,
          message: role === "anonymous" ? "Sign in to continue." : "You are not allowed to do this.",
        });
      }
      if (!allowed) expect(await databaseFingerprint()).toBe(before);
    });
  });

  it("refuses a disabled user's existing session at the next action", async () => {
    const db = await getDb();
    const admin = await createUser(db, { role: "admin" });
    await actAs(admin.uuid);
    const { setUserRoleAction } = await import("@/app/(desk)/users/actions");
    const target = await createUser(db, { role: "operator" });
    expect(await setUserRoleAction(null, form({ userUuid: target.uuid, role: "editor" }))).toMatchObject({ ok: true });

    await db.user.update({ where: { uuid: admin.uuid }, data: { disabled: true } });
    expect(await setUserRoleAction(null, form({ userUuid: target.uuid, role: "admin" }))).toEqual({
      ok: false,
      message: "Sign in to continue.",
    });
    expect((await db.user.findUniqueOrThrow({ where: { uuid: target.uuid } })).role).toBe("editor");
  });

  it("rejects malformed input with field errors before touching anything", async () => {
    await actAs(users.admin);
    const { setUserRoleAction, createUserAction } = await import("@/app/(desk)/users/actions");
    const before = await databaseFingerprint();
    expect(await setUserRoleAction(null, form({ userUuid: "42", role: "editor" }))).toMatchObject({
      ok: false,
      fieldErrors: { userUuid: ["Unknown user."] },
    });
    expect(await setUserRoleAction(null, form({ userUuid: users.operator, role: "superuser" }))).toMatchObject({
      ok: false,
      fieldErrors: { role: expect.any(Array) },
    });
    expect(
      await createUserAction(
        null,
        form({ email: "x@test.local", name: "X", role: "admin", password: "short", isAdmin: "yes" }),
      ),
    ).toMatchObject({
      ok: false,
      fieldErrors: { password: ["Use at least 12 characters."], form: expect.any(Array) },
    });
    expect(await databaseFingerprint()).toBe(before);
  });
});
