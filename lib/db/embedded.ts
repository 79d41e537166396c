import "server-only";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";

/** Opens the embedded PostgreSQL with the extensions the migrations use ("memory://" keeps it in memory). */
export async function openEmbeddedPostgres(dir: string): Promise<PGlite> {
  if (dir.startsWith("memory://")) return PGlite.create(dir, { extensions: { pg_trgm } });
  // PGlite does not create missing parent folders.
  await mkdir(path.resolve(dir), { recursive: true });
  return PGlite.create(path.resolve(dir), { extensions: { pg_trgm } });
}
