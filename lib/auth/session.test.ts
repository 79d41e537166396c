import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { sendSessionCookie, sessionCookieFor } from "@/lib/testing/session";
import { authenticate } from "@/lib/auth/authenticate";
import { authOptions } from "@/lib/auth/config";
import { authSecret } from "@/lib/auth/cookies";
import { currentActor } from "@/lib/auth/session";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { createUser } from "@/lib/seed/factories";
import { endUserSessions, resetUserPassword, setUserDisabled, setUserRole } from "@/lib/users/manage";

const PASSWORD = "correct horse battery staple";
const ADMIN: AuditActor = { id: null, uuid: null, email: "session-test@test.local" };

/** The cookie next-auth sets when this user signs in with their password: authorize, then the jwt callback, then encode. */
async function signInCookie(email: string): Promise<string> {
  const user = await authenticate(await getDb(), { email, password: PASSWORD, clientAddress: "203.0.113.7" });
  const token = await authOptions.callbacks!.jwt!({
    token: { sub: undefined },
    user: { id: user.uuid, sessionVersion: user.sessionVersion },
    account: null,
    trigger: "signIn",
  });
  return encode({ token, secret: authSecret! });
}

async function signedInAs(cookie: string): Promise<string | null> {
  sendSessionCookie(cookie);
  return (await currentActor())?.uuid ?? null;
}

async function newUser(role: Role = "editor") {
  return createUser(await getDb(), { role, password: PASSWORD });
}

describe("sessions end when they should", () => {
  it("a session from before a password reset is refused after it; signing in again works", async () => {
    const db = await getDb();
    const user = await newUser();
    const before = await signInCookie(user.email);
    expect(await signedInAs(before)).toBe(user.uuid);

    await resetUserPassword(db, ADMIN, { userUuid: user.uuid, password: PASSWORD });
    expect(await signedInAs(before)).toBeNull();
    expect(await signedInAs(await signInCookie(user.email))).toBe(user.uuid);
    expect(await db.auditEvent.findMany({ where: { targetUuid: user.uuid }, select: { action: true } })).toEqual([
      { action: "user.password_reset" },
    ]);
  });

  it("sign out everywhere ends every session of the user, and is audited", async () => {
    const db = await getDb();
    const user = await newUser();
    const laptop = await signInCookie(user.email);
    const phone = await signInCookie(user.email);
    await endUserSessions(db, ADMIN, { userUuid: user.uuid });
    expect(await signedInAs(laptop)).toBeNull();
    expect(await signedInAs(phone)).toBeNull();
    expect(
      await db.auditEvent.findMany({ where: { targetUuid: user.uuid }, select: { action: true, actorEmail: true } }),
    ).toEqual([{ action: "user.sessions_end", actorEmail: ADMIN.email }]);
  });

  it("the user's own sign out everywhere ends the session it was made from", async () => {
    const user = await newUser("operator");
    const cookie = await sessionCookieFor(user.uuid);
    sendSessionCookie(cookie);
    const { endMySessionsAction } = await import("@/app/(desk)/users/actions");
    expect(await endMySessionsAction()).toEqual({ ok: true });
    expect(await signedInAs(cookie)).toBeNull();
    expect(await endMySessionsAction()).toEqual({ ok: false, message: "Sign in to continue." });
  });

  it("a lower role ends the sessions, a higher one does not", async () => {
    const db = await getDb();
    await newUser("admin"); // the last admin cannot be demoted
    const user = await newUser("editor");
    const cookie = await signInCookie(user.email);
    await setUserRole(db, ADMIN, { userUuid: user.uuid, role: "admin" });
    expect(await signedInAs(cookie)).toBe(user.uuid);
    await setUserRole(db, ADMIN, { userUuid: user.uuid, role: "operator" });
    expect(await signedInAs(cookie)).toBeNull();
  });

  it("a disable ends the sessions for good: enabling the user again does not bring them back", async () => {
    const db = await getDb();
    const user = await newUser();
    const cookie = await signInCookie(user.email);
    await setUserDisabled(db, ADMIN, { userUuid: user.uuid, disabled: true });
    await setUserDisabled(db, ADMIN, { userUuid: user.uuid, disabled: false });
    expect(await signedInAs(cookie)).toBeNull();
    expect(await signedInAs(await signInCookie(user.email))).toBe(user.uuid);
  });
});
