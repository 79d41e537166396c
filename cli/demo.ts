import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { closeDb, getDb, getDatabaseKind, migrateDatabase } from "@/lib/db";
import { env } from "@/lib/env";
import { DEFAULT_DEMO_PASSWORD, DEMO_USERS, seedDemo } from "@/lib/seed/demo";
import { sampleSummary } from "@/lib/seed/samples";

/**
 * A secret of the demo: the variable's value if set, else one made once and kept beside the data
 * (the session secret in demo-auth-secret, the key of source secrets in demo-secret-key).
 */
async function demoSecret(value: string | undefined, name: string): Promise<string> {
  if (value) return value;
  const dir = env.ASSET_DESK_DATA_DIR.startsWith("memory://") ? ".data" : env.ASSET_DESK_DATA_DIR;
  const file = path.resolve(dir, name);
  try {
    return (await readFile(file, "utf8")).trim();
  } catch {
    // 32 random bytes: a session secret of 43 characters, and an AES-256 key.
    const secret = randomBytes(32).toString("base64url");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, secret, { mode: 0o600 });
    return secret;
  }
}

/** `npm run demo`: prepare the database, print how to sign in, then serve the built app. */
export async function runDemo(): Promise<number> {
  if (!existsSync(".next/BUILD_ID"))
    throw new Error("No production build found: run `npm run build` first (npm run demo does).");
  const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD;
  await migrateDatabase();
  const kind = await getDatabaseKind();
  const seeded = await seedDemo(await getDb(), { password });
  // The embedded database admits one process at a time: release it before the server opens it.
  await closeDb();

  const port = process.env.PORT || "3000";
  const where = kind === "embedded" ? `embedded database in ${env.ASSET_DESK_DATA_DIR}/` : "PostgreSQL (DATABASE_URL)";
  console.log(`
  Asset Desk demo — ${where}${seeded.assets ? `, ${seeded.assets} demo assets created` : ""}
  ${sampleSummary(seeded.samples)}

    Open      http://localhost:${port}
    Sign in   ${DEMO_USERS.map((user) => `${user.email} (${user.role})`).join("\n              ")}
    Password  ${password}   (demo only; set DEMO_PASSWORD to choose another)
`);
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const server = spawn(process.execPath, [nextBin, "start", "--port", port], {
    stdio: "inherit",
    // Plain http on localhost: session cookies cannot be Secure-only here.
    env: {
      ...process.env,
      AUTH_SECRET: await demoSecret(env.AUTH_SECRET, "demo-auth-secret"),
      ASSET_DESK_SECRET_KEY: await demoSecret(env.ASSET_DESK_SECRET_KEY, "demo-secret-key"),
      AUTH_SECURE_COOKIES: process.env.AUTH_SECURE_COOKIES ?? "false",
    },
  });
  return new Promise((resolve) => server.on("exit", (code) => resolve(code ?? 0)));
}
