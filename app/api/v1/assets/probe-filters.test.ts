import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { actAs } from "@/lib/testing/session";
import { GET as listAssets } from "@/app/api/v1/assets/route";
import { GET as exportCsv } from "@/app/api/v1/assets/export.csv/route";
import { GET as getAsset } from "@/app/api/v1/assets/[uuid]/route";
import { getDb } from "@/lib/db";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { createSource } from "@/lib/ingest/sources";
import { createUser } from "@/lib/seed/factories";
import { makeProbeFixtures, type ProbeFixture } from "@/lib/testing/probe-fixtures";

// The full-probe filters through the list API, on clips ffmpeg made and a scan recorded: each
// filter finds exactly the clips with that property; a value it does not know is a 400 naming it.

let dir: string;
let at: Record<ProbeFixture, string>;
const names = new Map<string, ProbeFixture>();
let operatorUuid: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-probe-filters-"));
  at = await makeProbeFixtures(dir);
  for (const [name, file] of Object.entries(at)) names.set(file, name as ProbeFixture);
  const db = await getDb();
  const operator = await db.user.findUniqueOrThrow({
    where: { uuid: (await createUser(db, { role: "operator" })).uuid },
  });
  const actor = { id: operator.id, uuid: operator.uuid, email: operator.email, role: operator.role };
  const source = await createSource(db, actor, {
    kind: "filesystem",
    name: "Probe filters",
    roots: [dir],
    url: "",
    secret: "",
    libraries: [],
    pathMaps: [],
  });
  const run = await createRun(db, actor, source.uuid, "cli");
  expect(await executeRun(db, run.uuid)).toMatchObject({ status: "succeeded" });
  operatorUuid = operator.uuid;
}, 120_000);

beforeEach(() => actAs(operatorUuid));

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const list = (query: string) => listAssets(new Request(`http://localhost/api/v1/assets?${query}`));

async function found(query: string): Promise<ProbeFixture[]> {
  const response = await list(query);
  expect(response.status).toBe(200);
  const body = (await response.json()) as { items: { uri: string }[] };
  return body.items.map((item) => names.get(item.uri)!).sort();
}

describe("the full-probe filters of GET /api/v1/assets", () => {
  it.each([
    ["res=sd", ["interlaced", "subtitled", "surround"]],
    ["res=720p", ["clean"]],
    ["res=1080p", ["hlg"]],
    ["res=2160p", []],
    ["res=720p,1080p", ["clean", "hlg"]],
    ["interlaced=yes", ["interlaced"]],
    ["interlaced=no", ["clean", "hlg", "subtitled", "surround"]],
    ["hdr=yes", ["hlg"]],
    ["hdr=no", ["clean", "interlaced", "subtitled", "surround"]],
    ["channels=mono", ["interlaced", "subtitled"]],
    ["channels=stereo", ["clean"]],
    ["channels=surround", ["surround"]],
    ["alang=FRA", ["subtitled"]],
    ["alang=eng", []],
    ["subs=yes", ["subtitled"]],
    ["subs=no", ["clean", "hlg", "interlaced", "surround"]],
    ["res=sd&channels=surround", ["surround"]],
  ])("%s finds %j", async (query, expected) => {
    expect(await found(query)).toEqual(expected);
  });

  it.each(["res=4k", "interlaced=true", "hdr=1", "channels=5.1", "alang=e1", "subs=maybe"])(
    "%s is a 400 naming the parameter",
    async (query) => {
      const response = await list(query);
      expect(response.status).toBe(400);
      const body = await response.json();
      expect(body.code).toBe("invalid_input");
      expect(JSON.stringify(body.errors)).toContain(query.split("=")[0]);
    },
  );

  it("carries the figures in each asset's JSON, and the streams in the detail", async () => {
    const response = await list("hdr=yes");
    const [asset] = (await response.json()).items as { uuid: string; streams: unknown }[];
    expect(asset!.streams).toEqual({
      videoHeight: 1080,
      interlaced: false,
      hdr: true,
      audioChannels: null,
      audioLanguages: [],
      subtitleCount: 0,
    });
    const detail = await getAsset(new Request(`http://localhost/api/v1/assets/${asset!.uuid}`), {
      params: Promise.resolve({ uuid: asset!.uuid }),
    });
    expect((await detail.json()).probe).toMatchObject({
      video: [{ width: 1920, height: 1080, bitDepth: 10, transfer: "arib-std-b67", hdr: "hlg" }],
      audio: [],
      subtitles: [],
    });
  });

  it("exports the figures as CSV fields under the same filter", async () => {
    const response = await exportCsv(
      new Request("http://localhost/api/v1/assets/export.csv?subs=yes&columns=uri,streams"),
    );
    expect(response.status).toBe(200);
    const [header, row, rest] = (await response.text()).trim().split("\r\n");
    expect(header).toBe("uuid,uri,video_height,interlaced,hdr,audio_channels,audio_languages,subtitle_count");
    expect(row).toMatch(new RegExp(`,${at.subtitled},180,false,false,1,fra,1$`));
    expect(rest).toBeUndefined();
  });
});
