import "server-only";
import type { Db } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { hashPassword } from "@/lib/auth/password";
import { normalizeEmail } from "@/lib/auth/authenticate";
import { writeAudit, type AuditActor } from "@/lib/audit/write";
import { KnownError } from "@/lib/errors";

// User management: each change and its audit row commit together.

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const userFields = { id: true, uuid: true, email: true, role: true, disabled: true } as const;

// Raising a user's session version ends every session they have (lib/auth/session.ts compares it
// on each request): after a password reset, a disable, a move to a lower role, or on request.
const endSessions = { sessionVersion: { increment: 1 } } as const;

const ROLE_RANK: Record<Role, number> = { operator: 0, editor: 1, admin: 2 };

async function findUser(tx: Tx, uuid: string) {
  const user = await tx.user.findUnique({ where: { uuid }, select: userFields });
  if (!user) throw new KnownError("not_found", "That user no longer exists.");
  return user;
}

// Serialises changes that could remove the last admin, so two admins demoting each other at once
// cannot both succeed.
async function assertAnotherAdminRemains(tx: Tx, leaving: { id: number; role: Role; disabled: boolean }) {
  if (leaving.role !== "admin" || leaving.disabled) return;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('asset-desk:admins'))`;
  const others = await tx.user.count({ where: { role: "admin", disabled: false, id: { not: leaving.id } } });
  if (others === 0)
    throw new KnownError("conflict", "At least one enabled admin must remain. Make someone else admin first.");
}

export async function listUsers(db: Db) {
  return db.user.findMany({
    orderBy: [{ disabled: "asc" }, { email: "asc" }],
    select: { uuid: true, email: true, name: true, role: true, disabled: true, createdAt: true },
  });
}

export async function createUser(
  db: Db,
  actor: AuditActor,
  input: { email: string; name: string; role: Role; password: string },
) {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } })) {
      throw new KnownError("conflict", "A user with this email already exists.", {
        email: ["A user with this email already exists."],
      });
    }
    const user = await tx.user.create({
      data: { email, name: input.name.trim(), role: input.role, passwordHash },
      select: { uuid: true, email: true, role: true },
    });
    await writeAudit(tx, actor, [
      { action: "user.create", targetType: "user", targetUuid: user.uuid, after: { email, role: input.role } },
    ]);
    return user;
  });
}

export async function setUserRole(db: Db, actor: AuditActor, input: { userUuid: string; role: Role }) {
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userUuid);
    if (user.role === input.role) return { uuid: user.uuid, changed: false };
    if (input.role !== "admin") await assertAnotherAdminRemains(tx, user);
    // A session must not outlive a demotion; a promotion takes effect at the next request anyway.
    const lowered = ROLE_RANK[input.role] < ROLE_RANK[user.role];
    await tx.user.update({ where: { id: user.id }, data: { role: input.role, ...(lowered ? endSessions : {}) } });
    await writeAudit(tx, actor, [
      {
        action: "user.role",
        targetType: "user",
        targetUuid: user.uuid,
        before: { role: user.role },
        after: { role: input.role, ...(lowered ? { sessionsEnded: true } : {}) },
      },
    ]);
    return { uuid: user.uuid, changed: true };
  });
}

export async function setUserDisabled(db: Db, actor: AuditActor, input: { userUuid: string; disabled: boolean }) {
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userUuid);
    if (user.disabled === input.disabled) return { uuid: user.uuid, changed: false };
    if (input.disabled) {
      if (user.uuid === actor.uuid) throw new KnownError("conflict", "You cannot disable your own account.");
      await assertAnotherAdminRemains(tx, user);
    }
    await tx.user.update({
      where: { id: user.id },
      data: { disabled: input.disabled, ...(input.disabled ? endSessions : {}) },
    });
    await writeAudit(tx, actor, [
      {
        action: input.disabled ? "user.disable" : "user.enable",
        targetType: "user",
        targetUuid: user.uuid,
        before: { disabled: user.disabled },
        after: { disabled: input.disabled },
      },
    ]);
    return { uuid: user.uuid, changed: true };
  });
}

export async function resetUserPassword(db: Db, actor: AuditActor, input: { userUuid: string; password: string }) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userUuid);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash, ...endSessions } });
    // The audit row says that it happened, never the password or its hash.
    await writeAudit(tx, actor, [{ action: "user.password_reset", targetType: "user", targetUuid: user.uuid }]);
    return { uuid: user.uuid };
  });
}

/** "Sign out everywhere": ends every session of the user, the caller's own included when it is theirs. */
export async function endUserSessions(db: Db, actor: AuditActor, input: { userUuid: string }) {
  return db.$transaction(async (tx) => {
    const user = await findUser(tx, input.userUuid);
    await tx.user.update({ where: { id: user.id }, data: endSessions });
    await writeAudit(tx, actor, [{ action: "user.sessions_end", targetType: "user", targetUuid: user.uuid }]);
    return { uuid: user.uuid };
  });
}

export async function findUserUuidByEmail(db: Db, email: string): Promise<string> {
  const user = await db.user.findUnique({ where: { email: normalizeEmail(email) }, select: { uuid: true } });
  if (!user) throw new KnownError("not_found", `No user has the email ${normalizeEmail(email)}.`);
  return user.uuid;
}
