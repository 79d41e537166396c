import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/lib/db";
import { env } from "@/lib/env";
import { writeAudit, type AuditActor } from "@/lib/audit/write";
import type { Actor } from "@/lib/auth/session";
import { KnownError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/client";

// Personal API tokens for integrations. A token is `adk_` + 32 random bytes (base64url): far too
// much entropy to guess, so a plain sha256 is the right hash (fast to look up, nothing to salt).
// The secret is returned once, at creation; the database keeps its hash and its first characters.

const TOKEN_PREFIX = "adk_";
const PREFIX_LENGTH = 12;

export const tokenNameSchema = z.string().trim().min(1, "Give the token a name.").max(100, "At most 100 characters.");

const hashToken = (secret: string) => createHash("sha256").update(secret).digest("hex");

export interface CreatedToken {
  uuid: string;
  name: string;
  /** Shown once; never stored. */
  secret: string;
  ownerEmail: string;
}

export async function createApiToken(
  db: Db,
  actor: AuditActor,
  input: { ownerEmail: string; name: string },
): Promise<CreatedToken> {
  const name = tokenNameSchema.safeParse(input.name);
  if (!name.success)
    throw new KnownError("invalid", name.error.issues[0]!.message, {
      name: name.error.issues.map((issue) => issue.message),
    });
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({
      where: { email: input.ownerEmail.trim().toLowerCase() },
      select: { id: true, email: true, disabled: true },
    });
    if (!owner)
      throw new KnownError("not_found", `No user has the email ${input.ownerEmail}.`, {
        ownerEmail: ["No user has this email."],
      });
    if (owner.disabled)
      throw new KnownError("conflict", "That user is disabled; enable them first.", {
        ownerEmail: ["This user is disabled."],
      });
    const token = await tx.apiToken.create({
      data: {
        name: name.data,
        tokenHash: hashToken(secret),
        prefix: secret.slice(0, PREFIX_LENGTH),
        ownerId: owner.id,
        createdById: actor.id,
      },
      select: { uuid: true, name: true },
    });
    await writeAudit(tx, actor, [
      {
        action: "token.create",
        targetType: "api_token",
        targetUuid: token.uuid,
        after: { name: token.name, owner: owner.email },
      },
    ]);
    return { uuid: token.uuid, name: token.name, secret, ownerEmail: owner.email };
  });
}

export async function revokeApiToken(db: Db, actor: AuditActor, uuid: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { uuid }, select: { id: true, name: true, revokedAt: true } });
    if (!token) throw new KnownError("not_found", "No API token has that id.");
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: new Date() } });
    await writeAudit(tx, actor, [
      { action: "token.revoke", targetType: "api_token", targetUuid: uuid, before: { name: token.name } },
    ]);
  });
}

/** Every token with its owner, newest first; never the secret or its hash. */
export async function listApiTokens(db: Db) {
  const tokens = await db.apiToken.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      uuid: true,
      name: true,
      prefix: true,
      createdAt: true,
      lastUsedAt: true,
      revokedAt: true,
      owner: { select: { uuid: true, email: true, role: true, disabled: true } },
    },
  });
  return tokens;
}

export type TokenCheck = { actor: Actor; retryAfterSeconds?: undefined } | { actor: null; retryAfterSeconds?: number };

/**
 * The user behind a bearer token, if the token is live and its owner enabled; their role is read
 * now, as for a session. Each use counts against the token's per-minute limit (kept on its row, so
 * it holds across app instances) and records when it was last used.
 */
export async function authenticateApiToken(db: Db, secret: string): Promise<TokenCheck> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return { actor: null };
  const [row] = await db.$queryRaw<
    {
      count: number;
      retry_after: number;
      token_uuid: string;
      id: number;
      uuid: string;
      email: string;
      name: string;
      role: Role;
    }[]
  >`
    UPDATE api_tokens t SET
      window_count = CASE WHEN t.window_start = date_trunc('minute', now()) THEN t.window_count + 1 ELSE 1 END,
      window_start = date_trunc('minute', now()),
      last_used_at = now()
    FROM users u
    WHERE t.token_hash = ${hashToken(secret)} AND t.revoked_at IS NULL AND u.id = t.owner_id AND NOT u.disabled
    RETURNING t.window_count AS count, 60 - extract(second FROM now())::int AS retry_after, t.uuid::text AS token_uuid, u.id, u.uuid::text AS uuid, u.email, u.name, u.role::text AS role`;
  if (!row) return { actor: null };
  if (row.count > env.API_RATE_LIMIT_PER_MINUTE)
    return { actor: null, retryAfterSeconds: Math.max(1, row.retry_after) };
  const { id, uuid, email, name, role, token_uuid } = row;
  return { actor: { id, uuid, email, name, role, apiTokenUuid: token_uuid } };
}
