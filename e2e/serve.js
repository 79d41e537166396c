// Playwright's webServer (playwright.config.ts): serves the already-built app on a database of its
// own, migrated and seeded with the demo data, and removes that database when Playwright stops it.
//
//   TEST_DATABASE_URL set → a fresh PostgreSQL database asset_desk_e2e_<random> on that server
//   unset                 → a fresh embedded (PGlite) folder under the system temp folder
//
// Specs that need more than HTTP (the crawler reads the server's log and the real ids; the
// resilience and two-instance specs start another server on the same database) find what they
// need in e2e/server-run.ts: the server's JSON log lines are also written to a file, and the
// database URL and session secret to a file beside it, both removed when Playwright stops.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = path.join(root, "cli/asset-desk.js");
const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
const port = process.env.E2E_PORT || "3100";

/** The child process running now (a CLI step or the server); stopped before the database goes. */
let current;
let stopping = false;
let removeDatabase = async () => {};

function log(message) {
  console.log(`e2e: ${message}`);
}

/** Where this run's server log and settings go (e2e/server-run.ts reads the same path). */
const runDir = path.join(os.tmpdir(), `asset-desk-e2e-run-${port}`);

function runNode(args, env, logFile) {
  if (stopping) return Promise.reject(new Error("stopping"));
  const child = spawn(process.execPath, args, {
    cwd: root,
    env,
    stdio: ["inherit", logFile ? "pipe" : "inherit", "inherit"],
  });
  if (logFile) {
    child.stdout.pipe(process.stdout);
    child.stdout.pipe(createWriteStream(logFile));
  }
  current = child;
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`node ${args.slice(1).join(" ")} ended with ${signal ?? `exit code ${code}`}`));
    });
  });
}

async function freshPostgres(adminUrl) {
  const name = `asset_desk_e2e_${randomBytes(6).toString("hex")}`;
  const admin = async (sql) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  // Set before CREATE so a stop that arrives mid-way still removes whatever was made.
  removeDatabase = async () => {
    // FORCE ends the connections a killed server may have left open.
    await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    log(`dropped database ${name}`);
  };
  await admin(`CREATE DATABASE "${name}"`);
  log(`created database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString() };
}

async function freshEmbedded() {
  const dir = await mkdtemp(path.join(os.tmpdir(), "asset-desk-e2e-"));
  removeDatabase = async () => {
    await rm(dir, { recursive: true, force: true });
    log(`removed ${dir}`);
  };
  log(`embedded database in ${dir}`);
  // An empty DATABASE_URL counts as unset in lib/env.ts, and .env files do not override it.
  return { DATABASE_URL: "", ASSET_DESK_DATA_DIR: dir };
}

async function stop(code) {
  if (stopping) return;
  stopping = true;
  if (current && current.exitCode === null && current.signalCode === null) {
    const exited = new Promise((resolve) => current.once("exit", resolve));
    current.kill("SIGTERM");
    await exited;
  }
  try {
    await rm(runDir, { recursive: true, force: true });
    await removeDatabase();
  } catch (error) {
    console.error(`e2e: could not remove the test database: ${error instanceof Error ? error.message : error}`);
    code = 1;
  }
  process.exit(code);
}

async function main() {
  const distDir = process.env.ASSET_DESK_DIST_DIR || ".next";
  if (!existsSync(path.join(root, distDir, "BUILD_ID"))) {
    console.error(`e2e: no production build in ${distDir}/: run \`npm run build\` first (\`npm run test:e2e\` does).`);
    process.exit(1);
  }
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => void stop(0));

  const adminUrl = process.env.TEST_DATABASE_URL;
  const database = adminUrl ? await freshPostgres(adminUrl) : await freshEmbedded();
  const env = {
    ...process.env,
    ...database,
    // A production server refuses to start without a session-signing secret; a throwaway one per run.
    AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString("base64"),
    // And without the key that encrypts Plex tokens and Jellyfin API keys; a throwaway one too.
    ASSET_DESK_SECRET_KEY: process.env.ASSET_DESK_SECRET_KEY || randomBytes(32).toString("base64"),
    // Plain http on 127.0.0.1: the session cookie cannot be Secure-only.
    AUTH_SECURE_COOKIES: "false",
    // The specs assert exact tab counts of small data; a busy machine must not turn them into estimates.
    ASSET_DESK_COUNT_TIMEOUT_MS: process.env.ASSET_DESK_COUNT_TIMEOUT_MS || "60000",
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    // Thumbnails of this run, removed with it (never the checkout's .data/cache).
    ASSET_DESK_CACHE_DIR: path.join(runDir, "cache"),
  };

  // Each step exits before the next starts: an embedded folder admits one process at a time.
  await runNode([cli, "db", "migrate"], env);
  await runNode([cli, "db", "seed"], env);
  await rm(runDir, { recursive: true, force: true });
  await mkdir(runDir, { mode: 0o700 });
  const settings = {
    databaseUrl: env.DATABASE_URL,
    authSecret: env.AUTH_SECRET,
    secretKey: env.ASSET_DESK_SECRET_KEY,
    logFile: path.join(runDir, "server.log"),
  };
  await writeFile(path.join(runDir, "server.json"), JSON.stringify(settings), { mode: 0o600 });
  await runNode([nextBin, "start", "--hostname", "127.0.0.1", "--port", port], env, settings.logFile);
  // The server ended on its own (not stopped by Playwright): clean up and report it.
  await stop(1);
}

main().catch(async (error) => {
  if (!stopping) console.error(`e2e: ${error instanceof Error ? error.message : error}`);
  await stop(1);
});
