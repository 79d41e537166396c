import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { actAs } from "@/lib/testing/session";
import { previewBulkAction, bulkTransitionAction, transitionAssetAction } from "@/app/(desk)/assets/actions";
import { GET as getAsset } from "@/app/api/v1/assets/[uuid]/route";
import { POST as transitionRoute } from "@/app/api/v1/assets/[uuid]/[transition]/route";
import { POST as bulkApproveRoute } from "@/app/api/v1/assets/approve/route";
import { seesDeletedAssets } from "@/lib/assets/visibility";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import { listRunItems } from "@/lib/ingest/queries";
import { createAsset, createUser } from "@/lib/seed/factories";

// A deleted asset below trash.manage, on every surface that takes a uuid or a filter: the answer an
// operator or an editor gets for it is the answer they get for a uuid that never existed.

const ROLES = ["operator", "editor", "admin"] as const;
type TestRole = (typeof ROLES)[number];
const users = {} as Record<TestRole, string>;
const tokens = {} as Record<TestRole, string>;
let tag: string;
let deleted: string;
let live: string;

const api = (role: TestRole, path: string, body?: object) =>
  new Request(`http://localhost/api/v1${path}`, {
    method: body ? "POST" : "GET",
    headers: { authorization: `Bearer ${tokens[role]}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.set(key, value);
  return data;
};

beforeAll(async () => {
  const db = await getDb();
  tag = `vis${process.pid}x${Date.now()}`;
  for (const role of ROLES) {
    const user = await createUser(db, { role });
    users[role] = user.uuid;
    tokens[role] = (
      await createApiToken(
        db,
        { id: null, uuid: null, email: "setup@test.local" },
        { ownerEmail: user.email, name: `visibility ${role}` },
      )
    ).secret;
  }
  live = (await createAsset(db, { uri: `/media/${tag}/live.mkv` })).uuid;
  deleted = (
    await createAsset(db, {
      uri: `/media/${tag}/deleted.mkv`,
      isDeleted: true,
      deletedAt: new Date(),
      deleteReason: "Rights expired",
    })
  ).uuid;
});

describe("who sees deleted assets", () => {
  it("is trash.manage: admins, and the server's own command line", () => {
    expect(ROLES.map((role) => seesDeletedAssets(role))).toEqual([false, false, true]);
    expect(seesDeletedAssets("server")).toBe(true);
  });

  it.each(ROLES)("GET /api/v1/assets/{uuid} as %s", async (role) => {
    const unknown = randomUUID();
    const response = await getAsset(api(role, `/assets/${deleted}`), { params: Promise.resolve({ uuid: deleted }) });
    if (role === "admin") {
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ uuid: deleted, status: "deleted" });
      return;
    }
    const missing = await (
      await getAsset(api(role, `/assets/${unknown}`), { params: Promise.resolve({ uuid: unknown }) })
    ).json();
    expect(response.status).toBe(404);
    const body = await response.json();
    expect({ ...body, requestId: undefined }).toEqual({ ...missing, requestId: undefined });
    expect(JSON.stringify(body)).not.toContain("Rights expired");
  });

  it.each(ROLES)("POST /api/v1/assets/{uuid}/approve and the approve action as %s", async (role) => {
    await actAs(users[role]);
    const response = await transitionRoute(api(role, `/assets/${deleted}/approve`, {}), {
      params: Promise.resolve({ uuid: deleted, transition: "approve" }),
    });
    const action = await transitionAssetAction(null, form({ uuid: deleted, transition: "approve" }));
    if (role === "operator") {
      expect(response.status).toBe(403);
      expect(action).toMatchObject({ ok: false, message: "You are not allowed to do this." });
    } else if (role === "editor") {
      // Not "It is deleted; restore it first": that would say the uuid exists.
      expect(response.status).toBe(404);
      expect(await response.json()).toMatchObject({ code: "not_found", detail: "That asset no longer exists." });
      expect(action).toEqual({ ok: false, message: "That asset no longer exists." });
    } else {
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ code: "conflict", detail: "It is deleted; restore it first." });
    }
  });

  it("an editor who deletes an asset from its page is sent back to the list; it is not found afterwards; an admin stays on it", async () => {
    const db = await getDb();
    for (const role of ["editor", "admin"] as const) {
      await actAs(users[role]);
      const { uuid } = await createAsset(db, { uri: `/media/leave-${process.pid}-${Date.now()}/delete-${role}.mkv` });
      const result = transitionAssetAction(null, form({ uuid, transition: "delete", reason: "Duplicate", leave: "1" }));
      if (role === "editor") {
        await expect(result).rejects.toMatchObject({ digest: expect.stringContaining(";/assets;") });
        await expect(transitionAssetAction(null, form({ uuid, transition: "delete" }))).resolves.toEqual({
          ok: false,
          message: "That asset no longer exists.",
        });
      } else {
        await expect(result).resolves.toEqual({ ok: true, changed: true });
      }
      expect(await db.asset.findUniqueOrThrow({ where: { uuid }, select: { isDeleted: true } })).toEqual({
        isDeleted: true,
      });
    }
  });

  it.each(["editor", "admin"] as const)(
    "bulk pre-flight and bulk approve over status=deleted and over a uuid list as %s",
    async (role) => {
      await actAs(users[role]);
      const filter = { kind: "filter" as const, query: `status=deleted&q=${tag}` };
      const uuids = { kind: "uuids" as const, uuids: [deleted, live] };
      const hidden = role === "editor";

      const byFilter = await previewBulkAction({ transition: "approve", selection: filter });
      expect(byFilter).toMatchObject({
        ok: true,
        preflight: hidden ? { total: 0, skipped: {} } : { total: 1, skipped: { deleted: 1 } },
      });
      const byUuid = await previewBulkAction({ transition: "delete", selection: uuids });
      expect(byUuid).toMatchObject({
        ok: true,
        preflight: hidden ? { total: 1, willChange: 1, alreadyDone: 0 } : { total: 2, willChange: 1, alreadyDone: 1 },
      });

      const action = await bulkTransitionAction({ transition: "approve", selection: filter });
      expect(action).toMatchObject({ ok: true, report: { changed: 0, skipped: hidden ? {} : { deleted: 1 } } });
      const rest = await bulkApproveRoute(api(role, "/assets/approve", { uuids: [deleted] }));
      expect(rest.status).toBe(200);
      expect(await rest.json()).toMatchObject({ changed: 0, alreadyDone: 0, skipped: hidden ? {} : { deleted: 1 } });
      const restFilter = await bulkApproveRoute(
        api(role, "/assets/approve", { filter: { status: "deleted", q: tag } }),
      );
      expect(await restFilter.json()).toMatchObject({ changed: 0, skipped: hidden ? {} : { deleted: 1 } });
    },
  );

  it.each(ROLES)("a scan run's report links a deleted asset only for those who see the trash: as %s", async (role) => {
    const db = await getDb();
    const ids = await db.asset.findMany({ where: { uuid: { in: [live, deleted] } }, select: { id: true, uuid: true } });
    const run = await db.scanRun.create({
      data: { sourceName: `visibility ${tag}`, kind: "filesystem", status: "succeeded", trigger: "cli" },
      select: { id: true, uuid: true },
    });
    await db.scanRunItem.createMany({
      data: ids.map((asset) => ({ runId: run.id, outcome: "missing", path: asset.uuid, assetId: asset.id })),
    });
    const items = await listRunItems(db, run.uuid, "missing", role);
    expect(Object.fromEntries(items.map((item) => [item.path, item.assetUuid]))).toEqual({
      [live]: live,
      [deleted]: role === "admin" ? deleted : null,
    });
  });
});
