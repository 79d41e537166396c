// Fails when schema.prisma was changed without a migration (or a migration was edited by hand).
// Needs a real PostgreSQL for the shadow database (PGlite cannot serve), hence TEST_DATABASE_URL.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffMigrationsToSchema } from "./schema-engine";

const url = process.env.TEST_DATABASE_URL;
const prismaDir = fileURLToPath(new URL("..", import.meta.url));

describe("prisma/migrations", () => {
  it.skipIf(!url)(
    url
      ? "produce exactly schema.prisma"
      : "produce exactly schema.prisma [skipped: TEST_DATABASE_URL unset; needs PostgreSQL for the shadow database]",
    async () => {
      const pending = await diffMigrationsToSchema({
        databaseUrl: url!,
        migrationsDir: `${prismaDir}migrations`,
        schemaPath: `${prismaDir}schema.prisma`,
      });
      // On failure the message shows the SQL still missing; create it with
      // `npx tsx prisma/tools/migration-create.ts --name <name>`.
      expect(pending).toBe("");
    },
    60_000,
  );
});
