import { cp, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { afterEach, describe, expect, it } from "vitest";
import { openEmbeddedPostgres } from "@/lib/db/embedded";
import { MIGRATIONS_DIR, applyMigrations, readMigrations } from "@/lib/db/migrate";
import { pgliteSession } from "@/lib/db/sessions";

// The runner is what migrates the embedded database at start-up and production via db:migrate.
const opened: PGlite[] = [];
const folders: string[] = [];

async function freshDatabase() {
  const db = await openEmbeddedPostgres("memory://");
  opened.push(db);
  return db;
}

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.close()));
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("applyMigrations", () => {
  it("applies every migration once, in order, recorded the way Prisma records them", async () => {
    const db = await freshDatabase();
    const names = (await readMigrations()).map((migration) => migration.name);
    expect(await applyMigrations(pgliteSession(db))).toEqual(names);
    expect(await applyMigrations(pgliteSession(db))).toEqual([]);

    const rows = await db.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    const files = await readMigrations();
    expect(rows.rows.map((row) => [row.migration_name, row.checksum])).toEqual(
      files.map((file) => [file.name, file.checksum]),
    );
    expect(rows.rows.every((row) => row.finished_at !== null)).toBe(true);
  });

  it("refuses to continue when an applied migration was edited afterwards", async () => {
    const db = await freshDatabase();
    const dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    folders.push(dir);
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await applyMigrations(pgliteSession(db), { dir });
    const [first] = (await readdir(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory());
    await writeFile(path.join(dir, first!.name, "migration.sql"), "-- edited\n", { flag: "a" });
    await expect(applyMigrations(pgliteSession(db), { dir })).rejects.toThrow(/was edited after it was applied/);
  });

  it("rolls a failing migration back whole and names it", async () => {
    const db = await freshDatabase();
    const dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    folders.push(dir);
    await cp(MIGRATIONS_DIR, dir, { recursive: true });
    await applyMigrations(pgliteSession(db), { dir });
    const broken = path.join(dir, "99999999999999_broken");
    await cp(path.join(dir, (await readMigrations(dir))[0]!.name), broken, { recursive: true });
    await writeFile(
      path.join(broken, "migration.sql"),
      `CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;`,
    );

    await expect(applyMigrations(pgliteSession(db), { dir })).rejects.toThrow(/99999999999999_broken failed/);
    const leftovers = await db.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
    expect(leftovers.rows).toHaveLength(0);
    const recorded = await db.query(
      `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '99999999999999_broken'`,
    );
    expect(recorded.rows).toHaveLength(0);
  });
});
