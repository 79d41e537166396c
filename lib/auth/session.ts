import "server-only";
import { decode } from "next-auth/jwt";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { cache } from "react";
import { authSecret, sessionCookieName } from "@/lib/auth/cookies";
import { can, type Capability } from "@/lib/auth/permissions";
import type { AuditActor } from "@/lib/audit/write";
import { getDb } from "@/lib/db";
import { notAllowed, notSignedIn } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/client";
import { parseUuid } from "@/lib/uuid";

export interface Actor extends AuditActor {
  id: number;
  uuid: string;
  name: string;
  role: Role;
}

/**
 * The signed-in user as the database knows them now: a demoted or disabled user loses access at
 * their next request, not when their session cookie expires. A session whose version is not the
 * user's current one (raised by a password reset, a disable, a lower role or "sign out
 * everywhere", lib/users/manage.ts) is signed out. Tokens from before versions existed carry none
 * and count as version 0, the column's default.
 */
export const currentActor = cache(async function currentActor(): Promise<Actor | null> {
  // The session cookie is a JWT signed and encrypted by next-auth; it names the user by uuid and session version only.
  const raw = (await cookies()).get(sessionCookieName)?.value;
  const token = raw && authSecret ? await decode({ token: raw, secret: authSecret }).catch(() => null) : null;
  const uuid = parseUuid(token?.sub);
  if (!uuid) return null;
  const user = await (
    await getDb()
  ).user.findUnique({
    where: { uuid },
    select: { id: true, uuid: true, email: true, name: true, role: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled || user.sessionVersion !== (token?.sv ?? 0)) return null;
  return { id: user.id, uuid: user.uuid, email: user.email, name: user.name, role: user.role };
});

/** The authorization of every server action (lib/define-action.ts): a signed-in user whose role has the capability. */
export async function requireCapability(capability: Capability): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) throw notSignedIn();
  if (!can(actor.role, capability)) throw notAllowed();
  return actor;
}

/** For pages: the signed-in user, or a redirect to the login page. */
export async function pageActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}
