import { beforeAll, describe, expect, it } from "vitest";
import { actAs } from "@/lib/testing/session";
import { GET as listAssets } from "@/app/api/v1/assets/route";
import { GET as listCatalog } from "@/app/api/v1/catalog/route";
import { GET as listAudit } from "@/app/api/v1/audit/route";
import { POST as deleteAssets } from "@/app/api/v1/assets/delete/route";
import { createApiToken } from "@/lib/auth/api-tokens";
import { getDb } from "@/lib/db";
import { createAsset, createUser } from "@/lib/seed/factories";

// Bad input to the list endpoints is the caller's mistake (400 naming the parameter), never a
// database error (500): numbers beyond their column, crafted cursors, NUL characters.

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
const ZERO = "00000000-0000-0000-0000-000000000000";
const get = (route: (request: Request) => Promise<Response>, path: string) =>
  route(new Request(`http://localhost${path}`));

let editor: { uuid: string; email: string };

beforeAll(async () => {
  const db = await getDb();
  editor = await createUser(db, { role: "editor" });
  const admin = await createUser(db, { role: "admin" });
  await createAsset(db);
  process.env.TEST_ADMIN_UUID = admin.uuid;
});

async function expectBadQuery(response: Response, parameter: string) {
  expect(response.status).toBe(400);
  const body = await response.json();
  expect(body.code).toBe("invalid_input");
  expect(JSON.stringify(body.errors)).toContain(parameter);
}

describe("numbers are checked against their columns", () => {
  it("answers 400 for a duration beyond the integer milliseconds column, 200 at its limit", async () => {
    await actAs(editor.uuid);
    await expectBadQuery(await get(listAssets, "/api/v1/assets?dur_min=1000000000"), "dur_min");
    await expectBadQuery(await get(listAssets, "/api/v1/assets?dur_max=2147484"), "dur_max");
    expect((await get(listAssets, "/api/v1/assets?dur_min=2147483")).status).toBe(200);
    await expectBadQuery(await get(listAssets, "/api/v1/assets?size_min=1e12"), "size_min");
    expect((await get(listAssets, "/api/v1/assets?size_max=1000000000")).status).toBe(200);
  });
});

describe("a crafted cursor is a 400, whatever it carries", () => {
  it.each([
    ["a value that is no timestamp (discovery order)", "", ["x", ZERO]],
    ["a calendar date that does not exist", "", ["2026-02-30 10:00:00+00", ZERO]],
    ["a size beyond bigint", "&sort=size", ["99999999999999999999", ZERO]],
    ["a duration beyond integer", "&sort=duration", ["2147483648", ZERO]],
    ["a NUL in a path", "&sort=uri", ["a\u0000b", ZERO]],
    ["null for a column that is never null", "&sort=size", [null, ZERO]],
    ["a uuid that is not one", "&sort=uri", ["/media", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"]],
  ])("assets: %s", async (_name, sort, key) => {
    await actAs(editor.uuid);
    await expectBadQuery(await get(listAssets, `/api/v1/assets?after=${cursor(key)}${sort}`), "cursor");
    await expectBadQuery(await get(listAssets, `/api/v1/assets?before=${cursor(key)}${sort}`), "cursor");
  });

  it("catalog and audit log refuse them the same way", async () => {
    await actAs(editor.uuid);
    await expectBadQuery(await get(listCatalog, `/api/v1/catalog?after=${cursor(["x", ZERO])}`), "cursor");
    await expectBadQuery(
      await get(listCatalog, `/api/v1/catalog?sort=duration&after=${cursor(["1e99", ZERO])}`),
      "cursor",
    );
    await actAs(process.env.TEST_ADMIN_UUID!);
    await expectBadQuery(await get(listAudit, `/api/v1/audit?after=${cursor(["yesterday", ZERO])}`), "cursor");
  });

  it("still follows the cursors the API hands out", async () => {
    await actAs(editor.uuid);
    for (const sort of ["discovered", "size", "duration", "uri", "container"]) {
      const first = await (await get(listAssets, `/api/v1/assets?per=25&sort=${sort}`)).json();
      if (!first.next) continue;
      expect((await get(listAssets, `/api/v1/assets?per=25&sort=${sort}&after=${first.next}`)).status, sort).toBe(200);
    }
  });
});

describe("NUL characters", () => {
  it("are refused in a query parameter", async () => {
    await actAs(editor.uuid);
    await expectBadQuery(await get(listAssets, "/api/v1/assets?q=a%00b"), "q");
  });

  it("are refused in a JSON body, before anything is written", async () => {
    const db = await getDb();
    const asset = await createAsset(db);
    const token = await createApiToken(
      db,
      { id: null, uuid: null, email: "cli:test" },
      { ownerEmail: editor.email, name: "nul" },
    );
    const response = await deleteAssets(
      new Request("http://localhost/api/v1/assets/delete", {
        method: "POST",
        headers: { authorization: `Bearer ${token.secret}`, "content-type": "application/json" },
        body: JSON.stringify({ uuids: [asset.uuid], reason: "duplicate\u0000" }),
      }),
    );
    expect(response.status).toBe(400);
    expect(await db.asset.findUniqueOrThrow({ where: { uuid: asset.uuid }, select: { isDeleted: true } })).toEqual({
      isDeleted: false,
    });
  });
});
