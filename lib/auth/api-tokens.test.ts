import { describe, expect, it, vi } from "vitest";

// lib/env.ts reads the limit once, at import: set it before anything imports it.
vi.hoisted(() => {
  process.env.API_RATE_LIMIT_PER_MINUTE = "3";
});

import { GET as listAssets } from "@/app/api/v1/assets/route";
import { POST as approveAssets } from "@/app/api/v1/assets/approve/route";
import { authenticateApiToken, createApiToken, listApiTokens, revokeApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import type { Role } from "@/lib/generated/prisma/client";
import { createAsset, createUser } from "@/lib/seed/factories";

// API tokens on a real database: a token acts as its owner with the owner's role of the moment,
// stops working when revoked or when the owner is disabled, is kept only as a hash, and is held
// to API_RATE_LIMIT_PER_MINUTE requests a minute; then the same through a real route handler.

const LIMIT = 3;
const ADMIN = { id: null, uuid: null, email: "test-admin@test.local" };

async function newToken(role: Role = "operator") {
  const db = await getDb();
  const owner = await createUser(db, { role });
  const token = await createApiToken(db, ADMIN, { ownerEmail: owner.email, name: `token of ${owner.email}` });
  return { db, owner, token };
}

const bearer = (secret: string, init: RequestInit = {}) => ({
  ...init,
  headers: { authorization: `Bearer ${secret}`, ...init.headers },
});

/**
 * Runs `work` until it ran inside one minute of the database clock, so a test of the per-minute
 * window never straddles two windows; `work` makes its own token, so each attempt starts afresh.
 */
async function withinOneMinute<T>(work: () => Promise<T>): Promise<T> {
  const db = await getDb();
  const minute = async () => (await db.$queryRaw<{ m: string }[]>`SELECT date_trunc('minute', now())::text AS m`)[0]!.m;
  for (;;) {
    const before = await minute();
    const result = await work();
    if ((await minute()) === before) return result;
  }
}

describe("authenticateApiToken", () => {
  it("authenticates as the owner, with the owner's role at each request", async () => {
    const { db, owner, token } = await newToken("operator");
    expect(token.secret).toMatch(/^adk_[A-Za-z0-9_-]{43}$/);
    expect((await authenticateApiToken(db, token.secret)).actor).toMatchObject({
      uuid: owner.uuid,
      email: owner.email,
      role: "operator",
    });

    await db.user.update({ where: { uuid: owner.uuid }, data: { role: "editor" } });
    expect((await authenticateApiToken(db, token.secret)).actor).toMatchObject({ uuid: owner.uuid, role: "editor" });
  });

  it("refuses a revoked token", async () => {
    const { db, token } = await newToken();
    await revokeApiToken(db, ADMIN, token.uuid);
    expect(await authenticateApiToken(db, token.secret)).toEqual({ actor: null });
  });

  it("refuses the token of a disabled owner, and accepts it again once they are enabled", async () => {
    const { db, owner, token } = await newToken();
    await db.user.update({ where: { uuid: owner.uuid }, data: { disabled: true } });
    expect(await authenticateApiToken(db, token.secret)).toEqual({ actor: null });
    await db.user.update({ where: { uuid: owner.uuid }, data: { disabled: false } });
    expect((await authenticateApiToken(db, token.secret)).actor).toMatchObject({ uuid: owner.uuid });
  });

  it("refuses wrong and garbage secrets", async () => {
    const { db, token } = await newToken();
    const lastChar = token.secret.at(-1) === "A" ? "B" : "A";
    for (const secret of [
      `${token.secret.slice(0, -1)}${lastChar}`,
      token.secret.slice(0, -1),
      token.secret.slice(4),
      "adk_",
      "",
      "garbage",
      `adk_${"x".repeat(500)}`,
      token.uuid,
    ]) {
      expect(await authenticateApiToken(db, secret), secret).toEqual({ actor: null });
    }
  });

  it("keeps a hash, never the secret: no table holds it", async () => {
    const { db, token } = await newToken();
    const [row] = await db.$queryRaw<Array<{ token_hash: string; prefix: string; whole: string }>>`
      SELECT token_hash, prefix, t::text AS whole FROM api_tokens t WHERE uuid = ${token.uuid}::uuid`;
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row!.token_hash).not.toBe(token.secret);
    expect(token.secret.startsWith(row!.prefix)).toBe(true);
    expect(row!.whole).not.toContain(token.secret.slice(4));

    const tables = await db.$queryRaw<Array<{ table_name: string }>>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`;
    for (const { table_name } of tables) {
      const [found] = await db.$queryRawUnsafe<Array<{ n: number }>>(
        `SELECT count(*)::int AS n FROM "${table_name}" t WHERE strpos(t::text, $1) > 0`,
        token.secret.slice(4),
      );
      expect(found!.n, table_name).toBe(0);
    }
    expect(JSON.stringify(await listApiTokens(db))).not.toContain(token.secret.slice(4));
  });

  it("records when the token was last used", async () => {
    const { db, token } = await newToken();
    const lastUsed = async () => (await db.apiToken.findUniqueOrThrow({ where: { uuid: token.uuid } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const before = Date.now();
    await authenticateApiToken(db, token.secret);
    expect((await lastUsed())!.getTime()).toBeGreaterThanOrEqual(before - 5_000);
  });

  it(`refuses request ${LIMIT + 1} of a minute with the seconds to wait`, async () => {
    const checks = await withinOneMinute(async () => {
      const { db, token } = await newToken();
      const results = [];
      for (let i = 0; i <= LIMIT; i++) results.push(await authenticateApiToken(db, token.secret));
      return results;
    });
    expect(checks.slice(0, LIMIT).every((check) => check.actor !== null)).toBe(true);
    const refused = checks[LIMIT]!;
    expect(refused.actor).toBeNull();
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60);
  });
});

describe("a route handler called with a bearer token", () => {
  it("answers GET /api/v1/assets with the page of assets", async () => {
    const { token } = await newToken("operator");
    const response = await listAssets(new Request("http://localhost/api/v1/assets", bearer(token.secret)));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await response.json()).toMatchObject({ items: expect.any(Array) });
  });

  it("answers 401 problem+json for a revoked token", async () => {
    const { db, token } = await newToken("admin");
    await revokeApiToken(db, ADMIN, token.uuid);
    const response = await listAssets(new Request("http://localhost/api/v1/assets", bearer(token.secret)));
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="asset-desk", error="invalid_token"');
    expect(await response.json()).toMatchObject({ status: 401, code: "unauthenticated" });
  });

  it("answers 403 to an operator's token approving assets, and changes nothing", async () => {
    const { db, token } = await newToken("operator");
    const asset = await createAsset(db);
    const before = await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } });
    const response = await approveAssets(
      new Request(
        "http://localhost/api/v1/assets/approve",
        bearer(token.secret, {
          method: "POST",
          body: JSON.stringify({ uuids: [asset.uuid] }),
          headers: { "content-type": "application/json" },
        }),
      ),
    );
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: "forbidden" });
    expect(await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid } })).toEqual(before);
    expect(await db.auditEvent.count({ where: { targetUuid: asset.uuid } })).toBe(0);
  });

  it("answers 429 with Retry-After beyond the per-minute limit", async () => {
    const statuses = await withinOneMinute(async () => {
      const { token } = await newToken("operator");
      const responses = [];
      for (let i = 0; i <= LIMIT; i++)
        responses.push(await listAssets(new Request("http://localhost/api/v1/assets", bearer(token.secret))));
      return responses;
    });
    expect(statuses.map((response) => response.status)).toEqual([...Array<number>(LIMIT).fill(200), 429]);
    const limited = statuses[LIMIT]!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited.json()).toMatchObject({ status: 429, code: "rate_limited" });
  });
});
