import { defineConfig } from "prisma/config";

// Prisma's CLI downloads a native schema engine before any command unless one is named.
// `generate` never runs it, so any executable will do; migrations use our own runner
// (lib/db/migrate.ts) and the WASM engine (prisma/tools/), both offline.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
