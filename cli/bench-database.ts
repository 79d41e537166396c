import { spawnSync } from "node:child_process";
import pg from "pg";
import { closeDb, getDb, migrateDatabase, type Db } from "@/lib/db";
import { generateSyntheticAssets } from "@/lib/seed/synthetic";

// The database every `bench` command measures: BENCH_DATABASE_URL (default asset_desk_bench on
// local PostgreSQL), created if missing, migrated, topped up to BENCH_ASSETS synthetic assets
// (default 10,000,000) and vacuumed, so all benchmarks run on the same data.

export const DEFAULT_BENCH_URL = "postgres://postgres@127.0.0.1:5432/asset_desk_bench";
export const BENCH_ASSETS = benchAssets();

function benchAssets(): number {
  const value = Number(process.env.BENCH_ASSETS ?? 10_000_000);
  if (!Number.isInteger(value) || value < 1) throw new Error("BENCH_ASSETS must be a positive whole number");
  return value;
}

/**
 * Prepares the benchmark database and runs `measure` on it; resolves to the exit code. A read-only
 * benchmark neither migrates, fills nor vacuums: it runs on the database as it is, once filled.
 */
export async function withBenchDatabase(
  measure: (db: Db, url: string) => Promise<number>,
  { readOnly = false } = {},
): Promise<number> {
  const url = process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_URL;
  // lib/env reads DATABASE_URL once at import, so the benchmark runs in a process started with it.
  if (process.env.DATABASE_URL !== url) {
    const child = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
      stdio: "inherit",
      env: { ...process.env, DATABASE_URL: url },
    });
    return child.status ?? 1;
  }
  // `npm run bench` prepares the database once for all of its benchmarks.
  if (prepared) return measure(await getDb(), url);
  if (!readOnly) {
    await createDatabaseIfMissing(url);
    await migrateDatabase();
  }
  const db = await getDb();
  try {
    await (readOnly ? requireFilled(db) : fillAssets(db));
    prepared = !readOnly;
    return await measure(db, url);
  } finally {
    prepared = false;
    await closeDb();
  }
}

let prepared = false;

async function createDatabaseIfMissing(url: string) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
      console.log(`Created database ${name}.`);
    }
  } finally {
    await client.end();
  }
}

async function countAssets(db: Db): Promise<number> {
  const [{ n }] = await db.$queryRaw<[{ n: number }]>`SELECT count(*)::int AS n FROM assets`;
  return n;
}

async function requireFilled(db: Db) {
  const n = await countAssets(db);
  if (n < BENCH_ASSETS)
    throw new Error(
      `The benchmark database holds ${n.toLocaleString("en")} assets; \`npm run bench:list\` fills it to ${BENCH_ASSETS.toLocaleString("en")} (BENCH_ASSETS).`,
    );
  console.log(`${n.toLocaleString("en")} assets (read only).`);
}

async function fillAssets(db: Db) {
  const n = await countAssets(db);
  if (n < BENCH_ASSETS) {
    const started = performance.now();
    await generateSyntheticAssets(db, {
      count: BENCH_ASSETS - n,
      onBatch: (done, total) =>
        process.stdout.write(`\rfilling: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} assets`),
      onStep: (step) => console.log(`\n${step} (${seconds(started)})`),
    });
    console.log(`\nInserted ${(BENCH_ASSETS - n).toLocaleString("en")} assets in ${seconds(started)}.`);
  }
  // After a fill (or new indexes) the planner needs statistics and index-only scans a visibility map.
  const started = performance.now();
  await db.$executeRawUnsafe("VACUUM ANALYZE assets, provider_refs, catalog_assets, episode_assets, audit_events");
  console.log(`${Math.max(n, BENCH_ASSETS).toLocaleString("en")} assets; VACUUM ANALYZE in ${seconds(started)}.`);
}

export function seconds(started: number) {
  return `${((performance.now() - started) / 1000).toFixed(1)} s`;
}
