import { describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { createUser as createTestUser } from "@/lib/seed/factories";
import { createUser, resetUserPassword, setUserDisabled, setUserRole } from "@/lib/users/manage";

async function adminActor(): Promise<AuditActor> {
  const db = await getDb();
  const admin = await createTestUser(db, { role: "admin" });
  const row = await db.user.findUniqueOrThrow({ where: { uuid: admin.uuid } });
  return { id: row.id, uuid: row.uuid, email: row.email };
}

describe("user management", () => {
  it("creates a user with a lower-cased email and an audit row naming the admin", async () => {
    const db = await getDb();
    const actor = await adminActor();
    const user = await createUser(db, actor, {
      email: " New.Person@Example.ORG ",
      name: "New Person",
      role: "editor",
      password: "a long enough password",
    });
    expect(user).toMatchObject({ email: "new.person@example.org", role: "editor" });
    const events = await db.auditEvent.findMany({ where: { targetUuid: user.uuid } });
    expect(events).toMatchObject([
      {
        action: "user.create",
        actorUuid: actor.uuid,
        actorEmail: actor.email,
        after: { email: "new.person@example.org", role: "editor" },
      },
    ]);
  });

  it("refuses a second user with the same email and changes nothing", async () => {
    const db = await getDb();
    const actor = await adminActor();
    await createUser(db, actor, {
      email: "twice@example.org",
      name: "A",
      role: "operator",
      password: "a long enough password",
    });
    const before = await db.auditEvent.count();
    await expect(
      createUser(db, actor, {
        email: "TWICE@example.org",
        name: "B",
        role: "admin",
        password: "a long enough password",
      }),
    ).rejects.toThrow(/already exists/);
    expect(await db.user.count({ where: { email: "twice@example.org" } })).toBe(1);
    expect(await db.auditEvent.count()).toBe(before);
  });

  it("changes roles with before and after in the audit log", async () => {
    const db = await getDb();
    const actor = await adminActor();
    const user = await createTestUser(db, { role: "operator" });
    await expect(setUserRole(db, actor, { userUuid: user.uuid, role: "editor" })).resolves.toMatchObject({
      changed: true,
    });
    expect((await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } })).role).toBe("editor");
    expect(await db.auditEvent.findFirst({ where: { targetUuid: user.uuid, action: "user.role" } })).toMatchObject({
      before: { role: "operator" },
      after: { role: "editor" },
    });
  });

  it("never leaves the desk without an enabled admin", async () => {
    const db = await getDb();
    await db.user.updateMany({ where: { role: "admin" }, data: { disabled: true } });
    const actor = await adminActor();
    await expect(setUserRole(db, actor, { userUuid: actor.uuid!, role: "editor" })).rejects.toThrow(
      /At least one enabled admin must remain/,
    );
    expect((await db.user.findUniqueOrThrow({ where: { uuid: actor.uuid! } })).role).toBe("admin");
  });

  it("refuses to let an admin disable their own account; disables and re-enables others", async () => {
    const db = await getDb();
    const actor = await adminActor();
    await expect(setUserDisabled(db, actor, { userUuid: actor.uuid!, disabled: true })).rejects.toThrow(
      /your own account/,
    );
    const user = await createTestUser(db, { role: "editor" });
    await setUserDisabled(db, actor, { userUuid: user.uuid, disabled: true });
    expect((await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } })).disabled).toBe(true);
    await setUserDisabled(db, actor, { userUuid: user.uuid, disabled: false });
    const actions = (await db.auditEvent.findMany({ where: { targetUuid: user.uuid }, orderBy: { id: "asc" } })).map(
      (event) => event.action,
    );
    expect(actions).toEqual(["user.disable", "user.enable"]);
  });

  it("resets a password and records that it happened, not the password", async () => {
    const db = await getDb();
    const actor = await adminActor();
    const user = await createTestUser(db, { role: "operator" });
    await resetUserPassword(db, actor, { userUuid: user.uuid, password: "brand new password 42" });
    const row = await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } });
    expect(await verifyPassword(row.passwordHash, "brand new password 42")).toBe(true);
    const event = await db.auditEvent.findFirstOrThrow({
      where: { targetUuid: user.uuid, action: "user.password_reset" },
    });
    expect(JSON.stringify(event)).not.toContain("brand new password");
    expect(JSON.stringify(event)).not.toContain(row.passwordHash);
  });

  it("reports an unknown user as not found", async () => {
    const db = await getDb();
    await expect(
      setUserRole(db, await adminActor(), { userUuid: "00000000-0000-4000-8000-000000000000", role: "editor" }),
    ).rejects.toThrow(/no longer exists/);
  });
});
