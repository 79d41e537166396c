import { expect } from "vitest";
import type { ActingViewer } from "@/lib/assets/visibility";
import { getDb } from "@/lib/db";
import { getRunSummary } from "@/lib/ingest/run-report";
import { createRun, executeRun } from "@/lib/ingest/runs";
import { createSource } from "@/lib/ingest/sources";
import { createUser } from "@/lib/seed/factories";

// A folder source as a scanner test needs it: made by a new admin, and scanned as the CLI does.

export interface FolderSource {
  actor: ActingViewer;
  sourceUuid: string;
  /** Runs a scan to its end (it must succeed) and returns its report. */
  scan: () => ReturnType<typeof getRunSummary>;
}

export async function createFolderSource(name: string, roots: string[]): Promise<FolderSource> {
  const db = await getDb();
  const user = await createUser(db, { role: "admin" });
  const row = await db.user.findUniqueOrThrow({ where: { uuid: user.uuid } });
  const actor: ActingViewer = { id: row.id, uuid: row.uuid, email: row.email, role: row.role };
  const { uuid: sourceUuid } = await createSource(db, actor, {
    kind: "filesystem",
    name,
    roots,
    url: "",
    secret: "",
    libraries: [],
    pathMaps: [],
  });
  return {
    actor,
    sourceUuid,
    scan: async () => {
      const run = await createRun(db, actor, sourceUuid, "cli");
      expect(await executeRun(db, run.uuid)).toMatchObject({ status: "succeeded", error: null });
      return getRunSummary(db, run.uuid, 100);
    },
  };
}
