import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import type { ActingViewer } from "@/lib/assets/visibility";
import { applyTransition } from "@/lib/assets/workflow";
import { getDb } from "@/lib/db";
import { createAsset } from "@/lib/seed/factories";

// `asset-desk catalog …` as an operator on the server runs it: a real process on this file's
// PostgreSQL database (it needs the same database as the test, so it runs only with one).

const SERVER: ActingViewer = { id: null, uuid: null, email: "cli-catalog@test.local", role: "server" };

function cli(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", LOG_LEVEL: "warn" };
  return new Promise((resolve) => {
    execFile(process.execPath, ["cli/asset-desk.js", ...args], { env, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

async function approved(promote: boolean): Promise<string> {
  const db = await getDb();
  const { uuid } = await createAsset(db, { probeError: null });
  const steps = promote ? (["approve", "promote"] as const) : (["approve"] as const);
  for (const step of steps) await applyTransition(db, SERVER, step, { kind: "uuids", uuids: [uuid] }, { bulk: false });
  return uuid;
}

describe.skipIf(!process.env.DATABASE_URL)("asset-desk catalog", () => {
  it("edits an entry's title and tags, and replaces its source, audited as the CLI user", async () => {
    const db = await getDb();
    const oldUuid = await approved(true);
    const newUuid = await approved(false);
    const entry = await db.catalogAsset.findFirstOrThrow({ where: { sourceAsset: { uuid: oldUuid } } });

    const edit = await cli("catalog", "edit", entry.uuid, "--title", " Night news ", "--tags", "News, late,news");
    expect(edit.code, edit.stderr).toBe(0);
    expect(edit.stdout).toContain(`Changed title and tags of catalog entry ${entry.uuid}`);

    const replace = await cli(
      "catalog",
      "replace-source",
      entry.uuid,
      "--asset",
      `https://desk.example/assets/${newUuid}`,
    );
    expect(replace.code, replace.stderr).toBe(0);
    expect(replace.stdout).toContain(`now plays asset ${newUuid}`);

    const after = await db.catalogAsset.findUniqueOrThrow({
      where: { id: entry.id },
      include: { sourceAsset: { select: { uuid: true } } },
    });
    expect(after).toMatchObject({ uuid: entry.uuid, title: "Night news", tags: ["late", "news"] });
    expect(after.sourceAsset?.uuid).toBe(newUuid);
    const audit = await db.auditEvent.findMany({ where: { targetUuid: entry.uuid }, orderBy: { id: "asc" } });
    expect(audit.map((event) => [event.action, event.actorEmail?.startsWith("cli:")])).toEqual([
      ["catalog.edit", true],
      ["catalog.replace_source", true],
    ]);
  }, 240_000);

  it("says why it refuses, and exits 1", async () => {
    const entryUuid = (
      await (await getDb()).catalogAsset.findFirstOrThrow({ where: { sourceAsset: { uuid: await approved(true) } } })
    ).uuid;
    const pending = (await createAsset(await getDb())).uuid;
    const refused = await cli("catalog", "replace-source", entryUuid, "--asset", pending);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/not approved; only an approved asset can back a catalog entry/);
    const badTitle = await cli("catalog", "edit", entryUuid, "--title", "   ");
    expect(badTitle.code).toBe(1);
    expect(badTitle.stderr).toContain("--title: Enter a title.");
  }, 240_000);
});
