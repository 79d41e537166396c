import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { databaseUrl, dropDatabase, withAdmin } from "@/lib/testing/test-database";

// Runs before each test file: point lib/db at this file's own database.
const testDatabase = inject("testDatabase");
let ownDatabase: string | undefined;

if (testDatabase) {
  ownDatabase = `${testDatabase.template}_${randomBytes(3).toString("hex")}`;
  const create = `CREATE DATABASE "${ownDatabase}" TEMPLATE "${testDatabase.template}"`;
  await withAdmin(testDatabase.serverUrl, async (client) => {
    // Two files copying the template at the same instant make PostgreSQL refuse one; retry.
    for (let attempt = 1; ; attempt++) {
      try {
        return await client.query(create);
      } catch (error) {
        if (attempt >= 10 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  process.env.DATABASE_URL = databaseUrl(testDatabase.serverUrl, ownDatabase);
} else {
  // No PostgreSQL named: each file gets a fresh in-memory embedded database.
  delete process.env.DATABASE_URL;
  process.env.ASSET_DESK_DATA_DIR = "memory://";
}

// Each file caches thumbnails and preview segments in a folder of its own, never in the checkout's .data.
const cacheDir = mkdtempSync(path.join(os.tmpdir(), "asset-desk-test-cache-"));
process.env.ASSET_DESK_CACHE_DIR = cacheDir;

afterAll(async () => {
  const [{ closeDb }, { stopJobs }] = await Promise.all([import("@/lib/db"), import("@/lib/jobs/queue")]);
  await stopJobs();
  await closeDb();
  if (testDatabase && ownDatabase) await dropDatabase(testDatabase.serverUrl, ownDatabase);
  rmSync(cacheDir, { recursive: true, force: true });
});
