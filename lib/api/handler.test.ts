import { beforeAll, describe, expect, it } from "vitest";
import { actAs } from "@/lib/testing/session";
import { POST as bulkApprove } from "@/app/api/v1/assets/approve/route";
import { MAX_BODY_BYTES } from "@/lib/api/handler";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import { createAsset, createUser } from "@/lib/seed/factories";

// The REST API's guards that come before any endpoint: CSRF for the session cookie, body size.

const URL_ = "http://localhost/api/v1/assets/approve";
let editor: string;
let token: string;

beforeAll(async () => {
  const db = await getDb();
  const user = await createUser(db, { role: "editor" });
  editor = user.uuid;
  token = (
    await createApiToken(
      db,
      { id: null, uuid: null, email: "handler-test@test.local" },
      { ownerEmail: user.email, name: "handler test" },
    )
  ).secret;
});

async function pendingAsset(): Promise<string> {
  return (await createAsset(await getDb())).uuid;
}

/** "approved" once the asset has been approved (its audit row says so), else "pending". */
async function statusOf(uuid: string) {
  const approvals = await (await getDb()).auditEvent.count({ where: { targetUuid: uuid, action: "asset.approve" } });
  return approvals > 0 ? "approved" : "pending";
}

async function problemCode(response: Response): Promise<string> {
  expect(response.headers.get("content-type")).toBe("application/problem+json");
  return ((await response.json()) as { code: string }).code;
}

describe("CSRF: a change made with the session cookie", () => {
  it("is refused as text/plain (what a cross-site form or no-cors fetch can send), and changes nothing", async () => {
    await actAs(editor);
    const uuid = await pendingAsset();
    const audit = await (await getDb()).auditEvent.count();
    const response = await bulkApprove(
      new Request(URL_, {
        method: "POST",
        headers: { "content-type": "text/plain", origin: "http://localhost" },
        body: JSON.stringify({ uuids: [uuid] }),
      }),
    );
    expect(response.status).toBe(403);
    expect(await problemCode(response)).toBe("forbidden");
    expect(await statusOf(uuid)).toBe("pending");
    expect(await (await getDb()).auditEvent.count()).toBe(audit);
  });

  it("is refused as JSON from another origin, or with no Origin at all", async () => {
    await actAs(editor);
    const uuid = await pendingAsset();
    for (const origin of ["https://evil.example", "http://localhost.evil.example", "null", undefined]) {
      const headers = new Headers({ "content-type": "application/json" });
      if (origin) headers.set("origin", origin);
      const response = await bulkApprove(
        new Request(URL_, { method: "POST", headers, body: JSON.stringify({ uuids: [uuid] }) }),
      );
      expect(response.status, String(origin)).toBe(403);
      await response.body?.cancel();
    }
    expect(await statusOf(uuid)).toBe("pending");
  });

  it("is accepted as JSON from the desk's own origin (as the Host header names it)", async () => {
    await actAs(editor);
    const uuid = await pendingAsset();
    const headers = {
      "content-type": "application/json; charset=utf-8",
      origin: "http://desk.example:3000",
      host: "desk.example:3000",
      "x-forwarded-proto": "http",
    };
    const response = await bulkApprove(
      new Request(URL_, { method: "POST", headers, body: JSON.stringify({ uuids: [uuid] }) }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ changed: 1 });
    expect(await statusOf(uuid)).toBe("approved");
  });

  it("does not concern bearer tokens, which browsers do not send by themselves", async () => {
    await actAs(null);
    const uuid = await pendingAsset();
    const headers = {
      authorization: `Bearer ${token}`,
      "content-type": "text/plain",
      origin: "https://elsewhere.example",
    };
    const response = await bulkApprove(
      new Request(URL_, { method: "POST", headers, body: JSON.stringify({ uuids: [uuid] }) }),
    );
    expect(response.status).toBe(200);
    await response.body?.cancel();
    expect(await statusOf(uuid)).toBe("approved");
  });
});

/** A body of `total` bytes made on demand; `pulled` says how much of it was read. */
function lazyBody(total: number) {
  const state = { pulled: 0 };
  const chunk = new TextEncoder().encode(" ".repeat(64 * 1024));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= total) return controller.close();
      state.pulled += chunk.byteLength;
      controller.enqueue(chunk);
    },
  });
  return { stream, state };
}

describe("request bodies over 1 MiB", () => {
  const bearer = { authorization: "", "content-type": "application/json" };
  beforeAll(() => {
    bearer.authorization = `Bearer ${token}`;
  });

  it("are refused with 413 by their Content-Length, before any of the body is read", async () => {
    const { stream, state } = lazyBody(64 * MAX_BODY_BYTES);
    const request = new Request(URL_, {
      method: "POST",
      headers: { ...bearer, "content-length": String(64 * MAX_BODY_BYTES) },
      body: stream,
      duplex: "half",
    } as RequestInit);
    const response = await bulkApprove(request);
    expect(response.status).toBe(413);
    expect(await problemCode(response)).toBe("payload_too_large");
    expect(state.pulled).toBeLessThanOrEqual(64 * 1024);
  });

  it("are refused with 413 as they stream in without a Content-Length, having read little more than 1 MiB", async () => {
    const { stream, state } = lazyBody(64 * MAX_BODY_BYTES);
    const request = new Request(URL_, { method: "POST", headers: bearer, body: stream, duplex: "half" } as RequestInit);
    expect(request.headers.get("content-length")).toBeNull();
    const response = await bulkApprove(request);
    expect(response.status).toBe(413);
    expect(await problemCode(response)).toBe("payload_too_large");
    expect(state.pulled).toBeLessThan(MAX_BODY_BYTES + 256 * 1024);
  });

  it("a body of 1 MiB exactly is still read", async () => {
    const uuid = await pendingAsset();
    const json = JSON.stringify({ uuids: [uuid] });
    const body = json.slice(0, -1) + " ".repeat(MAX_BODY_BYTES - json.length) + "}";
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
    const response = await bulkApprove(new Request(URL_, { method: "POST", headers: bearer, body }));
    expect(response.status).toBe(200);
    await response.body?.cancel();
    expect(await statusOf(uuid)).toBe("approved");
  });
});
