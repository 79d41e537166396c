import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { test } from "./fixtures";

// What e2e/serve.js hands the specs besides the URL: the database the server uses, its session
// secrets (a second server must sign cookies and read source secrets alike) and the file its JSON
// log lines go to.

export interface ServerRun {
  /** Empty on the embedded database (PGlite), which admits one process at a time. */
  databaseUrl: string;
  authSecret: string;
  secretKey: string;
  logFile: string;
}

export const E2E_PORT = Number(process.env.E2E_PORT || 3100);

export function serverRun(): ServerRun {
  const file = path.join(os.tmpdir(), `asset-desk-e2e-run-${E2E_PORT}`, "server.json");
  return JSON.parse(readFileSync(file, "utf8")) as ServerRun;
}

/** The server's log so far, one object per JSON line (Next's own banner lines are not JSON). */
export function readServerLog(): Array<Record<string, unknown>> {
  return parseLogLines(readFileSync(serverRun().logFile, "utf8"));
}

export function parseLogLines(text: string): Array<Record<string, unknown>> {
  // Whole lines only: the server may be writing the last one right now.
  return text
    .slice(0, text.lastIndexOf("\n") + 1)
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** One query on the run's PostgreSQL database, on a connection of its own. */
export async function queryRunDatabase<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: serverRun().databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** A variant of the run's database URL whose connections carry `name` (pg_stat_activity.application_name). */
export function databaseUrlNamed(name: string): string {
  const url = new URL(serverRun().databaseUrl);
  url.searchParams.set("application_name", name);
  return url.toString();
}

export interface Instance {
  baseURL: string;
  /** Whether the process is still running. */
  alive(): boolean;
  /** What it wrote to stdout and stderr so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Another `next start` of the same build on the run's PostgreSQL database and session secret, as a
 * second instance behind a load balancer would be (with ASSET_DESK_WORKER=off, as beside dedicated
 * workers). Resolves once it answers /api/health.
 */
export async function startInstance(port: number, databaseUrl: string): Promise<Instance> {
  const nextBin = createRequire(import.meta.url).resolve("next/dist/bin/next");
  const run = serverRun();
  // No scan worker: it would take scans the specs beside this one queue on the first server, and
  // lose them when this one is stopped or has its connections killed.
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: run.authSecret,
    ASSET_DESK_SECRET_KEY: run.secretKey,
    AUTH_SECURE_COOKIES: "false",
    ASSET_DESK_WORKER: "off",
    // As the first server (serve.js): exact tab counts on a busy machine.
    ASSET_DESK_COUNT_TIMEOUT_MS: process.env.ASSET_DESK_COUNT_TIMEOUT_MS || "60000",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const child = spawn(process.execPath, [nextBin, "start", "--hostname", "127.0.0.1", "--port", String(port)], { env });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const alive = () => child.exitCode === null && child.signalCode === null;
  const instance: Instance = {
    baseURL: `http://127.0.0.1:${port}`,
    alive,
    output: () => output,
    stop: async () => {
      if (!alive()) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (!alive()) throw new Error(`the second server ended:\n${output}`);
    const ok = await fetch(`${instance.baseURL}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return instance;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await instance.stop();
  throw new Error(`the second server did not answer within 30 s:\n${output}`);
}

/**
 * For a spec file: a second instance on `port` whose connections carry `applicationName`, and a
 * connection of the test's own to the same database; started before the file's tests, stopped after.
 */
export function withSecondInstance(port: number, applicationName: string): { instance: Instance; db: pg.Client } {
  const held = {} as { instance: Instance; db: pg.Client };
  test.beforeAll(async () => {
    held.instance = await startInstance(port, databaseUrlNamed(applicationName));
    held.db = new pg.Client({ connectionString: serverRun().databaseUrl });
    await held.db.connect();
  });
  test.afterAll(async () => {
    await held.db?.end();
    await held.instance?.stop();
  });
  return held;
}

/** pg_stat_activity as it is now: inside a transaction it repeats its first answer unless told to look again. */
export async function queryActivity<T extends pg.QueryResultRow>(
  db: pg.Client,
  sql: string,
  params: unknown[],
): Promise<T[]> {
  await db.query("SELECT pg_stat_clear_snapshot()");
  return (await db.query<T>(sql, params)).rows;
}
