// Usage: npx tsx prisma/tools/migration-check.ts
// Drift check for CI, like `prisma migrate diff --from-migrations … --to-schema … --exit-code`:
// exit 0 when prisma/migrations produce schema.prisma, 2 (printing the pending SQL) otherwise.
import path from "node:path";
import { diffMigrationsToSchema } from "./schema-engine";

const prismaDir = path.resolve(import.meta.dirname, "..");
const databaseUrl =
  process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

const sql = await diffMigrationsToSchema({
  databaseUrl,
  migrationsDir: path.join(prismaDir, "migrations"),
  schemaPath: path.join(prismaDir, "schema.prisma"),
});
if (sql.trim() === "") {
  console.log("schema and migrations are in sync");
  process.exit(0);
}
console.error(
  "schema.prisma and prisma/migrations disagree; run `npx tsx prisma/tools/migration-create.ts --name <name>`. Pending SQL:\n",
);
console.log(sql);
process.exit(2);
