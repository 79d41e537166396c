import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { applyMigrations } from "@/lib/db/migrate";
import { openPgSession } from "@/lib/db/sessions";
import { TEST_DB_PREFIX, databaseUrl, dropDatabase, withAdmin } from "@/lib/testing/test-database";

declare module "vitest" {
  export interface ProvidedContext {
    testDatabase: { serverUrl: string; template: string } | null;
  }
}

export default async function setup(project: TestProject) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    project.provide("testDatabase", null);
    return;
  }
  const template = `${TEST_DB_PREFIX}${Date.now()}_${randomBytes(3).toString("hex")}`;
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE "${template}"`));
  const session = await openPgSession(databaseUrl(serverUrl, template));
  try {
    await applyMigrations(session);
  } finally {
    await session.close();
  }
  project.provide("testDatabase", { serverUrl, template });
  return async () => {
    // Per-file copies are dropped by their files; this also catches any a crashed worker left.
    const leftovers = await withAdmin(serverUrl, (client) =>
      client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${template}%`]),
    );
    for (const { datname } of leftovers.rows) await dropDatabase(serverUrl, datname);
  };
}
