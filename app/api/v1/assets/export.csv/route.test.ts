import { beforeAll, describe, expect, it } from "vitest";
import { actAs } from "@/lib/testing/session";
import { GET } from "@/app/api/v1/assets/export.csv/route";
import { getDb } from "@/lib/db";
import { createAsset, createUser } from "@/lib/seed/factories";

// The export route in process: who may call it, what it refuses, and the headers of a download.

const tag = `export-route-${process.pid}-${Date.now()}`;
const request = (search: string) => new Request(`http://localhost/api/v1/assets/export.csv${search}`);
let operator: string;
let asset: string;

beforeAll(async () => {
  const db = await getDb();
  operator = (await createUser(db, { role: "operator" })).uuid;
  asset = (await createAsset(db, { uri: `/media/${tag}/clip.mkv` })).uuid;
});

describe("GET /api/v1/assets/export.csv", () => {
  it("answers 401 without a session or token", async () => {
    await actAs(null);
    const response = await GET(request(`?q=${tag}`));
    expect(response.status).toBe(401);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 400 for an unknown column, or a page parameter, naming it", async () => {
    await actAs(operator);
    const unknown = await GET(request("?columns=uri,colour"));
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({
      code: "invalid_input",
      errors: { query: [expect.stringContaining("columns=“uri,colour”")] },
    });
    const paged = await GET(request("?per=25"));
    expect(paged.status).toBe(400);
    expect(await paged.json()).toMatchObject({ errors: { query: ["Ignored the unknown parameter “per”."] } });
  });

  it("answers 403 to a role that may not see the trash asking for deleted assets", async () => {
    await actAs(operator);
    expect((await GET(request("?status=deleted"))).status).toBe(403);
  });

  it("sends the CSV as an attachment named after the UTC time", async () => {
    await actAs(operator);
    const response = await GET(request(`?q=${tag}&columns=status,uri`));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="assets-\d{8}T\d{6}Z\.csv"$/);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe(`uuid,status,uri\r\n${asset},pending,/media/${tag}/clip.mkv\r\n`);
  });
});
