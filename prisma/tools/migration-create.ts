// Usage: npx tsx prisma/tools/migration-create.ts --name <snake_name>
// Offline replacement for `prisma migrate dev --create-only`: writes the SQL that takes the
// migration history to schema.prisma as a new migration folder. No data-loss warnings
// (the WASM engine cannot evaluate them without the native shadow-database support).
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { MIGRATION_LOCK, diffMigrationsToSchema } from "./schema-engine";

const prismaDir = path.resolve(import.meta.dirname, "..");
const migrationsDir = path.join(prismaDir, "migrations");

const { values } = parseArgs({ options: { name: { type: "string" } } });
const name = values.name ?? "";
if (!/^[a-z0-9]+(_[a-z0-9]+)*$/.test(name)) {
  console.error("usage: migration-create.ts --name <snake_case_name>");
  process.exit(1);
}

const databaseUrl =
  process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const sql = await diffMigrationsToSchema({
  databaseUrl,
  migrationsDir,
  schemaPath: path.join(prismaDir, "schema.prisma"),
});
if (sql.trim() === "") {
  console.log("schema and migrations are in sync");
  process.exit(0);
}

// Prisma's folder name: UTC timestamp YYYYMMDDHHMMSS, underscore, name.
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
// flag "wx": never overwrite an existing migration or lock file.
await writeFile(path.join(dir, "migration.sql"), sql, { flag: "wx" });
await writeFile(path.join(migrationsDir, "migration_lock.toml"), MIGRATION_LOCK, { flag: "wx" }).catch(
  (e: NodeJS.ErrnoException) => {
    if (e.code !== "EEXIST") throw e;
  },
);
console.log(path.relative(process.cwd(), path.join(dir, "migration.sql")));
