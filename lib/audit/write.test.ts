import { describe, expect, it } from "vitest";
import { actAs } from "@/lib/testing/session";
import { POST as approveAssets } from "@/app/api/v1/assets/approve/route";
import { transitionAssetAction } from "@/app/(desk)/assets/actions";
import { createApiToken } from "@/lib/auth/api-tokens";
import { writeAudit } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { createAsset, createUser } from "@/lib/seed/factories";

// The audit trail on a real database: append-only for the application, and a change made with an
// API token names the token next to its owner.

const CLI = { id: null, uuid: null, email: "cli:test" };

async function oneAuditRow() {
  const db = await getDb();
  const asset = await createAsset(db);
  await db.$transaction((tx) =>
    writeAudit(tx, CLI, [
      { action: "asset.update", targetType: "asset", targetUuid: asset.uuid, after: { note: "original" } },
    ]),
  );
  return db.auditEvent.findFirstOrThrow({ where: { targetUuid: asset.uuid } });
}

describe("audit_events is append-only", () => {
  it("refuses to update a row, even through raw SQL of the application's own role", async () => {
    const db = await getDb();
    const row = await oneAuditRow();
    await expect(
      db.auditEvent.update({ where: { id: row.id }, data: { actorEmail: "someone-else@test.local" } }),
    ).rejects.toThrow(/append-only/);
    await expect(
      db.$executeRaw`UPDATE audit_events SET after = '{"note":"forged"}' WHERE id = ${row.id}`,
    ).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("refuses to delete or truncate rows", async () => {
    const db = await getDb();
    const row = await oneAuditRow();
    await expect(db.auditEvent.delete({ where: { id: row.id } })).rejects.toThrow(/append-only/);
    await expect(db.$executeRaw`DELETE FROM audit_events`).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe("TRUNCATE audit_events CASCADE")).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.findUniqueOrThrow({ where: { id: row.id } })).toEqual(row);
  });

  it("still lets a removed user's rows keep their trail (the foreign key only clears actor_id)", async () => {
    const db = await getDb();
    const user = await createUser(db, { role: "editor" });
    const actor = await db.user.findUniqueOrThrow({
      where: { uuid: user.uuid },
      select: { id: true, uuid: true, email: true },
    });
    const asset = await createAsset(db);
    await db.$transaction((tx) =>
      writeAudit(tx, actor, [{ action: "asset.update", targetType: "asset", targetUuid: asset.uuid }]),
    );
    await db.user.delete({ where: { id: actor.id } });
    expect(await db.auditEvent.findFirstOrThrow({ where: { targetUuid: asset.uuid } })).toMatchObject({
      actorId: null,
      actorUuid: user.uuid,
      actorEmail: user.email,
    });
  });
});

describe("changes made with an API token", () => {
  it("record the token's uuid next to its owner; the desk's own changes record none", async () => {
    const db = await getDb();
    const editor = await createUser(db, { role: "editor" });
    const token = await createApiToken(db, CLI, { ownerEmail: editor.email, name: "playout" });
    const [viaToken, viaDesk] = [await createAsset(db), await createAsset(db)];

    const response = await approveAssets(
      new Request("http://localhost/api/v1/assets/approve", {
        method: "POST",
        headers: { authorization: `Bearer ${token.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ uuids: [viaToken.uuid] }),
      }),
    );
    expect(response.status).toBe(200);
    await actAs(editor.uuid);
    const form = new FormData();
    form.set("uuid", viaDesk.uuid);
    form.set("transition", "approve");
    expect(await transitionAssetAction(null, form)).toMatchObject({ ok: true });

    expect(
      await db.auditEvent.findFirstOrThrow({ where: { targetUuid: viaToken.uuid, action: "asset.approve" } }),
    ).toMatchObject({ actorUuid: editor.uuid, apiTokenUuid: token.uuid });
    expect(
      await db.auditEvent.findFirstOrThrow({ where: { targetUuid: viaDesk.uuid, action: "asset.approve" } }),
    ).toMatchObject({ actorUuid: editor.uuid, apiTokenUuid: null });
  });
});
