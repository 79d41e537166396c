import os from "node:os";
import { afterEach, describe, expect, it, vi } from "vitest";
import { runSourcesCommand } from "@/cli/sources";
import { getDb } from "@/lib/db";
import { createSource } from "@/lib/ingest/sources";

// `asset-desk sources` in process, on this file's own test database: the list and the schedule,
// through the same functions as the sources page and PUT /api/v1/sources/{uuid}/schedule.

afterEach(() => vi.restoreAllMocks());

const SETUP = { id: null, uuid: null, email: "setup@test.local" };

async function folderSource(name: string) {
  return createSource(await getDb(), SETUP, {
    kind: "filesystem",
    name,
    roots: [os.tmpdir()],
    url: "",
    secret: "",
    libraries: [],
    pathMaps: [],
  });
}

describe("asset-desk sources", () => {
  it("sets a schedule (every N hours, cron, off), shows it, and audits each change once", async () => {
    const db = await getDb();
    const { uuid } = await folderSource(`cli-schedule-${Date.now()}`);
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void printed.push(line));

    const before = Date.now();
    expect(await runSourcesCommand(["schedule", uuid], { every: "6", json: true })).toBe(0);
    const every = JSON.parse(printed.pop()!) as { description: string; nextScanAt: string };
    expect(every.description).toBe("every 6 hours");
    expect(new Date(every.nextScanAt).getTime()).toBeGreaterThanOrEqual(before + 6 * 3_600_000);
    // The same schedule again keeps its next time and writes no audit row.
    expect(await runSourcesCommand(["schedule", uuid], { every: "6", json: true })).toBe(0);
    expect(JSON.parse(printed.pop()!)).toMatchObject({ nextScanAt: every.nextScanAt });

    expect(await runSourcesCommand(["schedule", uuid], { cron: "0  3 * * *" })).toBe(0);
    expect(printed.pop()).toMatch(/^Scans cron 0 3 \* \* \* \(UTC\); next \d{4}-\d\d-\d\dT03:00:00Z\.$/);
    expect(await runSourcesCommand(["schedule", uuid], {})).toBe(0);
    expect(printed.pop()).toMatch(/^Scans cron 0 3 \* \* \* \(UTC\)/);
    expect(await runSourcesCommand(["list"], {})).toBe(0);
    expect(printed.pop()).toContain(`${uuid}  filesystem`);

    expect(await runSourcesCommand(["schedule", uuid], { off: true })).toBe(0);
    expect(printed.pop()).toBe("Scans off; next –.");
    const stored = await db.source.findUniqueOrThrow({ where: { uuid } });
    expect(stored).toMatchObject({ scanEveryHours: null, scanCron: null, nextScanAt: null });
    const audit = await db.auditEvent.findMany({
      where: { targetUuid: uuid, action: "source.update" },
      orderBy: { id: "asc" },
    });
    expect(audit.map((row) => [row.before, row.after, row.actorEmail])).toEqual([
      [{ schedule: "off" }, { schedule: "every 6 hours" }, expect.stringMatching(/^cli:/)],
      [{ schedule: "every 6 hours" }, { schedule: "cron 0 3 * * * (UTC)" }, expect.stringMatching(/^cli:/)],
      [{ schedule: "cron 0 3 * * * (UTC)" }, { schedule: "off" }, expect.stringMatching(/^cli:/)],
    ]);
  });

  it("refuses a bad schedule with the form's message and changes nothing", async () => {
    const db = await getDb();
    const { uuid } = await folderSource(`cli-schedule-bad-${Date.now()}`);
    await expect(runSourcesCommand(["schedule", uuid], { every: "0" })).rejects.toThrow(/--every: Whole hours/);
    await expect(runSourcesCommand(["schedule", uuid], { every: "2.5" })).rejects.toThrow(/--every/);
    await expect(runSourcesCommand(["schedule", uuid], { cron: "0 3 * *" })).rejects.toThrow(/--cron: .*five fields/);
    await expect(runSourcesCommand(["schedule", uuid], { cron: "61 * * * *" })).rejects.toThrow(/Not a cron/);
    await expect(runSourcesCommand(["schedule", uuid], { every: "6", off: true })).rejects.toThrow(/one of/);
    await expect(runSourcesCommand(["schedule", "42"], { off: true })).rejects.toThrow(/Not a uuid/);
    await expect(
      runSourcesCommand(["schedule", "00000000-0000-4000-8000-000000000000"], { off: true }),
    ).rejects.toThrow(/No source/);
    expect(await db.source.findUniqueOrThrow({ where: { uuid } })).toMatchObject({
      scanEveryHours: null,
      scanCron: null,
    });
    expect(await db.auditEvent.count({ where: { targetUuid: uuid, action: "source.update" } })).toBe(0);
  });
});
